// The HTTP layer of the OCP client: one undici dispatcher per connection (TLS, CA, proxy), auth headers
// (Basic or AccessKey signature) built by a closure that holds the only copy of the secret, OCP's envelope
// unwrapped into data or an OcpError, and the rules that keep a misbehaving server harmless:
//   - GETs retry known socket/DNS errors and 502/503/504 with capped backoff and wait out a 429's
//     RateLimit-Reset (read by timers.ts, capped); 401/403/3xx/oversized bodies are never retried; POSTs never;
//   - bodies are read as a stream with a byte cap (64 MiB JSON; 128 MiB logs, of which only the tail is kept);
//   - after a 401 the transport sends nothing until new credentials are set (OCP locks an address out);
//   - error details are bounded in count, size and depth.
import type { Dispatcher } from 'undici';
import { readCapped, TailJsonParser, utf8 } from './body';
import { OcpError, type OcpErrorKind, type OcpSubError } from './errors';
import { authorizationHeader, canonicalQuery } from './signing';
import { abortableSleep, clampDelay, parseServerDelay } from './timers';
import { undici } from './undici';
import type { AuthConfig, ConnectionOptions, PageCodec, PublicConnectionOptions, Query, TransportStats } from './types';

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Return the body as it is (JSON or text), without the success envelope (info, time, status). */
  unwrapped?: boolean;
  signal?: AbortSignal;
  /** Overrides the connection's GET retry count (the task tracker does its own backoff: 0). */
  retries?: number;
  /** Parse the body keeping only the last `tailChars` characters of long strings (subtask logs). */
  tailChars?: number;
  /**
   * A list page whose items `codec` normalises: a large successful page of at most `maxItems` items (the list's
   * cap: a longer one is cut at the cap, read here as before) is then parsed and normalised off this thread by the
   * connection's page decoder, and the answer's data is marked (MAPPED_PAGE) with the raw ids.
   */
  decodePage?: { codec: PageCodec<unknown>; maxItems: number };
}

/** On a list page's data decoded off this thread: its items are already normalised (what paginate needs to know). */
export const MAPPED_PAGE = Symbol('mappedPage');
export type MappedPageMark = { ids: unknown[]; fingerprint: string };

/** A decoded answer and what reading it cost. */
export interface Answer<T> {
  data: T;
  bytesRead: number;
  /** Characters dropped from long strings (tailChars mode). */
  droppedChars: number;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** A log is streamed and only its tail kept; past this many bytes it is refused (each read of it costs this much). */
export const DEFAULT_MAX_LOG_BODY_BYTES = 128 * 1024 * 1024;
const MIB = 1024 * 1024;
const DIAGNOSTIC_HEAD_CHARS = 64 * 1024;

const RETRYABLE_STATUS = new Set([502, 503, 504]);
/** The socket and DNS failures that mean "cannot reach OCP"; anything else is not called a network error. */
export const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'ETIMEDOUT',
  'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;

type Authorizer = (req: { method: string; body: string | undefined; contentType: string; path: string; query: Record<string, string> | undefined }) => Record<string, string>;

/** The only holder of the secret: a function that signs, with the credentials in its closure. */
function makeAuthorizer(auth: AuthConfig, host: string): Authorizer {
  if (auth.kind === 'basic') {
    const header = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
    return () => ({ authorization: header });
  }
  const { accessKeyId, secret } = auth;
  return (r) => {
    const date = new Date().toUTCString();
    return { date, authorization: authorizationHeader(accessKeyId, secret, { ...r, date, host }) };
  };
}

const cancelled = (method?: string, path?: string) => new OcpError({ kind: 'cancelled', message: 'Request cancelled', method, path, notSent: true });

export class OcpTransport {
  readonly base: URL;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly opts: PublicConnectionOptions;
  #authorize: Authorizer;
  /** Bumped by setCredentials: a 401 to a request signed with older credentials does not silence the new ones. */
  #generation = 0;
  #rejected?: OcpError;
  /** True once OCP answered a request signed with the current credentials without refusing it. */
  #accepted = false;
  readonly #stats: TransportStats = { requestsSent: 0, requestsRefused: 0, bytesRead: 0 };

