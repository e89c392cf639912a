// ConnectionManager: the user's OCP connections (metadata from the `ocp.connections` user setting,
// secrets from SecretStorage or a named environment variable) and one OcpClient per connection.
// Workspace settings are never read for connections: a cloned repository must not be able to add a
// server or redirect a secret (the setting is application-scoped and only its global value is used).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { OcpClient } from '../core/ocp/client';
import { OcpError } from '../core/ocp/errors';
import type { AuthConfig } from '../core/ocp/types';
import { cleanConnection, validateConnection, type ConnectionConfig } from './config';
import { requestLogLine } from './requestLog';

export const SETTING = 'connections';

export interface InvalidConnection {
  index: number;
  name: string;
  problems: string[];
}

export class MissingSecretError extends Error {
  constructor(readonly connection: ConnectionConfig) {
    super(
      connection.authType === 'basic'
        ? vscode.l10n.t('No password is stored for the OCP connection "{0}".', connection.name)
        : vscode.l10n.t('No AccessKey secret is stored for the OCP connection "{0}".', connection.name),
    );
    this.name = 'MissingSecretError';
  }
}

export class ConnectionManager implements vscode.Disposable {
  private readonly clients = new Map<string, { client: OcpClient; key: string }>();
  private readonly authFailed = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the set of connections, one of their settings, or a secret changes. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ocp.connections') || e.affectsConfiguration('ocp.requestTimeoutSeconds')) {
          this.dropClients();
          this.changed.fire();
        }
      }),
      secrets.onDidChange((e) => {
        if (!e.key.startsWith('ocp.secret.')) return;
        const id = e.key.slice('ocp.secret.'.length);
        this.dropClient(id);
        this.authFailed.delete(id);
        this.changed.fire();
      }),
    );
  }

  dispose(): void {
    this.dropClients();
    for (const d of this.disposables) d.dispose();
  }

  private raw(): unknown[] {
    const v = vscode.workspace.getConfiguration('ocp').inspect<unknown[]>(SETTING)?.globalValue;
    return Array.isArray(v) ? v : [];
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
    await vscode.workspace.getConfiguration('ocp').update(SETTING, all, vscode.ConfigurationTarget.Global);
  }

  async remove(id: string): Promise<void> {
    const all = this.raw().filter((c: any) => c?.id !== id);
    await vscode.workspace.getConfiguration('ocp').update(SETTING, all, vscode.ConfigurationTarget.Global);
    await this.secrets.delete(secretKey(id));
    this.dropClient(id);
  }

  async storeSecret(id: string, secret: string): Promise<void> {
    await this.secrets.store(secretKey(id), secret);
  }

  async hasSecret(conn: ConnectionConfig): Promise<boolean> {
    return (await this.secret(conn)) !== undefined;
  }

  private async secret(conn: ConnectionConfig): Promise<string | undefined> {
    const envName = conn.authType === 'basic' ? conn.passwordEnv : conn.secretKeyEnv;
    if (envName) {
      const v = process.env[envName];
      if (v) return v;
    }
    return (await this.secrets.get(secretKey(conn.id))) || undefined;
  }

  /** The client for a connection, built once and rebuilt when its settings or secret change. */
  async client(id: string): Promise<OcpClient> {
    const conn = this.get(id);
    if (!conn) throw new Error(vscode.l10n.t('There is no OCP connection with id "{0}".', id));
    const secret = await this.secret(conn);
    if (secret === undefined) throw new MissingSecretError(conn);
    const timeoutMs = Math.max(1, vscode.workspace.getConfiguration('ocp').get<number>('requestTimeoutSeconds', 30)) * 1000;
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
      onRequest: (e) => {
        const { level, line } = requestLogLine(conn.name, e);
        if (level === 'warn') this.log.warn(line); else this.log.trace(line);
      },
    });
    this.clients.set(id, { client, key });
    return client;
  }

  /** Remember a 401 so nothing polls this connection again until its credentials change. */
  markAuthFailed(id: string): boolean {
    const first = !this.authFailed.has(id);
    this.authFailed.add(id);
    return first;
  }

  isAuthFailed(id: string): boolean {
    return this.authFailed.has(id);
  }

  clearAuthFailed(id: string): void {
    this.authFailed.delete(id);
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

export function secretKey(id: string): string {
  return `ocp.secret.${id}`;
}

/** OCP answers in English or Chinese: follow VS Code's display language. */
export function acceptLanguage(): string {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
