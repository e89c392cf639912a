// OCP AccessKey (AK/SK) request signing, exactly as OCP documents it (ocp-api.md §2.2, the AK/SK page's
// OcpSignDemo): Authorization: OCP-ACCESS-KEY-HMACSHA1 {AK}:{Base64(HMAC-SHA1(SK, stringToSign))}.
// - query: keys sorted; a repeated key's values sorted and merged into ONE value `v1,v2`, and that value encoded
//   whole, so the comma is signed as %2C (as OCP's signer encodes `groupBy=app,svr_ip` → `app%2Csvr_ip`);
// - x-ocp-* headers: `Name:value` with the header NAME AS GIVEN (OcpSignDemo uses e.getKey(); no lower-casing),
//   sorted by that name; this client sends none, and any it sent would be named in lower case.
import { createHash, createHmac } from 'node:crypto';

export interface SignInput {
  method: string;
  /** The raw request body as sent, or undefined when there is none. */
  body?: string;
  contentType: string;
  /** RFC 1123 GMT date, sent as the Date header. */
  date: string;
  /** host[:port] exactly as sent in the Host header. */
  host: string;
  /** Request headers; only x-ocp-* ones take part (name as given, values in the order sent). */
  headers?: Record<string, string | string[] | undefined>;
  /** Path without host. */
  path: string;
  query?: Record<string, string | number | boolean | Array<string | number | boolean> | undefined>;
}

/** RFC 3986 percent-encoding: unreserved A-Za-z0-9-._~ kept, everything else %XX (upper case). */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** The canonical query string OCP signs: keys sorted, repeated keys merged as k=v1%2Cv2 (values sorted, then encoded). */
export function canonicalQuery(query: SignInput['query']): string {
  if (!query) return '';
  const merged = new Map<string, string[]>();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    const values = (Array.isArray(v) ? v : [v]).map(String);
    merged.set(k, [...(merged.get(k) ?? []), ...values]);
  }
  return [...merged.keys()]
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(merged.get(k)!.sort().join(','))}`)
    .join('&');
}

export function contentMd5(body: string | undefined): string {
  if (body === undefined || body === '') return '';
  return createHash('md5').update(body, 'utf8').digest('hex').toUpperCase().padStart(32, '0');
}

export function stringToSign(input: SignInput): string {
  const ocpHeaders = Object.entries(input.headers ?? {})
    .filter(([k, v]) => k.toLowerCase().startsWith('x-ocp-') && v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${v}`)
    .join('\n');
  const q = canonicalQuery(input.query);
  return [
    input.method.toUpperCase(),
    contentMd5(input.body),
    input.contentType,
    input.date,
    input.host,
    ocpHeaders,
    q ? `${input.path}?${q}` : input.path,
  ].join('\n');
}

export function sign(secret: string, input: SignInput): string {
  return createHmac('sha1', Buffer.from(secret, 'utf8')).update(stringToSign(input), 'utf8').digest('base64');
}

export function authorizationHeader(accessKeyId: string, secret: string, input: SignInput): string {
  return `OCP-ACCESS-KEY-HMACSHA1 ${accessKeyId}:${sign(secret, input)}`;
}