  constructor(options: ConnectionOptions) {
    const { auth, ...opts } = options;
    this.opts = opts;
    let base: URL;
    try {
      base = new URL(opts.url);
    } catch {
      throw new OcpError({ kind: 'network', message: `Not a valid OCP address: ${opts.url}` });
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new OcpError({ kind: 'network', message: `OCP addresses start with http:// or https://, not ${base.protocol}` });
    }
    this.base = base;
    this.#authorize = makeAuthorizer(auth, base.host);
    this.timeoutMs = clampDelay(opts.timeoutMs, 30_000) || 30_000;
    const tls = { ca: opts.ca || undefined, rejectUnauthorized: !opts.allowSelfSigned };
    this.dispatcher = opts.proxy
      ? new (undici().ProxyAgent)({ uri: opts.proxy, requestTls: tls, proxyTls: tls })
      : new (undici().Agent)({ connect: { ...tls, timeout: this.timeoutMs }, keepAliveTimeout: 10_000 });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** Requests sent and refused, bytes read, since the transport was made. */
  stats(): TransportStats {
    return { ...this.#stats };
  }

  /** The 401 that silenced this connection, if any. */
  get authRejection(): OcpError | undefined {
    return this.#rejected;
  }

  /**
   * True once OCP answered a request signed with the current credentials with success (and no 401 since): only then
   * are several requests sent before the first answer (a list's pages asked for with page 1), so wrong credentials
   * cost one failed login, not several (OCP locks an address out after 20).
   */
  get credentialsAccepted(): boolean {
    return this.#accepted && !this.#rejected;
  }

  /** New credentials: requests may be sent again. */
  setCredentials(auth: AuthConfig): void {
    this.#authorize = makeAuthorizer(auth, this.base.host);
    this.#generation++;
    this.#rejected = undefined;
    this.#accepted = false;
  }

  /** Lets requests go out again with the same credentials (the user says they were fixed on the server). */
  resetAuth(): void {
    this.#generation++;
    this.#rejected = undefined;
    this.#accepted = false;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.requestAnswer<T>(method, path, options)).data;
  }

  async requestAnswer<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const idempotent = method === 'GET';
    const retries = clampCount(options.retries ?? this.opts.retries, 3);
    const maxAttempts = idempotent ? 1 + retries : 1;
    const baseMs = clampDelay(this.opts.retryBaseMs, 250);
    const maxMs = clampDelay(this.opts.retryMaxMs, 4_000);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(method, path, options, attempt);
      } catch (e) {
        if (!(e instanceof OcpError) || !idempotent || attempt >= maxAttempts || e.notSent) throw e;
        let waitMs: number;
        if (e.kind === 'rateLimited') {
          waitMs = Math.max(baseMs, e.retryAfterMs ?? 1_000);
          if (waitMs > clampDelay(this.opts.maxRateLimitWaitMs, 30_000)) throw e;
        } else if (e.kind === 'network' || (e.kind === 'http' && e.status !== undefined && RETRYABLE_STATUS.has(e.status))) {
          waitMs = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
        } else {
          throw e;
        }
        await abortableSleep(waitMs, options.signal, () => cancelled(method, path));
      }
    }
  }

