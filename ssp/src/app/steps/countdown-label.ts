/** Whole seconds until `until`, rounded, never negative. */
export function secondsLeft(until: Date, nowMs: number): number {
  return Math.max(0, Math.round((until.getTime() - nowMs) / 1000));
}

/** "4:05": minutes and seconds, as a phone screen has room for. */
export function countdownLabel(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * What a screen reader hears: only the band the time is in (two minutes, one, thirty seconds), so
 * the live region speaks when a band is crossed instead of every second.
 */
export function countdownAnnouncement(seconds: number): string {
  return seconds <= 30 ? 'Less than 30 seconds left.' : seconds <= 60 ? 'One minute left.' : seconds <= 120 ? 'Two minutes left.' : '';
}
