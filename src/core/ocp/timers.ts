// Sane delays for everything in core: one clamp for every timer, and one reader for the server's
// "come back later" headers (RateLimit-Reset, Retry-After), which real gateways fill with delta seconds,
// epoch seconds, epoch milliseconds or an HTTP date. A delay that overflows setTimeout (above 2^31-1 ms)
// fires after 1 ms in Node, so nothing in core hands setTimeout a number that did not pass through here.

/** The largest delay setTimeout honours (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The longest wait a server may impose through RateLimit-Reset / Retry-After. */
export const MAX_SERVER_WAIT_MS = 15 * 60_000;

/** A delay in [0, 2^31-1] ms; NaN, ±Infinity and non-numbers become `fallback` (clamped too). */
export function clampDelay(ms: unknown, fallback = 0): number {
  const n = typeof ms === 'number' && Number.isFinite(ms) ? ms : typeof fallback === 'number' && Number.isFinite(fallback) ? fallback : 0;
  return Math.min(MAX_TIMER_MS, Math.max(0, Math.round(n)));
}

/** setTimeout with the delay clamped. */
export function safeTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
  return setTimeout(fn, clampDelay(ms));
}

/** Epoch values above these are timestamps, not delta seconds (1e9 s ≈ 31 years; 1e12 ms ≈ year 2001). */
const EPOCH_SECONDS_FROM = 1e9;
const EPOCH_MS_FROM = 1e12;

/**
 * Milliseconds to wait as a server asks in one header value: delta seconds ("5", "0.5"), epoch seconds
 * ("1767225600"), epoch milliseconds ("1767225600000") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT").
 * A time in the past is 0; the result is capped at `capMs` (15 minutes). Garbage gives undefined.
 */
export function parseServerDelay(value: unknown, nowMs: number = Date.now(), capMs: number = MAX_SERVER_WAIT_MS): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  if (!text || text.length > 100) return undefined;
  const cap = clampDelay(capMs, MAX_SERVER_WAIT_MS);
  let ms: number;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    const n = Number(text);
    if (!Number.isFinite(n)) return undefined;
    if (n >= EPOCH_MS_FROM) ms = n - nowMs;
    else if (n >= EPOCH_SECONDS_FROM) ms = n * 1000 - nowMs;
    else ms = n * 1000;
  } else {
    // An HTTP date names a day of the week or a month; anything else (e.g. "soon") is garbage.
    if (!/[A-Za-z]{3}/.test(text)) return undefined;
    const at = Date.parse(text);
    if (!Number.isFinite(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(cap, clampDelay(Math.ceil(ms)));
}

/** A promise that resolves after `ms` (clamped), or rejects with `onAbort()` when `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const abort = () => {
      clearTimeout(t);
      reject(onAbort());
    };
    const t = safeTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
