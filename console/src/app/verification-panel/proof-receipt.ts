import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Receipt } from '../api/views';
import { receiptFacts } from './receipt-facts';

/**
 * The receipt written with the outcome: what was decided, the NIST recovery class it satisfies,
 * the proofs that decided it, the signals and every reason. Outcomes that forbid a reset say what
 * to do instead, first.
 */
@Component({
  selector: 'rg-proof-receipt',
  template: `
    @if (facts().guidance; as guidance) {
      <p class="guidance">{{ guidance }}</p>
    }
    <dl class="facts">
      <dt>Outcome</dt>
      <dd class="outcome">{{ facts().outcome }}</dd>
      <dt>Policy</dt>
      <dd>{{ facts().policy }}</dd>
      <dt>Recovery class</dt>
      <dd>
        {{ facts().recoveryClass }}
        <span class="muted small">NIST SP 800-63B-4 §4.2</span>
      </dd>
      <dt>Decided by</dt>
      <dd>
        @if (facts().decidedBy.length) {
          <ul>
            @for (proof of facts().decidedBy; track proof) {
              <li>{{ proof }}</li>
            }
          </ul>
        } @else {
          No proof: only a pass is decided by proofs.
        }
      </dd>
      <dt>Signals</dt>
      <dd>{{ facts().signals }}</dd>
      <dt>Reasons</dt>
      <dd>
        <ul>
          @for (reason of facts().reasons; track $index) {
            <li>{{ reason }}</li>
          }
        </ul>
      </dd>
    </dl>
  `,
  styles: `
    .guidance {
      margin: 0 0 0.75rem;
      padding: 0.75rem 1rem;
      border-left: 4px solid #8c1d13;
      border-radius: 4px;
      background: #fde2e0;
      color: #5c0f09;
      font: var(--mat-sys-title-medium);
    }
    .outcome {
      font-weight: 600;
    }
    .small {
      display: block;
      font-size: 0.8125rem;
    }
    ul {
      margin: 0;
      padding-left: 1.1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProofReceipt {
  readonly receipt = input.required<Receipt>();
  /** False when the policy hides the risk number from this agent. */
  readonly riskShown = input.required<boolean>();
  protected readonly facts = computed(() => receiptFacts(this.receipt(), this.riskShown()));
}
