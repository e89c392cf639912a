// Formatting in the webview: templates from the host's l10n strings ("{0} of {1}"), times and durations.
import { dateTimeFormat, formatDuration } from '../views/format';

export { formatDuration };

/** Fills {0}, {1}, … in a template; unknown placeholders are left as they are. */
export function fmt(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** A date and time in the user's language; '' when unknown. */
export function formatTime(ms: number | undefined, locale: string): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const f = dateTimeFormat(locale) ?? dateTimeFormat('');
  try {
    return f ? f.format(ms) : new Date(ms).toLocaleString();
  } catch {
    return new Date(ms).toLocaleString();
  }
}

/** How long something ran (or has been running, `now` being the current time); '' before it started. */
export function elapsed(start: number | undefined, finish: number | undefined, now: number, locale = ''): string {
  if (start === undefined) return '';
  return formatDuration(Math.max(0, (finish ?? now) - start), locale || 'en');
}