  private async once<T>(method: string, path: string, options: RequestOptions, attempt: number): Promise<Answer<T>> {
    const fullPath = joinPath(this.base.pathname, path);
    if (options.signal?.aborted) {
      this.#stats.requestsRefused++;
      throw cancelled(method, fullPath);
    }
    if (this.#rejected) {
      this.#stats.requestsRefused++;
      const r = this.#rejected;
      throw new OcpError({ kind: 'auth', status: 401, message: r.message, method, path: fullPath, traceId: r.traceId, notSent: true });
    }
    const generation = this.#generation;
    const flatQuery = flattenQuery(options.query);
    const qs = canonicalQuery(flatQuery);
    const url = `${this.base.origin}${fullPath}${qs ? `?${qs}` : ''}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const contentType = 'application/json';
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': contentType,
      'user-agent': 'ocp-explorer',
    };
    if (this.opts.acceptLanguage) headers['accept-language'] = this.opts.acceptLanguage;
    Object.assign(headers, this.#authorize({ method, body, contentType, path: fullPath, query: flatQuery }));

    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const started = Date.now();
    let bytesRead = 0;
    const report = (status?: number, error?: string, traceId?: string) => {
      this.#stats.bytesRead += bytesRead;
      this.opts.onRequest?.({ method, path: fullPath, status, durationMs: Date.now() - started, attempt, error, traceId });
    };
    const fail = (err: OcpError): never => {
      report(err.status, err.message, err.traceId);
      throw err;
    };

    let res: Dispatcher.ResponseData;
    this.#stats.requestsSent++;
    try {
      res = await undici().request(url, { method: method as Dispatcher.HttpMethod, headers, body, dispatcher: this.dispatcher, signal, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
    } catch (e) {
      return fail(this.transportError(e, method, fullPath, options.signal, timeout.aborted));
    }
    const status = res.statusCode;
    const ctype = String(res.headers['content-type'] ?? '');

    if (status >= 300 && status < 400) {
      await discard(res.body);
      const location = boundText(headerValue(res.headers.location), 300);
      return fail(new OcpError({
        kind: 'redirect', status, method, path: fullPath, location: location || undefined,
        message: `OCP answered with a redirect to ${location || '(no location)'}: check the address (a proxy or login page?)`,
      }));
    }

    const tail = options.tailChars !== undefined;
    const limit = tail ? clampBytes(this.opts.maxLogBodyBytes, DEFAULT_MAX_LOG_BODY_BYTES) : clampBytes(this.opts.maxBodyBytes, DEFAULT_MAX_BODY_BYTES);
    const tooLarge = () => new OcpError({
      kind: 'tooLarge', status, method, path: fullPath, limitBytes: limit,
      message: `OCP sent more than ${formatMiB(limit)} MiB (HTTP ${status}); the answer was not read`,
    });
    let text = '';
    let json: any;
    let isJson = false;
    let droppedChars = 0;
    try {
      if (tail) {
        const r = await readTailJson(res.body, limit, clampCount(options.tailChars, 0));
        bytesRead = r.bytes;
        if (r.over) return fail(tooLarge());
        text = r.head;
        if (r.ok) {
          json = r.value;
          isJson = r.bytes > 0;
          droppedChars = r.droppedChars;
        }
      } else {
        const r = await readCapped(res.body, limit, Number(headerValue(res.headers['content-length']) || undefined));
        bytesRead = r.bytes;
        if (r.over) return fail(tooLarge());
        // A large list page goes to a page worker; the body is in, so only the caller's cancelling stops that (the
        // request's timeout was for the answer). Whatever the worker does not decode is read here.
        const page = options.decodePage;
        const decoder = this.opts.pageDecoder;
        const decoded = page && decoder?.available && status < 300 && r.bytes >= decoder.minBytes ? await decoder.decode(r.body, page.codec, page.maxItems, options.signal) : undefined;
        if (decoded) {
          json = decoded.envelope;
          isJson = true;
          const mark: MappedPageMark = { ids: decoded.ids, fingerprint: decoded.fingerprint };
          Object.defineProperty(json.data, MAPPED_PAGE, { value: mark });
        } else {
          text = utf8(r.body);
          try {
            json = text.length ? JSON.parse(text) : undefined;
            isJson = text.length > 0;
          } catch {
            isJson = false;
          }
        }
      }
    } catch (e) {
      if (e instanceof OcpError) throw e;
      return fail(this.transportError(e, method, fullPath, options.signal, timeout.aborted));
    }

    if (options.unwrapped && status < 400) {
      report(status);
      return { data: (isJson ? json : text) as T, bytesRead, droppedChars };
    }

    if (!isJson || typeof json !== 'object' || json === null) {
      const what = ctype ? boundText(ctype.split(';')[0], 100) : 'an empty body';
      return fail(status >= 400
        ? this.statusError(status, res.headers, `OCP answered HTTP ${status} with ${what}${htmlTitle(text)}, not OCP's JSON`, method, fullPath, {}, generation)
        : new OcpError({ kind: 'parse', status, method, path: fullPath, message: `OCP answered HTTP ${status} with ${what} that is not valid JSON${htmlTitle(text)}; is the address an OCP server (not a proxy or login page)?` }));
    }

    const traceId = typeof json.traceId === 'string' ? boundText(json.traceId, 200) : undefined;
    if (status >= 400 || json.successful === false) {
      const e = json.error !== null && typeof json.error === 'object' ? json.error : {};
      const raw = typeof e.message === 'string' && e.message ? e.message : typeof json.message === 'string' ? json.message : '';
      const message = raw ? boundText(raw, 4000) : `OCP request failed with HTTP ${status}`;
      return fail(this.statusError(status >= 400 ? status : Number(json.status) || status, res.headers, message, method, fullPath, {
        code: e.code, traceId, subErrors: normalizeSubErrors(e.subErrors),
      }, generation));
    }
    if (generation === this.#generation) this.#accepted = true;
    report(status, undefined, traceId);
    return { data: json.data as T, bytesRead, droppedChars };
  }

  private statusError(status: number, headers: Record<string, unknown>, message: string, method: string, path: string, extra: { code?: unknown; traceId?: string; subErrors?: OcpSubError[] }, generation: number): OcpError {
    let kind: OcpErrorKind = 'http';
    let retryAfterMs: number | undefined;
    if (status === 401) kind = 'auth';
    else if (status === 403) kind = 'forbidden';
    else if (status === 429) {
      kind = 'rateLimited';
      const now = Date.now();
      retryAfterMs = parseServerDelay(headers['ratelimit-reset'], now) ?? parseServerDelay(headers['retry-after'], now);
    }
    const code = typeof extra.code === 'number' || (typeof extra.code === 'string' && extra.code.length <= 100) ? extra.code : undefined;
    const err = new OcpError({ kind, status, message, method, path, code: code === 0 ? undefined : code, traceId: extra.traceId, subErrors: extra.subErrors, retryAfterMs });
    if (kind === 'auth' && generation === this.#generation && !this.#rejected) {
      this.#rejected = err;
      const listener = this.opts.onAuthRejected;
      if (listener) {
        try {
          listener({ message: err.message, method, path, traceId: err.traceId });
        } catch {
          // a listener's failure must not turn a 401 into another error
        }
      }
    }
    return err;
  }

  private transportError(e: unknown, method: string, path: string, callerSignal: AbortSignal | undefined, timedOut: boolean): OcpError {
    const err = e as { code?: unknown; name?: string; message?: string; cause?: { code?: unknown; message?: string } };
    const code = String(err?.code ?? err?.cause?.code ?? '');
    const where = `${this.base.host}`;
    if (callerSignal?.aborted) return new OcpError({ kind: 'cancelled', message: 'Request cancelled', method, path, cause: e });
    // undici also aborts (AbortError, UND_ERR_ABORTED) when a proxy refuses the tunnel: only our timer means a timeout.
    if (timedOut || err?.name === 'TimeoutError' || TIMEOUT_CODES.has(code)) {
      return new OcpError({ kind: 'timeout', message: `OCP at ${where} did not answer within ${this.timeoutMs < 1000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`}`, method, path, cause: e });
    }
    if (TLS_CODES.test(code)) {
      return new OcpError({ kind: 'tls', message: `The TLS certificate of ${where} is not trusted (${code}). Set the connection's CA file (caFile) to the PEM certificate of the authority that signed it, or, only for a server you trust, allow self-signed certificates (allowSelfSigned).`, method, path, cause: e });
    }
    if (NETWORK_CODES.has(code)) {
      return new OcpError({ kind: 'network', message: `Cannot reach OCP at ${where}: ${describeNetworkCode(code, err?.message)}`, method, path, cause: e });
    }
    const text = boundText(String(err?.message ?? e), 300);
    if (this.opts.proxy && /proxy/i.test(text)) {
      // The proxy answered but refused the tunnel (407, 403...): the request never reached OCP.
      return new OcpError({ kind: 'network', message: `Cannot reach OCP at ${where}: ${text}`, method, path, cause: e, notSent: true });
    }
    return new OcpError({ kind: 'unexpected', message: `The request to OCP at ${where} failed: ${text}${code ? ` (${code})` : ''}`, method, path, cause: e });
  }
}

