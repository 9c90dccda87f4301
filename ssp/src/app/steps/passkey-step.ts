import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { PasskeyNotice } from '../verification/verification-flow';

/**
 * "Use your recovery passkey": offered right after Start to a user who added one after an earlier
 * check. It stays optional: the user can always go on without it.
 */
@Component({
  selector: 'rg-passkey-step',
  template: `
    <h1 tabindex="-1">Use your recovery passkey</h1>
    <p>You added a recovery passkey after an earlier check. Using it now is the strongest proof that it’s you.</p>
    <p class="small">Your phone or password manager asks for your fingerprint, face or screen lock. We never see them.</p>
    <div role="status">
      @switch (notice()) {
        @case ('cancelled') {
          <p class="notice warning">No passkey was used. Try again, or continue without it.</p>
        }
        @case ('failed') {
          <p class="notice warning">That passkey couldn’t be checked. Try again, or continue without it.</p>
        }
      }
    </div>
    <button type="button" class="primary" [disabled]="busy()" (click)="use.emit()">Use my passkey</button>
    <button type="button" class="secondary" [disabled]="busy()" (click)="skip.emit()">I can’t use it — continue</button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasskeyStep {
  readonly busy = input(false);
  readonly notice = input<PasskeyNotice>(null);
  readonly use = output<void>();
  readonly skip = output<void>();
}
