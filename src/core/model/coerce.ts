// Tolerant readers for untrusted OCP JSON: each returns a typed value or a default, never throws.

export type Json = Record<string, unknown>;

/** The value as a plain object, or an empty one. */
export function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** True for a non-null, non-array object. */
export function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A finite number (numeric strings accepted), else undefined. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-empty string (numbers are stringified), else undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A boolean (also "true"/"false" strings); anything else gives `fallback`. */
export function bool(v: unknown, fallback = false): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return fallback;
}

/** The value as an array, or an empty one. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The numeric ids in an array (others dropped, duplicates removed, order kept). */
export function ids(v: unknown): number[] {
  const seen = new Set<number>();
  for (const x of arr(v)) {
    const n = num(x);
    if (n !== undefined) seen.add(n);
  }
  return [...seen];
}

/** Result of reading a string enum: `value` is a known member or 'UNKNOWN'; `raw` keeps what OCP sent. */
export interface EnumRead<T extends string> {
  value: T | 'UNKNOWN';
  raw: string;
}

/** Matches `v` case-insensitively against `known`; unknown or missing values give 'UNKNOWN' (raw kept). */
export function readEnum<T extends string>(known: readonly T[], v: unknown): EnumRead<T> {
  const raw = typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
  const up = raw.trim().toUpperCase();
  const hit = known.find((k) => k === up);
  return { value: hit ?? 'UNKNOWN', raw };
}
