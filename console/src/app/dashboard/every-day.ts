import type { Stats } from '../api/views';

/** Every UTC day of the range, quiet days included, so the time axis is even. */
export function everyDay(stats: Stats): Stats['perDay'] {
  const days: Stats['perDay'] = [];
  const last = new Date(Date.parse(stats.to) - 1).toISOString().slice(0, 10);
  for (
    let day = stats.from.slice(0, 10);
    day <= last;
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  ) {
    days.push(
      stats.perDay.find((d) => d.date === day) ?? {
        date: day,
        passed: 0,
        failed: 0,
        timed_out: 0,
        not_enough_questions: 0,
        needs_referee: 0,
        cancelled: 0,
      },
    );
  }
  return days;
}
