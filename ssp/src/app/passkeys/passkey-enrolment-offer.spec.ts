/**
 * @jest-environment jsdom
 */
import '../../testing/angular-test-bed';
import { TestBed } from '@angular/core/testing';
import { PasskeyEnrolment } from './passkey-enrolment';
import { PasskeyEnrolmentOffer } from './passkey-enrolment-offer';
import type { WebAuthnPrompts } from './webauthn';

function render() {
  const prompts = { supported: () => true } as WebAuthnPrompts;
  TestBed.configureTestingModule({ providers: [{ provide: PasskeyEnrolment, useFactory: () => new PasskeyEnrolment(prompts) }] });
  const enrolment = TestBed.inject(PasskeyEnrolment);
  const fixture = TestBed.createComponent(PasskeyEnrolmentOffer);
  const page = fixture.nativeElement as HTMLElement;
  const show = () => {
    fixture.detectChanges();
    return { heading: page.querySelector('h2')?.textContent?.trim() ?? null, text: page.textContent ?? '' };
  };
  return { enrolment, page, show };
}

afterEach(() => TestBed.resetTestingModule());

describe('PasskeyEnrolmentOffer', () => {
  it('shows nothing until a pass offers it, and nothing once declined', () => {
    const { enrolment, show } = render();
    expect(show().heading).toBeNull();
    enrolment.offer();
    expect(show().heading).toBe('Add a recovery passkey for next time');
    enrolment.decline();
    expect(show().heading).toBeNull();
  });

  it('wires the buttons to the enrolment', () => {
    const { enrolment, page, show } = render();
    enrolment.offer();
    show();
    const add = jest.spyOn(enrolment, 'add').mockResolvedValue();
    const buttons = [...page.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent!.trim())).toEqual(['Add a recovery passkey', 'Not now']);
    buttons[0].click();
    expect(add).toHaveBeenCalled();
    buttons[1].click();
    expect(enrolment.state()).toBe('declined');
  });

  it('tells the result in plain words', () => {
    const { enrolment, show } = render();
    for (const [state, heading] of [
      ['added', 'Recovery passkey added'],
      ['already_added', 'You already have a recovery passkey here'],
      ['closed', 'The time to add a passkey has run out'],
    ] as const) {
      enrolment.state.set(state);
      expect(show().heading).toBe(heading);
    }
  });
});
