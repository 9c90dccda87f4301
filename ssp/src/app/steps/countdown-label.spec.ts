import { countdownAnnouncement, countdownLabel, secondsLeft } from './countdown-label';

describe('secondsLeft', () => {
  const until = new Date('2026-07-01T12:05:00.000Z');
  const before = (ms: number) => until.getTime() - ms;

  it('counts whole seconds to the deadline, rounded to the nearest', () => {
    expect(secondsLeft(until, before(125_000))).toBe(125);
    expect(secondsLeft(until, before(124_600))).toBe(125);
    expect(secondsLeft(until, before(124_400))).toBe(124);
    expect(secondsLeft(until, before(400))).toBe(0);
  });

  it('is never negative once the deadline has passed', () => {
    expect(secondsLeft(until, before(0))).toBe(0);
    expect(secondsLeft(until, before(-60_000))).toBe(0);
  });
});

describe('countdownLabel', () => {
  it('shows minutes and two-digit seconds', () => {
    expect(countdownLabel(125)).toBe('2:05');
    expect(countdownLabel(60)).toBe('1:00');
    expect(countdownLabel(59)).toBe('0:59');
    expect(countdownLabel(0)).toBe('0:00');
  });

  it('keeps counting in minutes past an hour', () => {
    expect(countdownLabel(3_723)).toBe('62:03');
  });
});

describe('countdownAnnouncement: what screen readers hear, only at a few thresholds', () => {
  it('says nothing with more than two minutes left', () => {
    expect(countdownAnnouncement(600)).toBe('');
    expect(countdownAnnouncement(121)).toBe('');
  });

  it('announces two minutes, one minute and thirty seconds, each from its threshold down', () => {
    expect(countdownAnnouncement(120)).toBe('Two minutes left.');
    expect(countdownAnnouncement(61)).toBe('Two minutes left.');
    expect(countdownAnnouncement(60)).toBe('One minute left.');
    expect(countdownAnnouncement(31)).toBe('One minute left.');
    expect(countdownAnnouncement(30)).toBe('Less than 30 seconds left.');
    expect(countdownAnnouncement(0)).toBe('Less than 30 seconds left.');
  });

  it('changes only when a threshold is crossed, so the live region is not read every second', () => {
    const changes = new Set(Array.from({ length: 200 }, (_, i) => countdownAnnouncement(199 - i)));
    expect([...changes]).toEqual(['', 'Two minutes left.', 'One minute left.', 'Less than 30 seconds left.']);
  });
});
