/* Small helpers: OCP-style timestamps (server zone +08:00), trace ids, a seeded PRNG. */
import { randomBytes } from 'node:crypto';

const OFFSET_MS = 8 * 3600_000;

/** `2024-10-10T17:15:17.816+08:00` */
export function isoTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 23) + '+08:00';
}

/** `2024-10-10 17:15:17.816` (log lines) */
export function logTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 23).replace('T', ' ');
}

export function traceId(): string {
  return randomBytes(8).toString('hex');
}

/** mulberry32: deterministic PRNG in [0,1) */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic Fisher-Yates shuffle (returns a new array). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  const r = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
