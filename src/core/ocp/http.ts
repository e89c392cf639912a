// The HTTP layer of the OCP client: one undici dispatcher per connection (TLS, CA, proxy), auth headers
// (Basic or AccessKey signature), OCP's envelope unwrapped into data or an OcpError, and the retry rules:
// GETs retry connection errors and 502/503/504 with capped backoff and wait out a 429's RateLimit-Reset;
// 401/403 are never retried; POSTs are never retried.
import type { Dispatcher } from 'undici';
import { OcpError, type OcpErrorKind, type OcpSubError } from './errors';
import { authorizationHeader, canonicalQuery } from './signing';
import { undici } from './undici';
import type { ConnectionOptions, Query } from './types';

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Return the body as it is (JSON or text), without the success envelope (info, time, status). */
  unwrapped?: boolean;
  signal?: AbortSignal;
  /** Overrides the connection's GET retry count (the task tracker does its own backoff: 0). */
  retries?: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;

export class OcpTransport {
  readonly base: URL;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;

  constructor(private readonly opts: ConnectionOptions) {
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
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    const tls = { ca: opts.ca || undefined, rejectUnauthorized: !opts.allowSelfSigned };
    this.dispatcher = opts.proxy
      ? new (undici().ProxyAgent)({ uri: opts.proxy, requestTls: tls, proxyTls: tls })
      : new (undici().Agent)({ connect: { ...tls, timeout: this.timeoutMs }, keepAliveTimeout: 10_000 });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
    const idempotent = method === 'GET';
    const maxAttempts = idempotent ? 1 + (options.retries ?? this.opts.retries ?? 3) : 1;
    const baseMs = this.opts.retryBaseMs ?? 250;
    const maxMs = this.opts.retryMaxMs ?? 4_000;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(method, path, options, attempt);
      } catch (e) {
        if (!(e instanceof OcpError) || !idempotent || attempt >= maxAttempts) throw e;
        let waitMs: number;
        if (e.kind === 'rateLimited') {
          waitMs = e.retryAfterMs ?? 1_000;
          if (waitMs > (this.opts.maxRateLimitWaitMs ?? 30_000)) throw e;
        } else if (e.kind === 'network' || (e.kind === 'http' && e.status !== undefined && RETRYABLE_STATUS.has(e.status))) {
          waitMs = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
        } else {
          throw e;
        }
        await sleep(waitMs, options.signal);
      }
    }
  }

  private async once<T>(method: string, path: string, options: RequestOptions, attempt: number): Promise<T> {
    const fullPath = joinPath(this.base.pathname, path);
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
    const auth = this.opts.auth;
    if (auth.kind === 'basic') {
      headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
    } else {
      const date = new Date().toUTCString();
      headers.date = date;
      headers.authorization = authorizationHeader(auth.accessKeyId, auth.secret, {
        method, body, contentType, date, host: this.base.host, path: fullPath, query: flatQuery,
      });
    }

    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const started = Date.now();
    const report = (status?: number, error?: string, traceId?: string) =>
      this.opts.onRequest?.({ method, path: fullPath, status, durationMs: Date.now() - started, attempt, error, traceId });

    let res: Dispatcher.ResponseData;
    let text: string;
    try {
      res = await undici().request(url, { method: method as Dispatcher.HttpMethod, headers, body, dispatcher: this.dispatcher, signal, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
      text = await res.body.text();
    } catch (e) {
      const err = this.transportError(e, method, fullPath, options.signal, timeout.aborted);
      report(undefined, err.message);
      throw err;
    }
    const status = res.statusCode;
    const ctype = String(res.headers['content-type'] ?? '');
    let json: any;
    let isJson = false;
    try {
      json = text.length ? JSON.parse(text) : undefined;
      isJson = text.length > 0;
    } catch {
      isJson = false;
    }

    if (options.unwrapped && status < 400) {
      report(status);
      return (isJson ? json : text) as T;
    }

    if (!isJson || typeof json !== 'object' || json === null) {
      const what = ctype ? ctype.split(';')[0] : 'an empty body';
      const err = status >= 400
        ? this.statusError(status, res.headers, `OCP answered HTTP ${status} with ${what}${htmlTitle(text)}, not OCP's JSON`, method, fullPath)
        : new OcpError({ kind: 'parse', status, method, path: fullPath, message: `OCP answered HTTP ${status} with ${what} that is not valid JSON${htmlTitle(text)}; is the address an OCP server (not a proxy or login page)?` });
      report(status, err.message);
      throw err;
    }

    const traceId = typeof json.traceId === 'string' ? json.traceId : undefined;
    if (status >= 400 || json.successful === false) {
      const e = json.error ?? {};
      const message = typeof e.message === 'string' && e.message ? e.message : typeof json.message === 'string' ? json.message : `OCP request failed with HTTP ${status}`;
      const err = this.statusError(status >= 400 ? status : Number(json.status) || status, res.headers, message, method, fullPath, {
        code: e.code, traceId, subErrors: normalizeSubErrors(e.subErrors),
      });
      report(status, err.message, traceId);
      throw err;
    }
    report(status, undefined, traceId);
    return json.data as T;
  }

  private statusError(status: number, headers: Record<string, unknown>, message: string, method: string, path: string, extra: { code?: unknown; traceId?: string; subErrors?: OcpSubError[] } = {}): OcpError {
    let kind: OcpErrorKind = 'http';
    let retryAfterMs: number | undefined;
    if (status === 401) kind = 'auth';
    else if (status === 403) kind = 'forbidden';
    else if (status === 429) {
      kind = 'rateLimited';
      const reset = Number(headers['ratelimit-reset'] ?? headers['retry-after']);
      retryAfterMs = Number.isFinite(reset) && reset >= 0 ? Math.ceil(reset * 1000) : undefined;
    }
    const code = typeof extra.code === 'number' || typeof extra.code === 'string' ? extra.code : undefined;
    return new OcpError({ kind, status, message, method, path, code: code === 0 ? undefined : code, traceId: extra.traceId, subErrors: extra.subErrors, retryAfterMs });
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
    if (NETWORK_CODES.has(code) || code.startsWith('E') || code.startsWith('UND_ERR')) {
      return new OcpError({ kind: 'network', message: `Cannot reach OCP at ${where}: ${describeNetworkCode(code, err?.message)}`, method, path, cause: e });
    }
    return new OcpError({ kind: 'network', message: `Cannot reach OCP at ${where}: ${err?.message ?? String(e)}`, method, path, cause: e });
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

function normalizeSubErrors(v: unknown): OcpSubError[] {
  if (!Array.isArray(v)) return [];
  return v.filter((s) => s && typeof s === 'object').map((s: any) => ({
    object: s.object, field: s.field, rejectedValue: s.rejectedValue, code: s.code, SQLState: s.SQLState,
    message: typeof s.message === 'string' ? s.message : JSON.stringify(s),
  }));
}

function htmlTitle(text: string): string {
  const m = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text);
  return m ? ` ("${m[1].trim()}")` : '';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new OcpError({ kind: 'cancelled', message: 'Request cancelled' }));
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(new OcpError({ kind: 'cancelled', message: 'Request cancelled' })); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
