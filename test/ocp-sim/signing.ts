/*
 * OCP AccessKey (AK/SK) request signature, as documented in ocp-api.md §2.2. Pure functions: the simulator
 * verifies with them and tests sign with them.
 *   message = METHOD \n MD5(body, uppercase hex or "") \n Content-Type \n Date \n Host \n x-ocp-* lines \n path?query
 *   signature = base64(HMAC-SHA1(SK, message))
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HeaderValue = string | string[] | undefined;

export interface SignInput {
  method: string;
  /** raw request body; undefined/null/empty = no body */
  body?: string | Uint8Array | null;
  contentType?: string;
  date: string;
  /** Host header as sent (`host:port`) */
  host: string;
  /** request headers with their names as sent; only `x-ocp-*` ones are used */
  headers?: Record<string, HeaderValue>;
  /** path without query */
  path: string;
  /** raw query string (with or without '?'), URLSearchParams, or a map (arrays = repeated keys) */
  query?: string | URLSearchParams | Record<string, string | string[]>;
}

export const AUTH_SCHEME = 'OCP-ACCESS-KEY-HMACSHA1';

export function contentMd5(body: string | Uint8Array | null | undefined): string {
  if (body === undefined || body === null || body.length === 0) return '';
  return createHash('md5').update(body).digest('hex').toUpperCase().padStart(32, '0');
}

/** RFC 3986 percent-encoding: unreserved A-Za-z0-9-._~ kept, everything else %XX uppercase. */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function queryEntries(query: SignInput['query']): [string, string][] {
  if (query === undefined) return [];
  if (typeof query === 'string') return [...new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)];
  if (query instanceof URLSearchParams) return [...query];
  return Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
}

/** Sorted by key, repeated keys merged into one value v1,v2 (values sorted) that is then RFC 3986 encoded whole (the
 * comma becomes %2C, as in OCP's signer); keys RFC 3986 encoded. Empty if none. */
export function canonicalQuery(query: SignInput['query']): string {
  const merged = new Map<string, string[]>();
  for (const [k, v] of queryEntries(query)) {
    const list = merged.get(k);
    if (list) list.push(v);
    else merged.set(k, [v]);
  }
  return [...merged.keys()]
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(merged.get(k)!.slice().sort().join(','))}`)
    .join('&');
}

/**
 * `Name:value` lines of x-ocp-* headers, the name AS SENT (OCP's OcpSignDemo signs e.getKey(), it does not lower-case),
 * sorted by that name; a header sent several times has its values joined by ',' in sent order. The prefix itself is
 * matched case-insensitively.
 */
export function canonicalOcpHeaders(headers: Record<string, HeaderValue> | undefined): string {
  if (!headers) return '';
  const lines: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith('x-ocp-') || value === undefined) continue;
    lines.push([name, Array.isArray(value) ? value.join(',') : value]);
  }
  lines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return lines.map(([k, v]) => `${k}:${v}`).join('\n');
}

export function stringToSign(input: SignInput): string {
  const q = canonicalQuery(input.query);
  return [
    input.method.toUpperCase(),
    contentMd5(input.body),
    input.contentType ?? '',
    input.date,
    input.host,
    canonicalOcpHeaders(input.headers),
    q ? `${input.path}?${q}` : input.path,
  ].join('\n');
}

export function sign(secret: string, input: SignInput): string {
  return createHmac('sha1', Buffer.from(secret, 'utf8')).update(stringToSign(input), 'utf8').digest('base64');
}

export function authorizationHeader(accessKey: string, secret: string, input: SignInput): string {
  return `${AUTH_SCHEME} ${accessKey}:${sign(secret, input)}`;
}

/** Parses `OCP-ACCESS-KEY-HMACSHA1 {AK}:{signature}`; null when the header is not of that scheme. */
export function parseAuthorization(header: string): { accessKey: string; signature: string } | null {
  const m = /^OCP-ACCESS-KEY-HMACSHA1 ([^:\s]+):(\S+)$/.exec(header.trim());
  return m ? { accessKey: m[1], signature: m[2] } : null;
}

export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
