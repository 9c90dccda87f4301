import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Outcome, Stats } from '../api/views';
import { OUTCOME } from '../shared/labels';
import { chartId, countAxis, OUTCOME_COLOURS } from './chart-scale';

const ORDER: Outcome[] = ['passed', 'failed', 'timed_out', 'not_enough_questions', 'needs_referee', 'cancelled'];
const W = 720;
const H = 260;
const M = { top: 12, right: 8, bottom: 34, left: 36 };

/** Outcomes per day as stacked bars, with the same numbers in a table for screen readers and for copying. */
@Component({
  selector: 'rg-outcomes-chart',
  template: `
    <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" role="img" [attr.aria-labelledby]="id + '-t ' + id + '-d'" class="chart">
      <title [id]="id + '-t'">Outcomes per day</title>
      <desc [id]="id + '-d'">{{ description() }}</desc>
      @for (t of axis().ticks; track t) {
        <g>
          <line [attr.x1]="m.left" [attr.x2]="width - m.right" [attr.y1]="y(t)" [attr.y2]="y(t)" class="grid" />
          <text [attr.x]="m.left - 6" [attr.y]="y(t) + 4" text-anchor="end" class="tick">{{ t }}</text>
        </g>
      }
      @for (day of bars(); track day.date) {
        <g>
          @for (s of day.segments; track s.outcome) {
            <rect [attr.x]="day.x" [attr.width]="day.w" [attr.y]="s.y" [attr.height]="s.h" [attr.fill]="colours[s.outcome]">
              <title>{{ day.label }}: {{ s.count }} {{ labels[s.outcome].toLowerCase() }}</title>
            </rect>
          }
          @if (day.showLabel) {
            <text [attr.x]="day.x + day.w / 2" [attr.y]="height - m.bottom + 16" text-anchor="middle" class="tick">{{ day.label }}</text>
          }
        </g>
      }
      <line [attr.x1]="m.left" [attr.x2]="width - m.right" [attr.y1]="y(0)" [attr.y2]="y(0)" class="axis" />
    </svg>
    <ul class="legend" aria-hidden="true">
      @for (o of order; track o) {
        <li><span class="swatch" [style.background]="colours[o]"></span>{{ labels[o] }}</li>
      }
    </ul>
    <details>
      <summary>Show the numbers</summary>
      <table class="data">
        <caption class="sr-only">
          Outcomes per day
        </caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            @for (o of order; track o) {
              <th scope="col" class="num">{{ labels[o] }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (d of perDay(); track d.date) {
            <tr>
              <th scope="row">{{ d.date }}</th>
              @for (o of order; track o) {
                <td class="num">{{ d[o] }}</td>
              }
            </tr>
          }
        </tbody>
      </table>
    </details>
  `,
  styleUrl: './chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutcomesChart {
  readonly perDay = input.required<Stats['perDay']>();
  protected readonly id = chartId('outcomes');
  protected readonly width = W;
  protected readonly height = H;
  protected readonly m = M;
  protected readonly order = ORDER;
  protected readonly colours = OUTCOME_COLOURS;
  protected readonly labels = OUTCOME;

  protected readonly axis = computed(() => countAxis(Math.max(0, ...this.perDay().map((d) => ORDER.reduce((sum, o) => sum + d[o], 0)))));
  protected readonly bars = computed(() => {
    const days = this.perDay();
    const band = (W - M.left - M.right) / Math.max(1, days.length);
    const every = Math.ceil(days.length / 10);
    return days.map((d, i) => {
      let base = 0;
      const segments = ORDER.filter((o) => d[o] > 0).map((outcome) => {
        const y = this.y(base + d[outcome]);
        const h = this.y(base) - y;
        base += d[outcome];
        return { outcome, count: d[outcome], y, h };
      });
      return {
        date: d.date,
        label: shortDay(d.date),
        x: M.left + i * band + band * 0.15,
        w: band * 0.7,
        segments,
        showLabel: i % every === 0,
      };
    });
  });
  protected readonly description = computed(() => {
    const totals = ORDER.map((o) => `${this.perDay().reduce((sum, d) => sum + d[o], 0)} ${OUTCOME[o].toLowerCase()}`);
    return `${this.perDay().length} days: ${totals.join(', ')}. The table below has each day's numbers.`;
  });

  protected y(count: number): number {
    return H - M.bottom - (count / this.axis().top) * (H - M.top - M.bottom);
  }
}

/** "2026-11-27" → "27 Nov" (the day is a UTC calendar day: no time-zone shift). */
function shortDay(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
