// Connection metadata as stored in the `ocp.connections` user setting. Never a password or a secret:
// those live in SecretStorage, or in an environment variable the user names (passwordEnv / secretKeyEnv).

export type AuthType = 'basic' | 'accessKey';

export interface ConnectionConfig {
  id: string;
  name: string;
  url: string;
  authType: AuthType;
  username?: string;
  accessKeyId?: string;
  /** Name of an environment variable holding the password (automation, CI). */
  passwordEnv?: string;
  /** Name of an environment variable holding the AccessKey secret. */
  secretKeyEnv?: string;
  /** Path of a PEM file with CA certificates to trust for this connection. */
  caFile?: string;
  /** Trust self-signed certificates: an explicit opt-in, asked for with a warning. */
  allowSelfSigned?: boolean;
  proxy?: string;
  /** The OCP console's address when it differs from the API address (for "Open in OCP Console"). */
  consoleUrl?: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks one entry of the setting; returns the problems in words (empty when valid). */
export function validateConnection(c: Partial<ConnectionConfig>): string[] {
  const problems: string[] = [];
  if (!c.id || typeof c.id !== 'string') problems.push('id is missing');
  if (!c.name || typeof c.name !== 'string' || !c.name.trim()) problems.push('name is missing');
  const urlProblem = validateUrl(c.url);
  if (urlProblem) problems.push(urlProblem);
  if (c.authType !== 'basic' && c.authType !== 'accessKey') problems.push('authType must be "basic" or "accessKey"');
  if (c.authType === 'basic' && !c.username) problems.push('username is missing');
  if (c.authType === 'accessKey' && !c.accessKeyId) problems.push('accessKeyId is missing');
  for (const k of ['username', 'accessKeyId', 'passwordEnv', 'secretKeyEnv', 'caFile', 'proxy', 'consoleUrl'] as const) {
    if (c[k] !== undefined && typeof c[k] !== 'string') problems.push(`${k} must be a string`);
  }
  // A string "false" is not false: only a real boolean turns certificate checks off.
  if (c.allowSelfSigned !== undefined && typeof c.allowSelfSigned !== 'boolean') problems.push('allowSelfSigned must be true or false');
  if (typeof c.consoleUrl === 'string' && c.consoleUrl !== '' && validateUrl(c.consoleUrl)) problems.push('consoleUrl is not an http(s):// address');
  for (const k of ['passwordEnv', 'secretKeyEnv'] as const) {
    if (c[k] !== undefined && (typeof c[k] !== 'string' || !ENV_NAME.test(c[k] as string))) problems.push(`${k} is not an environment variable name`);
  }
  if (typeof c.proxy === 'string' && c.proxy !== '' && validateUrl(c.proxy)) problems.push('proxy is not an http(s):// address');
  return problems;
}

/** undefined when the address is a usable OCP base URL, else the reason. */
export function validateUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || !url.trim()) return 'the address is missing';
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return 'not a valid address: write it like http://ocp.example.com:8080';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'the address must start with http:// or https://';
  if (!u.hostname) return 'the address has no host name';
  if (u.username || u.password) return 'do not put credentials in the address';
  if (u.search || u.hash) return 'the address must not contain ? or #';
  return undefined;
}

/** The stored form of an entry: only known keys, trimmed, no empty strings. */
export function cleanConnection(c: ConnectionConfig): ConnectionConfig {
  const out: Record<string, unknown> = {};
  const keys: (keyof ConnectionConfig)[] = ['id', 'name', 'url', 'authType', 'username', 'accessKeyId', 'passwordEnv', 'secretKeyEnv', 'caFile', 'allowSelfSigned', 'proxy', 'consoleUrl'];
  for (const k of keys) {
    const v = c[k];
    if (v === undefined || v === '' || v === false) continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  if (typeof out.url === 'string') out.url = (out.url as string).replace(/\/+$/, '');
  return out as unknown as ConnectionConfig;
}

/** True for http:// to a host other than this machine: credentials and signed requests cross the network in clear. */
export function isPlainHttp(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:') return false;
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return !(host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host));
}

/** The principal shown in "Copy as curl" (the secret is always masked). */
export function curlAuth(c: { authType: string; username?: string; accessKeyId?: string }): { kind: 'basic' | 'accessKey'; principal: string } {
  return c.authType === 'basic' ? { kind: 'basic', principal: c.username ?? '' } : { kind: 'accessKey', principal: c.accessKeyId ?? '' };
}
