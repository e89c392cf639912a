// OCP timestamps: ISO-8601 with an offset, milliseconds optional and of any precision
// ("2024-10-10T17:15:17.816+08:00", "…17.98+08:00", "…17+08:00"). Parsed by hand so the result does not
// depend on the JS engine's Date.parse leniency.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch milliseconds for an OCP timestamp, or undefined if it is not one. A string without an offset is read
 * as UTC; a finite number is taken as epoch milliseconds already.
 */
export function parseOcpTime(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const fast = parseCanonical(v);
  if (fast !== undefined) return fast;
  const m = ISO.exec(v.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return undefined;
  }
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const utc = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), ms);
  return utc - offsetMin * 60_000;
}

/** The digit at i (0–9), or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** dd at i as a number, or -1. */
function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * The form OCP sends ("2024-10-10T17:15:17.816+08:00", "…17+08:00", "…17.816Z") read without the regular
 * expression (20,000 clusters carry 40,000 of them); anything else (other precisions, spaces, "+0800", no
 * offset, out of range) is left to the general parser: undefined here.
 */
export function parseCanonical(s: string): number | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const y1 = two(s, 0);
  const y2 = two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  const h = two(s, 11);
  const mi = two(s, 14);
  const sec = two(s, 17);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return undefined;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    const a = digit(s, i + 1);
    const b = digit(s, i + 2);
    const c = digit(s, i + 3);
    if (a < 0 || b < 0 || c < 0 || digit(s, i + 4) >= 0) return undefined;
    ms = a * 100 + b * 10 + c;
    i += 4;
  }
  let offsetMin = 0;
  const z = s.charCodeAt(i);
  if (z === 90 && i + 1 === n) {
    // Z
  } else if ((z === 43 || z === 45) && i + 6 === n && s.charCodeAt(i + 3) === 58) {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (oh < 0 || om < 0) return undefined;
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return undefined;
  }
  return Date.UTC(y1 * 100 + y2, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
}
