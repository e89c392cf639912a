// OcpError: the one error type the OCP client throws. It carries what a user needs to see
// (OCP's message, the HTTP status, OCP's error code and traceId, sub-errors naming fields)
// and what callers need to decide (kind, retryAfterMs for 429).

export type OcpErrorKind =
  | 'http' // OCP answered with an error envelope or an error status
  | 'auth' // 401: bad or missing credentials; never retried
  | 'forbidden' // 403: authenticated but not permitted; never retried
  | 'rateLimited' // 429: wait retryAfterMs
  | 'network' // connection refused/reset, DNS, etc.
  | 'timeout' // no answer within the request timeout
  | 'tls' // certificate not trusted, hostname mismatch
  | 'parse' // the body was not the JSON OCP sends (an HTML page from a proxy, say)
  | 'tooLarge' // the body passed the client's byte cap (limitBytes); never retried
  | 'redirect' // a 3xx (location): a proxy or a login page, not OCP's API; nothing was followed
  | 'unexpected' // a failure that is none of the above (not a known socket/DNS code); never retried
  | 'cancelled'; // the caller aborted

export interface OcpSubError {
  object?: string;
  field?: string;
  rejectedValue?: unknown;
  message: string;
  code?: number | string;
  SQLState?: string;
}

export interface OcpErrorInit {
  kind: OcpErrorKind;
  message: string;
  status?: number;
  code?: number | string;
  traceId?: string;
  subErrors?: OcpSubError[];
  retryAfterMs?: number;
  method?: string;
  path?: string;
  cause?: unknown;
  /** tooLarge: the cap that was passed, in bytes. */
  limitBytes?: number;
  /** redirect: the Location header (bounded), if any. */
  location?: string;
  /** True when no request went on the wire (a connection silenced by a 401, an aborted signal). */
  notSent?: boolean;
}

export class OcpError extends Error {
  readonly kind: OcpErrorKind;
  readonly status?: number;
  readonly code?: number | string;
  readonly traceId?: string;
  readonly subErrors: OcpSubError[];
  readonly retryAfterMs?: number;
  readonly method?: string;
  readonly path?: string;
  readonly limitBytes?: number;
  readonly location?: string;
  readonly notSent: boolean;

  constructor(init: OcpErrorInit) {
    super(init.message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'OcpError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.traceId = init.traceId || undefined;
    this.subErrors = init.subErrors ?? [];
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.path = init.path;
    this.limitBytes = init.limitBytes;
    this.location = init.location;
    this.notSent = init.notSent ?? false;
  }

  /** One line for a notification: OCP's message, the fields it names, then status and traceId when known. */
  describe(): string {
    const fields = this.subErrors.map((se) => (se.field ? `${se.field}: ${se.message}` : se.message)).filter((m) => m && m !== this.message);
    const parts = [fields.length ? `${this.message} (${fields.join('; ')})` : this.message];
    const extra: string[] = [];
    // Some messages name the status themselves ("OCP sent more than 64 MiB (HTTP 200); …"): not said twice.
    if (this.status && !this.message.includes(`(HTTP ${this.status})`)) extra.push(`HTTP ${this.status}`);
    if (this.traceId) extra.push(`traceId ${this.traceId}`);
    if (extra.length) parts.push(`(${extra.join(', ')})`);
    return parts.join(' ');
  }
}

export function isOcpError(e: unknown): e is OcpError {
  return e instanceof OcpError;
}

/** Transport failures that happen before the request is sent, so OCP cannot have acted on it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * True when a failed request may still have been carried out by OCP, so a POST must not simply be sent again:
 * no answer (timeout, connection reset after sending), a success status whose body could not be read, or a
 * gateway error (502, 504) from a proxy in front of OCP. A redirect is not: nothing followed it to OCP.
 */
export function outcomeUnknown(e: OcpError): boolean {
  if (e.notSent) return false;
  switch (e.kind) {
    case 'timeout':
      return true;
    case 'network': {
      const cause = e.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
      const code = String(cause?.code ?? cause?.cause?.code ?? '');
      return !NOT_SENT_CODES.has(code);
    }
    case 'parse':
    case 'tooLarge':
      return e.status === undefined || e.status < 400;
    case 'unexpected':
      return true;
    case 'http':
      return e.status === 502 || e.status === 504;
    default:
      return false;
  }
}
