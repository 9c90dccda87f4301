import { runStrength } from './strength';

/**
 * The product's promise, measured on every run over the seeded directory (seeded, so exact): a
 * verification passes on proofs with the signals clean, and then every impostor persona passes at
 * most 1% of the time under the standard policy and 0.1% under the privileged one, while genuine
 * users who hold the destination of record and a strong proof pass at least 95% of the time.
 */
test('impostors ≤ 1% standard, ≤ 0.1% privileged; genuine users who can satisfy the policy ≥ 95% (2,000 each)', async () => {
  const result = await runStrength({ attempts: 2000, seed: 7 });
  console.log(result.report);
  const impostors = result.personas.filter((p) => p.name !== 'genuine');
  expect(impostors.map((p) => p.name)).toEqual([
    'outsider',
    'directory reader',
    'colleague',
    'SIM-swapper',
    'SIM-swapper + directory reader',
    'insider agent',
  ]);
  // Named, so a failure says who got through and how often.
  const over = impostors.flatMap((p) => [
    ...(p.standard.pass > 0.01 ? [`${p.name} passes ${p.standard.pass} under standard`] : []),
    ...(p.privileged.pass > 0.001 ? [`${p.name} passes ${p.privileged.pass} under privileged`] : []),
  ]);
  expect(over).toEqual([]);
  expect(result.genuineAble.standard).toBeGreaterThanOrEqual(0.95);
});
