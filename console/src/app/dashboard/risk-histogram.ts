import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Stats } from '../api/views';
import { chartId, countAxis } from './chart-scale';

const W = 420;
const H = 260;
const M = { top: 12, right: 8, bottom: 34, left: 36 };

/** How many finished verifications scored each risk from 0 (safest) to 10. */
@Component({
  selector: 'rg-risk-histogram',
  template: `
    <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" role="img" [attr.aria-labelledby]="id + '-t ' + id + '-d'" class="chart">
      <title [id]="id + '-t'">Risk score distribution</title>
      <desc [id]="id + '-d'">{{ description() }}</desc>
      @for (t of axis().ticks; track t) {
        <g>
          <line [attr.x1]="m.left" [attr.x2]="width - m.right" [attr.y1]="y(t)" [attr.y2]="y(t)" class="grid" />
          <text [attr.x]="m.left - 6" [attr.y]="y(t) + 4" text-anchor="end" class="tick">{{ t }}</text>
        </g>
      }
      @for (b of bars(); track b.score) {
        <g>
          <rect [attr.x]="b.x" [attr.width]="b.w" [attr.y]="y(b.count)" [attr.height]="y(0) - y(b.count)" [attr.fill]="b.colour">
            <title>Risk {{ b.score }}: {{ b.count }}</title>
          </rect>
          <text [attr.x]="b.x + b.w / 2" [attr.y]="height - m.bottom + 16" text-anchor="middle" class="tick">{{ b.score }}</text>
        </g>
      }
      <line [attr.x1]="m.left" [attr.x2]="width - m.right" [attr.y1]="y(0)" [attr.y2]="y(0)" class="axis" />
      <text [attr.x]="(m.left + width - m.right) / 2" [attr.y]="height - 2" text-anchor="middle" class="tick">risk score</text>
    </svg>
    <details>
      <summary>Show the numbers</summary>
      <table class="data">
        <caption class="sr-only">
          Verifications per risk score
        </caption>
        <thead>
          <tr>
            <th scope="col">Risk score</th>
            <th scope="col" class="num">Verifications</th>
          </tr>
        </thead>
        <tbody>
          @for (b of bars(); track b.score) {
            <tr>
              <th scope="row">{{ b.score }}</th>
              <td class="num">{{ b.count }}</td>
            </tr>
          }
        </tbody>
      </table>
    </details>
  `,
  styleUrl: './chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RiskHistogram {
  readonly histogram = input.required<Stats['riskHistogram']>();
  protected readonly id = chartId('risk');
  protected readonly width = W;
  protected readonly height = H;
  protected readonly m = M;

  /** Every score 0–10 gets a bar, even when the API leaves empty ones out. */
  private readonly counts = computed(() =>
    Array.from({ length: 11 }, (_, score) => ({ score, count: this.histogram().find((h) => h.score === score)?.count ?? 0 })),
  );
  protected readonly axis = computed(() => countAxis(Math.max(0, ...this.counts().map((c) => c.count))));
  protected readonly bars = computed(() => {
    const band = (W - M.left - M.right) / 11;
    return this.counts().map((c) => ({
      ...c,
      x: M.left + c.score * band + band * 0.12,
      w: band * 0.76,
      colour: c.score <= 2 ? '#3a7d5c' : c.score <= 4 ? '#b07a12' : '#b3432f',
    }));
  });
  protected readonly description = computed(() => {
    const parts = this.counts()
      .filter((c) => c.count > 0)
      .map((c) => `${c.count} at ${c.score}`);
    return parts.length ? `Verifications by risk score: ${parts.join(', ')}.` : 'No verification was scored in this period.';
  });

  protected y(count: number): number {
    return H - M.bottom - (count / this.axis().top) * (H - M.top - M.bottom);
  }
}
