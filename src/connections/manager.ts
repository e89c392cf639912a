// ConnectionManager: the user's OCP connections (metadata from the `ocp.connections` user setting,
// secrets from SecretStorage or a named environment variable) and one OcpClient per connection.
// Workspace settings are never read for connections: a cloned repository must not be able to add a
// server or redirect a secret (the setting is application-scoped and only its global value is used).
// A stored secret is bound to the connection's id and address: when the address in the settings changes,
// the secret is not sent there (the user is asked again). A 401 from any request of a connection is noted
// here, where the client is made: the connection is silenced (no client until new credentials) and
// onDidRejectCredentials fires once.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { OcpClient } from '../core/ocp/client';
import { OcpError } from '../core/ocp/errors';
import { PageDecoder } from '../core/ocp/pageDecoder';
import type { AuthConfig } from '../core/ocp/types';
import { MissingSecretError } from '../errors';
import type { Settings } from '../settings';
import { cleanConnection, validateConnection, type ConnectionConfig } from './config';
import { requestLogLine } from './requestLog';

export const SETTING = 'connections';
export { MissingSecretError };

export interface InvalidConnection {
  index: number;
  name: string;
  problems: string[];
}

export class ConnectionManager implements vscode.Disposable {
  private readonly clients = new Map<string, { client: OcpClient; key: string }>();
  /** Large list pages are parsed and normalised off the extension host's thread; one decoder for every client. */
  readonly pageDecoder = new PageDecoder();
  private readonly authFailed = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the set of connections, one of their settings, or a secret changes. */
  readonly onDidChange = this.changed.event;
  private readonly rejected = new vscode.EventEmitter<string>();
  /** Fires once with the connection id when OCP rejects its credentials (401); again only after new ones. */
  readonly onDidRejectCredentials = this.rejected.event;
  private readonly removed = new vscode.EventEmitter<string>();
  /** Fires with the id of each connection that left the setting (removed here or edited away). */
  readonly onDidRemove = this.removed.event;
  private known = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.rejected, this.removed];

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: vscode.LogOutputChannel, private readonly settings: Settings) {
    this.known = new Set(this.list().map((c) => c.id));
    this.disposables.push(
      settings.onDidChange((e) => {
        if (e.affects('connections') || e.affects('requestTimeoutSeconds')) {
          this.dropClients();
          this.noteRemoved();
          this.changed.fire();
        }
      }),
      secrets.onDidChange((e) => {
        if (!e.key.startsWith(SECRET_PREFIX)) return;
        const id = e.key.slice(SECRET_PREFIX.length);
        this.dropClient(id);
        this.authFailed.delete(id);
        this.changed.fire();
      }),
    );
  }

  private noteRemoved(): void {
    const now = new Set(this.list().map((c) => c.id));
    for (const id of this.known) {
      if (!now.has(id)) {
        this.authFailed.delete(id);
        this.removed.fire(id);
      }
    }
    this.known = now;
  }

  dispose(): void {
    this.dropClients();
    void this.pageDecoder.close();
    for (const d of this.disposables) d.dispose();
  }

  private raw(): unknown[] {
    return this.settings.get('connections');
  }

  /** Valid connections from the user setting, in order. */
  list(): ConnectionConfig[] {
    return this.raw().filter((c): c is ConnectionConfig => !!c && typeof c === 'object' && validateConnection(c as ConnectionConfig).length === 0)
      .filter((c, i, all) => all.findIndex((o) => o.id === c.id) === i);
  }

  /** Entries of the setting that cannot be used, with the reasons (shown as error nodes). */
  invalid(): InvalidConnection[] {
    const seen = new Set<string>();
    const out: InvalidConnection[] = [];
    this.raw().forEach((c, index) => {
      const entry = (c && typeof c === 'object' ? c : {}) as Partial<ConnectionConfig>;
      const problems = validateConnection(entry);
      if (!problems.length && seen.has(entry.id!)) problems.push(`id "${entry.id}" is used twice`);
      if (entry.id) seen.add(entry.id);
      if (problems.length) out.push({ index, name: typeof entry.name === 'string' && entry.name ? entry.name : `#${index + 1}`, problems });
    });
    return out;
  }

  get(id: string): ConnectionConfig | undefined {
    return this.list().find((c) => c.id === id);
  }

  newId(): string {
    const taken = new Set(this.raw().map((c: any) => c?.id));
    for (let i = 1; ; i++) if (!taken.has(`ocp${i}`)) return `ocp${i}`;
  }

  async save(conn: ConnectionConfig): Promise<void> {
    const clean = cleanConnection(conn);
    const all = this.raw().filter((c: any) => c?.id !== clean.id);
    const index = this.raw().findIndex((c: any) => c?.id === clean.id);
    all.splice(index >= 0 ? index : all.length, 0, clean);
    await this.settings.update('connections', all);
  }

  async remove(id: string): Promise<void> {
    const all = this.raw().filter((c: any) => c?.id !== id);
    await this.settings.update('connections', all);
    await this.secrets.delete(secretKey(id));
    await this.secrets.delete(secretAddressKey(id));
    this.dropClient(id);
    this.noteRemoved();
  }

  /** Stores a secret for the connection, bound to the address it is for. */
  async storeSecret(id: string, url: string, secret: string): Promise<void> {
    await this.secrets.store(secretAddressKey(id), boundAddress(url));
    await this.secrets.store(secretKey(id), secret);
  }

  /** Binds the stored secret to a new address: the user changed the address through the wizard and kept it. */
  async rebindSecret(id: string, url: string): Promise<void> {
    if ((await this.secrets.get(secretKey(id))) !== undefined) await this.secrets.store(secretAddressKey(id), boundAddress(url));
  }

  async hasSecret(conn: ConnectionConfig): Promise<boolean> {
    try {
      return (await this.secret(conn)) !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * The secret: from the environment variable the connection names (a missing variable is an error, never a
   * fall-back to a stored secret), else from SecretStorage when it was stored for this same address.
   */
  private async secret(conn: ConnectionConfig): Promise<string | undefined> {
    const envName = conn.authType === 'basic' ? conn.passwordEnv : conn.secretKeyEnv;
    if (envName) {
      const v = process.env[envName];
      if (v) return v;
      throw new MissingSecretError(conn.name, conn.authType, vscode.l10n.t('The environment variable {0} named by the OCP connection "{1}" is not set.', envName, conn.name));
    }
    const stored = (await this.secrets.get(secretKey(conn.id))) || undefined;
    if (stored === undefined) return undefined;
    const bound = await this.secrets.get(secretAddressKey(conn.id));
    if (bound !== boundAddress(conn.url)) {
      throw new MissingSecretError(conn.name, conn.authType, vscode.l10n.t('The address of the OCP connection "{0}" changed: enter its password or secret again.', conn.name));
    }
    return stored;
  }

  /** The client for a connection, built once and rebuilt when its settings or secret change. */
  async client(id: string): Promise<OcpClient> {
    const conn = this.get(id);
    if (!conn) throw new Error(vscode.l10n.t('There is no OCP connection with id "{0}".', id));
    if (this.authFailed.has(id)) {
      throw new OcpError({ kind: 'auth', status: 401, message: vscode.l10n.t('OCP rejected the credentials of "{0}": nothing is sent to it until you enter new ones.', conn.name) });
    }
    const secret = await this.secret(conn);
    if (secret === undefined) throw new MissingSecretError(conn.name, conn.authType);
    const timeoutMs = this.settings.get('requestTimeoutSeconds') * 1000;
    let ca: string | undefined;
    if (conn.caFile) {
      try {
        ca = fs.readFileSync(conn.caFile, 'utf8');
      } catch (e) {
        throw new OcpError({ kind: 'tls', message: vscode.l10n.t('Cannot read the CA file {0}: {1}', conn.caFile, (e as Error).message) });
      }
    }
    const key = JSON.stringify([conn, hash(secret), timeoutMs, ca?.length]);
    const cached = this.clients.get(id);
    if (cached && cached.key === key) return cached.client;
    if (cached) void cached.client.close();
    const auth: AuthConfig = conn.authType === 'basic'
      ? { kind: 'basic', username: conn.username ?? '', password: secret }
      : { kind: 'accessKey', accessKeyId: conn.accessKeyId ?? '', secret };
    const client = new OcpClient({
      url: conn.url, auth, timeoutMs, ca, allowSelfSigned: conn.allowSelfSigned, proxy: conn.proxy || undefined,
      acceptLanguage: acceptLanguage(),
      pageDecoder: this.pageDecoder,
      onRequest: (e) => {
        const { level, line } = requestLogLine(conn.name, e);
        if (level === 'warn') this.log.warn(line); else this.log.trace(line);
        if (e.status === 401) this.reportAuthFailure(id);
      },
    });
    this.clients.set(id, { client, key });
    return client;
  }

  /** Remember a 401 so nothing is sent to this connection again until its credentials change; true the first time. */
  markAuthFailed(id: string): boolean {
    const first = !this.authFailed.has(id);
    this.authFailed.add(id);
    return first;
  }

  /** The one auth-failure report: silences the connection and fires onDidRejectCredentials once. */
  reportAuthFailure(id: string): void {
    if (!this.markAuthFailed(id)) return;
    this.log.warn(`OCP rejected the credentials of connection ${this.get(id)?.name ?? id}; nothing is sent to it until they change`);
    this.rejected.fire(id);
  }

  isAuthFailed(id: string): boolean {
    return this.authFailed.has(id);
  }

  /** New credentials were entered: the connection may be used again (listeners resume it). */
  clearAuthFailed(id: string): void {
    // The client silenced itself after the 401 too (core/ocp/http.ts): let it send again, even with the same secret.
    this.clients.get(id)?.client.resetAuth();
    if (this.authFailed.delete(id)) this.changed.fire();
  }

  private dropClient(id: string): void {
    const c = this.clients.get(id);
    if (c) void c.client.close();
    this.clients.delete(id);
  }

  private dropClients(): void {
    for (const id of [...this.clients.keys()]) this.dropClient(id);
  }
}

const SECRET_PREFIX = 'ocp.secret.';

export function secretKey(id: string): string {
  return `${SECRET_PREFIX}${id}`;
}

/** Where the address a secret was stored for is kept (beside the secret, in SecretStorage). */
function secretAddressKey(id: string): string {
  return `ocp.secretAddress.${id}`;
}

function boundAddress(url: string): string {
  try {
    const u = new URL(url.trim());
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim();
  }
}

/** OCP answers in English or Chinese: follow VS Code's display language. */
export function acceptLanguage(): string {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
