import { duration, remaining } from './clock';

describe('remaining: a countdown to a deadline', () => {
  const now = Date.parse('2026-07-01T12:00:00.000Z');
  const inSeconds = (s: number) => now + s * 1000;

  it('shows minutes and seconds under an hour', () => {
    expect(remaining(inSeconds(245), now)).toBe('4:05');
    expect(remaining(inSeconds(59), now)).toBe('0:59');
  });

  it('shows hours, with two-digit minutes, from an hour', () => {
    expect(remaining(inSeconds(3723), now)).toBe('1:02:03');
    expect(remaining(inSeconds(3600), now)).toBe('1:00:00');
  });

  it('drops a part second: it never shows more time than is left', () => {
    expect(remaining(inSeconds(4.9), now)).toBe('0:04');
  });

  it('stops at 0:00 once the deadline has passed', () => {
    expect(remaining(now, now)).toBe('0:00');
    expect(remaining(inSeconds(-90), now)).toBe('0:00');
  });
});

describe('duration: a length of time in words', () => {
  it('in seconds under a minute, rounded', () => {
    expect(duration(45)).toBe('45 s');
    expect(duration(44.6)).toBe('45 s');
    expect(duration(0)).toBe('0 s');
  });

  it('in minutes and seconds under an hour, leaving out 0 s', () => {
    expect(duration(130)).toBe('2 min 10 s');
    expect(duration(120)).toBe('2 min');
    expect(duration(59.6)).toBe('1 min');
  });

  it('in hours and minutes from an hour, leaving out 0 min and the seconds', () => {
    expect(duration(3900)).toBe('1 h 5 min');
    expect(duration(3659)).toBe('1 h');
    expect(duration(7200)).toBe('2 h');
  });
});