function describeNetworkCode(code: string, fallback?: string): string {
  switch (code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ECONNRESET': case 'UND_ERR_SOCKET': case 'UND_ERR_CLOSED': return 'the connection was reset';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'host name not found';
    case 'UND_ERR_CONNECT_TIMEOUT': return 'connection timed out';
    default: return fallback || code;
  }
}

function joinPath(basePath: string, path: string): string {
  const b = basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
  return `${b}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Multi-valued filters are sent comma-separated (status=RUNNING,FAILED) as one value. */
function flattenQuery(q: Query | undefined): Record<string, string> | undefined {
  if (!q) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

const MAX_SUB_ERRORS = 50;
const MAX_DETAIL_CHARS = 2000;

/** OCP's sub-errors, at most 50, each message at most 2,000 characters; nothing recursive touches them. */
export function normalizeSubErrors(v: unknown): OcpSubError[] {
  if (!Array.isArray(v)) return [];
  const out: OcpSubError[] = [];
  for (const s of v.slice(0, MAX_SUB_ERRORS)) {
    if (!s || typeof s !== 'object') continue;
    const x = s as Record<string, unknown>;
    out.push({
      object: typeof x.object === 'string' ? boundText(x.object, 200) : undefined,
      field: typeof x.field === 'string' ? boundText(x.field, 200) : undefined,
      rejectedValue: boundValue(x.rejectedValue),
      code: typeof x.code === 'number' || typeof x.code === 'string' ? (typeof x.code === 'string' ? boundText(x.code, 100) : x.code) : undefined,
      SQLState: typeof x.SQLState === 'string' ? boundText(x.SQLState, 20) : undefined,
      message: typeof x.message === 'string' ? boundText(x.message, MAX_DETAIL_CHARS) : boundedJson(x, MAX_DETAIL_CHARS),
    });
  }
  return out;
}

/** A scalar as is (strings bounded); an object or array as bounded JSON text. */
function boundValue(v: unknown): unknown {
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return boundText(v, MAX_DETAIL_CHARS);
  return boundedJson(v, MAX_DETAIL_CHARS);
}

/** JSON text of a value, at most `max` characters and 4 levels deep (deeper levels print as "…"); never recursive. */
export function boundedJson(value: unknown, max: number): string {
  let out = '';
  // An explicit stack of pending output pieces: a value, or literal text.
  const stack: { v?: unknown; text?: string; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length && out.length <= max) {
    const item = stack.pop()!;
    if (item.text !== undefined) {
      out += item.text;
      continue;
    }
    const v = item.v;
    if (v === null || typeof v === 'number' || typeof v === 'boolean') out += String(v);
    else if (typeof v === 'string') out += JSON.stringify(v.length > max ? `${v.slice(0, max)}…` : v);
    else if (typeof v !== 'object') out += 'null';
    else if (item.depth >= 4) out += Array.isArray(v) ? '[…]' : '{…}';
    else {
      const isArr = Array.isArray(v);
      const entries = isArr ? (v as unknown[]).map((x, k) => [String(k), x] as const) : Object.entries(v as object);
      const pieces: { v?: unknown; text?: string; depth: number }[] = [{ text: isArr ? '[' : '{', depth: 0 }];
      entries.slice(0, 50).forEach(([k, x], n) => {
        if (n) pieces.push({ text: ',', depth: 0 });
        if (!isArr) pieces.push({ text: `${JSON.stringify(k.length > 100 ? k.slice(0, 100) : k)}:`, depth: 0 });
        pieces.push({ v: x, depth: item.depth + 1 });
      });
      if (entries.length > 50) pieces.push({ text: ',…', depth: 0 });
      pieces.push({ text: isArr ? ']' : '}', depth: 0 });
      for (let k = pieces.length - 1; k >= 0; k--) stack.push(pieces[k]);
    }
  }
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

function boundText(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function headerValue(v: unknown): string {
  return Array.isArray(v) ? String(v[0] ?? '') : v === undefined || v === null ? '' : String(v);
}

function clampBytes(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback;
}

function clampCount(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.floor(v), 1_000_000_000) : fallback;
}

function formatMiB(bytes: number): string {
  const m = bytes / MIB;
  return m >= 10 || Number.isInteger(m) ? String(Math.round(m)) : m.toFixed(1);
}

/** Reads and drops a body (at most 64 KiB; then the connection is abandoned). */
async function discard(body: AsyncIterable<Uint8Array>): Promise<void> {
  try {
    await readCapped(body, 64 * 1024);
  } catch {
    // nothing to keep
  }
}

/** A body parsed as JSON keeping only the tail of long strings; `head` keeps the start for diagnostics. */
async function readTailJson(body: AsyncIterable<Uint8Array>, maxBytes: number, tailChars: number): Promise<
  { over: true; bytes: number } | { over: false; bytes: number; ok: boolean; value?: unknown; droppedChars: number; head: string }
> {
  const parser = new TailJsonParser({ maxStringChars: tailChars });
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  let head = '';
  let ok = true;
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) return { over: true, bytes };
    const text = decoder.decode(chunk, { stream: true });
    if (head.length < DIAGNOSTIC_HEAD_CHARS) head += text.slice(0, DIAGNOSTIC_HEAD_CHARS - head.length);
    if (!ok) continue;
    try {
      parser.write(text);
    } catch {
      ok = false; // not JSON after all (an HTML page): keep reading up to the cap so the status is right
      if (head.length >= DIAGNOSTIC_HEAD_CHARS) return { over: false, bytes, ok: false, droppedChars: 0, head };
    }
  }
  if (ok) {
    try {
      parser.write(decoder.decode());
      const r = parser.end();
      return { over: false, bytes, ok: true, value: r.value, droppedChars: r.droppedChars, head };
    } catch {
      ok = false;
    }
  }
  return { over: false, bytes, ok: false, droppedChars: 0, head };
}

function htmlTitle(text: string): string {
  const m = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text);
  return m ? ` ("${m[1].trim()}")` : '';
}
