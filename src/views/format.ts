// Durations and times formatted for VS Code's display language (English: "1m 15s", Chinese: "1分钟15秒").

function unit(locale: string, u: 'second' | 'minute' | 'hour' | 'day', v: number): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(v);
  } catch {
    return `${v}${u[0]}`;
  }
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
  try {
    return new Date(epochMs).toLocaleString(locale);
  } catch {
    return new Date(epochMs).toISOString();
  }
}
