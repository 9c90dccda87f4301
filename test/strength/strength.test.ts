import { runStrength } from './strength';

/**
 * The product's promise, measured on every run: over the seeded directory, impostors who know the
 * public profile pass at most 1% of the time and genuine users at least 95%. Seeded, so exact.
 */
test('impostor pass ≤ 1% and genuine pass ≥ 95% over 2,000 attempts each', async () => {
  const result = await runStrength({ attempts: 2000, seed: 7 });
  console.log(result.report);
  expect(result.impostorPassRate).toBeLessThanOrEqual(0.01);
  expect(result.genuinePassRate).toBeGreaterThanOrEqual(0.95);
});
