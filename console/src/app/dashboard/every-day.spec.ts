import type { Stats } from '../api/views';
import { everyDay } from './every-day';

const quiet = (date: string) => ({ date, passed: 0, failed: 0, timed_out: 0, not_enough_questions: 0, needs_referee: 0, cancelled: 0 });

function stats(from: string, to: string, perDay: Stats['perDay']): Stats {
  return {
    from,
    to,
    total: 0,
    open: 0,
    byOutcome: { passed: 0, failed: 0, timed_out: 0, not_enough_questions: 0, needs_referee: 0, cancelled: 0 },
    rates: { passed: 0, failed: 0, timed_out: 0, not_enough_questions: 0, needs_referee: 0 },
    medianSecondsToComplete: null,
    perDay,
    riskHistogram: [],
  };
}

describe('everyDay: the dashboard’s time axis', () => {
  it('has every day of the range, quiet days as zero, the end exclusive', () => {
    const busy = { ...quiet('2026-07-02'), passed: 3, failed: 1 };
    expect(everyDay(stats('2026-07-01T00:00:00.000Z', '2026-07-04T00:00:00.000Z', [busy]))).toEqual([
      quiet('2026-07-01'),
      busy,
      quiet('2026-07-03'),
    ]);
  });

  it('counts a range ending inside a day as reaching that day', () => {
    const days = everyDay(stats('2026-06-30T23:00:00.000Z', '2026-07-02T23:00:00.000Z', []));
    expect(days.map((d) => d.date)).toEqual(['2026-06-30', '2026-07-01', '2026-07-02']);
  });

  it('crosses months and years', () => {
    const days = everyDay(stats('2026-12-30T00:00:00.000Z', '2027-01-02T00:00:00.000Z', []));
    expect(days.map((d) => d.date)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
  });

  it('has one day for a one-day range', () => {
    expect(everyDay(stats('2026-07-01T00:00:00.000Z', '2026-07-02T00:00:00.000Z', [])).map((d) => d.date)).toEqual(['2026-07-01']);
  });
});
