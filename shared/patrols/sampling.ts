/**
 * Reproducible random choice for surprise and sample patrols. The caller passes a seed (a plan's seed and the
 * period, or a seed typed in to replay a draw); the same seed and the same inputs give the same choice.
 */

/** A 32-bit hash of a string (FNV-1a), to seed the generator. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded generator of numbers in [0, 1) (mulberry32): `const next = seededRandom('plan-1:2026-W48')`. */
export function seededRandom(seed: string): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Chooses `count` zones at random, favouring those least covered: each zone's weight is `1 / (1 + visits)`,
 * drawn without replacement (Efraimidis–Spirakis keys `u^(1/w)`). Zones are ordered by id first, so the
 * order they are passed in does not matter. Returns the chosen ids, most favoured draw first.
 */
export function chooseLeastCovered(zones: ReadonlyArray<{ id: string; visits: number }>, count: number, seed: string): string[] {
  const next = seededRandom(seed);
  const keyed = [...zones]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((z) => {
      const w = 1 / (1 + Math.max(0, z.visits));
      // 1 - next() is in (0, 1], so the log is finite.
      return { id: z.id, key: Math.log(1 - next()) / w };
    });
  keyed.sort((a, b) => b.key - a.key || (a.id < b.id ? -1 : 1));
  return keyed.slice(0, Math.max(0, count)).map((k) => k.id);
}
