import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { Stats } from '../api/views';
import { duration } from '../shared/clock';
import { dayStart, nextDay } from '../verifications/verification-filters';
import { everyDay } from './every-day';
import { OutcomesChart } from './outcomes-chart';
import { RiskHistogram } from './risk-histogram';
import { OUTLINED_FIELDS } from '../shared/form-fields';

/** "2026-11-27" for a Date, in local time (what a date input shows). */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function daysAgo(days: number): string {
  const d = new Date();
  return isoDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - days));
}

const callers = (n: number) => `${n} ${n === 1 ? 'caller' : 'callers'}`;
const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** How verification is going: volumes, outcomes and how risky the callers looked. */
@Component({
  selector: 'rg-dashboard-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, OutcomesChart, RiskHistogram],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OUTLINED_FIELDS],
})
export class DashboardPage {
  private readonly api = inject(ConsoleApi);
  protected readonly from = signal(daysAgo(13));
  protected readonly to = signal(daysAgo(0));

  private readonly loaded = resource({
    params: () => (this.from() && this.to() && this.from() <= this.to() ? { from: this.from(), to: this.to() } : undefined),
    loader: ({ params, abortSignal }) =>
      this.api.data<Stats>(
        this.api.client.GET('/api/v1/stats', {
          params: { query: { from: dayStart(params.from).toISOString(), to: nextDay(params.to).toISOString() } },
          signal: abortSignal,
        }),
      ),
  });
  /** Kept on screen while another range loads: no jumps. */
  protected readonly stats = linkedSignal<Stats | undefined, Stats | undefined>({
    source: () => (this.loaded.hasValue() ? this.loaded.value() : undefined),
    computation: (now, previous) => (now ? { ...now, perDay: everyDay(now) } : previous?.value),
  });
  protected readonly loading = computed(() => this.loaded.isLoading());
  protected readonly error = computed(() => (this.loaded.status() === 'error' ? describeError(this.loaded.error()) : ''));
  protected readonly rangeError = computed(() =>
    this.from() && this.to() && this.from() > this.to() ? 'The first day is after the last day.' : '',
  );
  protected readonly cards = computed(() => {
    const s = this.stats();
    if (!s) return [];
    return [
      { label: 'Verifications', value: String(s.total), note: `${s.open} open now` },
      { label: 'Passed', value: percent(s.rates.passed), note: callers(s.byOutcome.passed) },
      { label: 'Failed', value: percent(s.rates.failed), note: callers(s.byOutcome.failed) },
      { label: 'Timed out', value: percent(s.rates.timed_out), note: callers(s.byOutcome.timed_out) },
      { label: 'Not enough questions', value: percent(s.rates.not_enough_questions), note: callers(s.byOutcome.not_enough_questions) },
      { label: 'Needs a referee', value: percent(s.rates.needs_referee), note: callers(s.byOutcome.needs_referee) },
      {
        label: 'Median time to complete',
        value: s.medianSecondsToComplete === null ? '—' : duration(s.medianSecondsToComplete),
        note: 'link sent to outcome',
      },
    ];
  });

  protected lastDays(days: number): void {
    this.from.set(daysAgo(days - 1));
    this.to.set(daysAgo(0));
  }

  protected refresh(): void {
    this.loaded.reload();
  }
}
