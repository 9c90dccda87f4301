/**
 * @jest-environment jsdom
 */
import '../../testing/angular-test-bed';
import { TestBed } from '@angular/core/testing';
import { declareSignalInputs } from '../../testing/signal-inputs';
import type { PasskeyNotice } from '../verification/verification-flow';
import { PasskeyStep } from './passkey-step';

declareSignalInputs(PasskeyStep, { busy: { required: false }, notice: { required: false } });

function render(notice: PasskeyNotice, busy = false) {
  const fixture = TestBed.createComponent(PasskeyStep);
  fixture.componentRef.setInput('notice', notice);
  fixture.componentRef.setInput('busy', busy);
  fixture.detectChanges();
  const page = fixture.nativeElement as HTMLElement;
  const button = (name: string) => [...page.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;
  return { fixture, page, button };
}

describe('PasskeyStep', () => {
  it('offers the passkey, and a way on without it', () => {
    const { page, button, fixture } = render(null);
    expect(page.querySelector('h1')!.textContent).toBe('Use your recovery passkey');
    const used = jest.fn();
    const skipped = jest.fn();
    fixture.componentInstance.use.subscribe(used);
    fixture.componentInstance.skip.subscribe(skipped);
    button('Use my passkey').click();
    button('I can’t use it — continue').click();
    expect([used.mock.calls.length, skipped.mock.calls.length]).toEqual([1, 1]);
  });

  it('says why to try again, in a live region', () => {
    expect(render('cancelled').page.querySelector('[role=status]')!.textContent).toContain('No passkey was used');
    expect(render('failed').page.querySelector('[role=status]')!.textContent).toContain('couldn’t be checked');
    expect(render(null).page.querySelector('[role=status]')!.textContent!.trim()).toBe('');
  });

  it('holds both buttons while the prompt is open', () => {
    const { page } = render(null, true);
    expect([...page.querySelectorAll('button')].every((b) => b.disabled)).toBe(true);
  });
});
