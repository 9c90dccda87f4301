import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { DocumentNotice } from './identity-document-proof';

/**
 * "Verify with an identity document": offered after Start when an identity-verification provider
 * is configured. The user scans a passport, identity card or driving licence and takes a selfie at
 * the provider; the name on it must be the one the organisation has. Always optional.
 */
@Component({
  selector: 'rg-identity-document-step',
  template: `
    <h1 tabindex="-1">Verify with an identity document</h1>
    <p>
      Scan your passport, identity card or driving licence and take a selfie. The name on it must match the one your organisation has for
      you.
    </p>
    <p class="small">This happens on our identity-verification partner’s page; you come back here afterwards. It’s optional.</p>
    <div role="status">
      @if (notice() === 'cancelled') {
        <p class="notice warning">No document was checked. Try again, or continue without it.</p>
      }
    </div>
    <button type="button" class="primary" [disabled]="busy()" (click)="use.emit()">Verify with an identity document</button>
    <button type="button" class="secondary" [disabled]="busy()" (click)="skip.emit()">I don’t have one with me — continue</button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IdentityDocumentStep {
  readonly busy = input(false);
  readonly notice = input<DocumentNotice>(null);
  readonly use = output<void>();
  readonly skip = output<void>();
}
