import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RiskCategory, VerificationView } from '../api/views';
import { OUTCOME, RISK_CATEGORY } from '../shared/labels';

const CATEGORIES: RiskCategory[] = ['network', 'endpoint', 'persona', 'challenge'];

/**
 * The outcome, the risk score (0 safest, 10 riskiest) and every factor behind it, in four
 * categories. When the policy hides the number from agents, the factors still explain the outcome.
 */
@Component({
  selector: 'rg-risk-summary',
  template: `
    <div class="top">
      <div class="outcome">
        <span class="label">Outcome</span>
        <span class="value">{{ outcome() }}</span>
      </div>
      <div class="score">
        <span class="label">Risk score</span>
        @if (view().riskScore !== null) {
          <span class="value" [class.high]="view().riskScore! > 4">{{ view().riskScore }}<span class="of"> of 10</span></span>
          <span class="bar" aria-hidden="true"><span [style.width.%]="view().riskScore! * 10"></span></span>
        } @else if (hidden()) {
          <span class="value small">Hidden for your role</span>
        } @else {
          <span class="value small">Not assessed yet</span>
        }
      </div>
    </div>
    @if (view().riskScore === null) {
      <p class="muted note">
        {{
          hidden()
            ? 'The policy does not show agents the number. The outcome and the factors below say why.'
            : 'Risk is scored when the caller finishes the questions.'
        }}
      </p>
    }
    <ul class="categories">
      @for (c of categories(); track c.key) {
        <li class="category">
          <div class="head">
            <h3>{{ c.label }}</h3>
            <span class="points" [class.zero]="c.points === 0">+{{ c.points }}</span>
          </div>
          <p class="about muted">{{ c.about }}</p>
          @if (c.factors.length) {
            <ul class="factors">
              @for (f of c.factors; track f) {
                <li>{{ f }}</li>
              }
            </ul>
          } @else {
            <p class="none">Nothing unusual</p>
          }
        </li>
      }
    </ul>
  `,
  styleUrl: './risk-summary.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RiskSummary {
  readonly view = input.required<VerificationView>();
  protected readonly outcome = computed(() => (this.view().outcome ? OUTCOME[this.view().outcome!] : 'None yet'));
  /** Passed and failed always come with a risk assessment: no number then means the policy hides it. */
  protected readonly hidden = computed(() => {
    const v = this.view();
    return (
      v.riskScore === null && (v.outcome === 'passed' || v.outcome === 'failed' || CATEGORIES.some((c) => v.summary[c].factors.length))
    );
  });
  protected readonly categories = computed(() =>
    CATEGORIES.map((key) => ({
      key,
      ...RISK_CATEGORY[key],
      points: this.view().summary[key].points,
      factors: this.view().summary[key].factors,
    })),
  );
}
