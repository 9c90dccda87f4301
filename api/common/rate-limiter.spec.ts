import { RateLimiter } from './rate-limiter';

test('allows the limit per window, then refuses until the window passes', () => {
  const limiter = new RateLimiter(2, 1000);
  expect([limiter.take('ip', 0), limiter.take('ip', 10), limiter.take('ip', 20)]).toEqual([true, true, false]);
  expect(limiter.take('other', 20)).toBe(true);
  expect(limiter.take('ip', 1000)).toBe(true);
});
