import { randomInt } from 'node:crypto';

/** A source of whole numbers in [0, max): the CSPRNG in production, a seeded one in the strength harness. */
export type RandomInt = (max: number) => number;

/** A guesser must not be able to predict option order, so production draws from the CSPRNG. */
export const secureRandomInt: RandomInt = (max) => randomInt(max);

export function shuffle<T>(items: readonly T[], random: RandomInt = secureRandomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function sample<T>(items: readonly T[], count: number, random: RandomInt = secureRandomInt): T[] {
  return shuffle(items, random).slice(0, count);
}
