import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { IdentityDocumentProof } from './identity-document-proof';

/** Above the questions: what became of the identity document. */
@Component({
  selector: 'rg-identity-document-notice',
  template: `
    @switch (documents.notice()) {
      @case ('met') {
        <p class="notice" role="status">Your identity document is confirmed. Now a few questions.</p>
      }
      @case ('failed') {
        <p class="notice warning" role="status">Your identity document couldn’t confirm it’s you. Continue with the questions.</p>
      }
      @case ('cancelled') {
        <p class="notice" role="status">No document was checked. Continue with the questions.</p>
      }
      @case ('unavailable') {
        <p class="notice" role="status">Identity documents can’t be checked right now. Continue with the questions.</p>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IdentityDocumentNotice {
  protected readonly documents = inject(IdentityDocumentProof);
}
