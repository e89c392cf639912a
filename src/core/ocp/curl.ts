// "Copy as curl": the exact request an operation sends, as a shell command, with every secret masked.

export const MASK = '******';

const SECRET_FIELDS = new Set(['password', 'rootSysPassword', 'proxyroPassword', 'passphrase', 'secret']);

/** A deep copy of a request body with every secret field replaced by MASK. */
export function maskSecrets<T>(body: T): T {
  if (Array.isArray(body)) return body.map(maskSecrets) as unknown as T;
  if (body && typeof body === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) out[k] = SECRET_FIELDS.has(k) && v !== undefined && v !== '' ? MASK : maskSecrets(v);
    return out as T;
  }
  return body;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CurlAuth {
  kind: 'basic' | 'accessKey';
  /** Username or AccessKey ID (not secret). */
  principal: string;
}

export function toCurl(method: string, baseUrl: string, path: string, body: unknown, auth: CurlAuth): string {
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
  const parts = [`curl -X ${method} ${shellQuote(url)}`, `-H 'Content-Type: application/json'`];
  if (auth.kind === 'basic') parts.push(`-u ${shellQuote(`${auth.principal}:${MASK}`)}`);
  else parts.push(`-H 'Date: <RFC 1123 date>'`, `-H ${shellQuote(`Authorization: OCP-ACCESS-KEY-HMACSHA1 ${auth.principal}:<signature>`)}`);
  if (body !== undefined) parts.push(`-d ${shellQuote(JSON.stringify(maskSecrets(body)))}`);
  return parts.join(' \\\n  ');
}
