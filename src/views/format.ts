// Durations and times formatted for VS Code's display language (English: "1m 15s", Chinese: "1分钟15秒").

type Unit = 'second' | 'minute' | 'hour' | 'day';

/** Formatters by locale and unit: building an Intl formatter costs far more than using one (the panel's clock ticks). */
const unitFormats = new Map<string, Intl.NumberFormat | null>();
const timeFormats = new Map<string, Intl.DateTimeFormat | null>();
/** What Date.prototype.toLocaleString shows: the numeric date and time. */
const DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' };
/** Locales seen are few (VS Code's display language); the caches stay small whatever is passed. */
const MAX_CACHED = 32;

function cached<F>(cache: Map<string, F | null>, key: string, make: () => F): F | null {
  let f = cache.get(key);
  if (f === undefined) {
    try {
      f = make();
    } catch {
      f = null;
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, f);
  }
  return f;
}

function unit(locale: string, u: Unit, v: number): string {
  const f = cached(unitFormats, `${locale}|${u}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' }));
  return f ? f.format(v) : `${v}${u[0]}`;
}

/** A cached formatter of the numeric date and time in `locale` ('' = the runtime's), or null when it has none. */
export function dateTimeFormat(locale: string): Intl.DateTimeFormat | null {
  return cached(timeFormats, locale, () => new Intl.DateTimeFormat(locale || undefined, DATE_TIME));
}

/** 75_000 → "1m 15s"; 3_700_000 → "1h 1m", in the given locale. */
export function formatDuration(ms: number, locale = 'en'): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const join = (a: string, b: string) => (locale.toLowerCase().startsWith('zh') ? `${a}${b}` : `${a} ${b}`);
  const s = Math.floor(ms / 1000);
  if (s < 60) return unit(locale, 'second', s);
  const m = Math.floor(s / 60);
  if (m < 60) return join(unit(locale, 'minute', m), unit(locale, 'second', s % 60));
  const h = Math.floor(m / 60);
  if (h < 24) return join(unit(locale, 'hour', h), unit(locale, 'minute', m % 60));
  return join(unit(locale, 'day', Math.floor(h / 24)), unit(locale, 'hour', h % 24));
}

/** A date and time in the given locale. */
export function formatTime(epochMs: number, locale = 'en'): string {
  const f = dateTimeFormat(locale);
  try {
    return f ? f.format(epochMs) : new Date(epochMs).toISOString();
  } catch {
    return new Date(epochMs).toISOString();
  }
}
