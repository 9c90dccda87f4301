import { ChangeDetectionStrategy, Component, effect, ElementRef, inject } from '@angular/core';
import { PasskeyEnrolment } from './passkey-enrolment';

/** Below "You're verified": "Add a recovery passkey for next time", for the few minutes after a pass. */
@Component({
  selector: 'rg-passkey-enrolment-offer',
  template: `
    @switch (enrolment.state()) {
      @case ('added') {
        <section class="enrol" aria-labelledby="enrol-title">
          <h2 id="enrol-title" tabindex="-1">Recovery passkey added</h2>
          <p role="status">Next time you need the helpdesk, use it to prove it’s you. You can close this page.</p>
        </section>
      }
      @case ('already_added') {
        <section class="enrol" aria-labelledby="enrol-title">
          <h2 id="enrol-title" tabindex="-1">You already have a recovery passkey here</h2>
          <p role="status">This device already holds your recovery passkey. You can close this page.</p>
        </section>
      }
      @case ('closed') {
        <section class="enrol" aria-labelledby="enrol-title">
          <h2 id="enrol-title" tabindex="-1">The time to add a passkey has run out</h2>
          <p role="status">You can add one after your next verification. You can close this page.</p>
        </section>
      }
      @case ('declined') {}
      @case (null) {}
      @default {
        <section class="enrol" aria-labelledby="enrol-title">
          <h2 id="enrol-title">Add a recovery passkey for next time</h2>
          <p>
            If you are locked out again, your passkey proves it’s you in seconds. It stays on this phone or in your password manager, behind
            your fingerprint, face or screen lock.
          </p>
          <p class="small">You can add it in the next few minutes.</p>
          <div role="status">
            @switch (enrolment.notice()) {
              @case ('cancelled') {
                <p class="notice warning">No passkey was added. Try again if you like.</p>
              }
              @case ('failed') {
                <p class="notice warning">That didn’t work. Try again if you like.</p>
              }
            }
          </div>
          <button type="button" class="primary" [disabled]="enrolment.state() === 'adding'" (click)="enrolment.add()">
            Add a recovery passkey
          </button>
          <button type="button" class="secondary" [disabled]="enrolment.state() === 'adding'" (click)="enrolment.decline()">Not now</button>
        </section>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasskeyEnrolmentOffer {
  protected readonly enrolment = inject(PasskeyEnrolment);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  constructor() {
    // Once it is settled, focus moves to the new heading, so a screen reader announces the result.
    effect(() => {
      if (['added', 'already_added', 'closed'].includes(this.enrolment.state() ?? '')) {
        queueMicrotask(() => this.host.nativeElement.querySelector<HTMLElement>('h2')?.focus());
      }
    });
  }
}
