/**
 * @jest-environment jsdom
 */
import '../../testing/angular-test-bed';
import { TestBed } from '@angular/core/testing';
import { declareSignalInputs } from '../../testing/signal-inputs';
import type { Step } from '../verification/verification-flow';
import { OutcomePage } from './outcome-page';

declareSignalInputs(OutcomePage, { step: { required: true }, detail: { required: false } });

function render(step: Step, detail?: string): HTMLElement {
  const fixture = TestBed.createComponent(OutcomePage);
  fixture.componentRef.setInput('step', step);
  if (detail !== undefined) fixture.componentRef.setInput('detail', detail);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const heading = (page: HTMLElement) => page.querySelector('h1')!.textContent!.trim();
const tone = (page: HTMLElement) => [...page.querySelector('.outcome')!.classList].filter((c) => c !== 'outcome');

describe('OutcomePage', () => {
  it('tells a verified caller to tell the agent', () => {
    const page = render('passed');
    expect(heading(page)).toBe('You’re verified');
    expect(tone(page)).toEqual(['good']);
    expect(page.textContent).toContain('Tell the helpdesk agent you have finished');
  });

  it('sends a failed or unverifiable caller to the helpdesk, without saying why', () => {
    for (const step of ['failed', 'not_enough'] as const) {
      const page = render(step);
      expect(heading(page)).toBe('We couldn’t verify you online');
      expect(tone(page)).toEqual(['stop']);
      expect(page.textContent).toContain('contact your helpdesk');
    }
  });

  it('explains a spent link and a session that ran out', () => {
    expect(heading(render('invalid'))).toBe('This link can’t be used');
    expect(heading(render('expired'))).toBe('Your time ran out');
  });

  it('shows the error page, with its detail, for an error or a step without a page of its own', () => {
    expect(heading(render('error'))).toBe('Something went wrong');
    expect(heading(render('landing'))).toBe('Something went wrong');
    expect(render('error', 'Too many attempts from your network.').textContent).toContain('Too many attempts from your network.');
  });

  it('shows no detail paragraph when there is none', () => {
    const page = render('error');
    expect(page.querySelectorAll('p')).toHaveLength(1);
  });
});
