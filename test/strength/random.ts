/**
 * Seeded randomness for the strength harness: the same seed reproduces a run exactly, so a
 * change in a pass rate is a change in the code or an assumption, never luck.
 */
export type Random = () => number;

/** A small, fast, well-mixed 32-bit generator; good enough for simulation, not for secrets. */
export function mulberry32(seed: number): Random {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One stream per persona (by name) and purpose, so adding a persona, or a draw in one part of the
 * model, leaves every other persona's numbers where they were.
 */
export function streamFor(seed: number, persona: string, purpose: number): Random {
  let hash = 0x811c9dc5; // FNV-1a over the name
  for (const char of persona) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return mulberry32(Math.imul(seed, 0x9e3779b1) ^ hash ^ Math.imul(purpose + 1, 0xc2b2ae35));
}

export function chance(p: number, random: Random): boolean {
  return random() < p;
}

export function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)];
}

export function pickOther(items: readonly string[], not: string, random: Random): string {
  return pick(
    items.filter((i) => i !== not),
    random,
  );
}

export function weighted(shares: readonly [string, number][], random: Random): string {
  let r = random();
  for (const [item, share] of shares) if ((r -= share) < 0) return item;
  return shares[shares.length - 1][0];
}

export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
