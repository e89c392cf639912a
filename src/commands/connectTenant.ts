// ocp.copyConnectionCommand and ocp.openTenantTerminal: connect to a tenant with obclient (or mysql, for a MySQL-mode
// tenant). No OCP API returns a connection string (tenant-connection.md): the address is assembled from documented
// GETs (an OBProxy linked to the cluster, else a running OBServer's SQL port); when several exist the user picks.
// The line never holds a password: `-p` without a value, so the client asks for it in the terminal. "Open in
// Terminal" runs the client found on the PATH as the terminal's own process (no shell, nothing to quote), and when
// none is installed says which to install and offers the copy instead. Nothing here is a POST.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { connectionCommands, isMysqlTenant, loginOf, tenantEndpoints, unitServerIps, type ConnectionCommand, type ConnectTenant, type ObproxyCluster, type ShellKind, type TenantEndpoint } from '../core/model/connect';
import type { Cluster } from '../core/model/cluster';
import type { Tenant } from '../core/model/tenant';
import { listClusterServers, listObproxyClusters } from '../core/ocp/daytoday';
import { describeError, UserCancelled } from '../errors';
import { connectUserKey } from '../ids';
import type { Services } from '../services';
import { BACK } from '../wizards/prompter';
import type { CommandModule } from './run';
import { argsOf, resolveTenant, type CommandTarget, type TargetArgs } from './targets';

/** A script's arguments: the tenant, and optionally the answers to every question. */
export interface ConnectArgs extends TargetArgs {
  /** The database user (default: asked, the last one used for this tenant, else root / SYS). */
  user?: string;
  /** Which address, when OCP gives several (host, and port when two share a host). */
  host?: string;
  port?: number;
  /** Which client's line (default: obclient; mysql only for a MySQL-mode tenant). */
  client?: 'obclient' | 'mysql';
}

export type ClientName = ConnectionCommand['client'];

// ---- the PATH (pure enough for unit tests: env, platform and the file check are parameters) ----------------------

export interface PathLookup {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** True when `file` is an executable file (default: a real file check). */
  isExecutable?: (file: string) => boolean;
}

function executableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The full path of `name` in the PATH's directories (first found), or undefined. On Windows each PATHEXT extension
 * is tried (and the PATH variable may be spelled `Path`). Looks at files only: starts nothing.
 */
export function findOnPath(name: string, lookup: PathLookup = {}): string | undefined {
  const env = lookup.env ?? process.env;
  const platform = lookup.platform ?? process.platform;
  const isExecutable = lookup.isExecutable ?? executableFile;
  const win = platform === 'win32';
  const pathKey = win ? Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH' : 'PATH';
  const dirs = (env[pathKey] ?? '').split(win ? ';' : ':').map((d) => d.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean);
  const exts = win ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  const join = win ? path.win32.join : path.posix.join;
  for (const dir of dirs) {
    for (const ext of exts) {
      const file = join(dir, name + ext);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

/** The clients that can log in to the tenant, best first: obclient always, mysql for a MySQL-mode tenant only. */
export function clientsFor(tenant: ConnectTenant): ClientName[] {
  return isMysqlTenant(tenant) ? ['obclient', 'mysql'] : ['obclient'];
}

/** The default database user: root for a MySQL-mode tenant, SYS for an Oracle-mode one. */
export function defaultUser(tenant: ConnectTenant): string {
  return (tenant.mode ?? '').trim().toUpperCase() === 'ORACLE' ? 'SYS' : 'root';
}

/** Why a user name cannot be used, or undefined. The login is `user@tenant#cluster`, so `@` and `#` are refused. */
export function userProblem(user: string): string | undefined {
  if (!user.trim()) return vscode.l10n.t('Enter a user name.');
  // eslint-disable-next-line no-control-regex
  if (/[\s@#\u0000-\u001f\u007f]/.test(user)) return vscode.l10n.t('A user name has no spaces, "@" or "#".');
  return undefined;
}

// ---- steps --------------------------------------------------------------------------------------------------------

interface Prepared {
  cluster: Cluster;
  tenant: Tenant;
  ref: ConnectTenant;
  endpoint: TenantEndpoint;
  user: string;
  commands: ConnectionCommand[];
}

function tenantRef(t: Tenant): ConnectTenant {
  return { name: t.name, mode: t.mode === 'UNKNOWN' ? t.rawMode : t.mode };
}

/**
 * Where the tenant can be reached, from OCP's documented reads (tenant-connection.md). The OBProxy list and the
 * tenant detail only refine the answer: when one fails (a user without the permission, an older OCP) the running
 * OBServers' SQL ports are still offered; the server list itself must be read.
 */
async function endpointsOf(s: Services, connectionId: string, cluster: Cluster, tenant: Tenant): Promise<TenantEndpoint[]> {
  const client = await s.connections.client(connectionId);
  const soft = <T>(what: string, p: Promise<T>, fallback: T): Promise<T> => p.catch((e: unknown) => {
    s.log.warn(`connect to tenant ${tenant.name}: ${what} could not be read (${describeError(e)}); going on without it`);
    return fallback;
  });
  const [obproxyClusters, servers, detail] = await Promise.all([
    soft<ObproxyCluster[]>('the OBProxy list', listObproxyClusters(client), []),
    listClusterServers(client, cluster.id),
    soft<unknown>('the tenant detail', client.getTenant(cluster.id, tenant.id), undefined),
  ]);
  return tenantEndpoints({ id: cluster.id, name: cluster.name, obClusterId: cluster.obClusterId }, { obproxyClusters, servers }, unitServerIps(detail));
}

async function pickEndpoint(s: Services, all: TenantEndpoint[], args: Partial<ConnectArgs>, title: string, tenant: Tenant): Promise<TenantEndpoint> {
  if (args.host !== undefined) {
    const found = all.find((e) => e.host === args.host && (args.port === undefined || e.port === args.port));
    if (!found) throw new Error(vscode.l10n.t('OCP gives no address {0} for tenant "{1}"; it gives: {2}.', args.port === undefined ? args.host : `${args.host}:${args.port}`, tenant.name, all.map((e) => `${e.host}:${e.port}`).join(', ')));
    return found;
  }
  if (all.length === 1) return all[0];
  const picked = await s.prompter.pick({
    title,
    placeholder: vscode.l10n.t('Choose the address to connect to'),
    items: all.map((e) => ({
      label: `${e.host}:${e.port}`,
      description: e.kind === 'OBPROXY' ? vscode.l10n.t('through OBProxy {0}', e.via) : vscode.l10n.t('OBServer {0}, direct', e.via),
      value: e,
    })),
  });
  if (picked === BACK) throw new UserCancelled();
  return picked;
}

async function askUser(s: Services, key: string, ref: ConnectTenant, endpoint: TenantEndpoint, clusterName: string, args: Partial<ConnectArgs>, title: string): Promise<string> {
  if (args.user !== undefined) {
    const problem = userProblem(args.user);
    if (problem) throw new Error(problem);
    return args.user;
  }
  const remembered = s.context.globalState.get<string>(key);
  const user = await s.prompter.input({
    title,
    prompt: vscode.l10n.t('The database user to log in as ({0}). The client asks for the password in the terminal.', loginOf(endpoint, '<user>', ref.name, clusterName)),
    value: remembered ?? defaultUser(ref),
    validate: userProblem,
  });
  if (user === BACK) throw new UserCancelled();
  await s.context.globalState.update(key, user);
  return user;
}

type Resolved = Awaited<ReturnType<typeof resolveTenant>>;

/**
 * Reads the resolved tenant's addresses, asks which (when several) and the user; builds the lines. When OCP gives no
 * address, says so and answers `unreachable`.
 */
async function prepare(s: Services, args: Partial<ConnectArgs>, { connection, cluster, tenant }: Resolved, title: string, shell: ShellKind): Promise<Prepared | { unreachable: string }> {
  const ref = tenantRef(tenant);
  const all = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the addresses of tenant "{0}"…', tenant.name) },
    () => endpointsOf(s, connection.id, cluster, tenant),
  );
  if (all.length === 0) {
    // Not a failure (a stopped cluster has no running OBServer): said once, and the caller stops.
    const message = vscode.l10n.t('Tenant "{0}" cannot be reached: OCP lists no OBProxy linked to cluster "{1}" and no running OBServer with a SQL port.', tenant.name, cluster.name);
    s.log.info(message);
    void vscode.window.showWarningMessage(message);
    return { unreachable: message };
  }
  const endpoint = await pickEndpoint(s, all, args, title, tenant);
  const user = await askUser(s, connectUserKey(connection.id, cluster.id, tenant.id), ref, endpoint, cluster.name, args, title);
  const commands = connectionCommands({ endpoint, user, tenant: ref, clusterName: cluster.name, shell });
  return { cluster, tenant, ref, endpoint, user, commands };
}

function wantedClient(args: Partial<ConnectArgs>, ref: ConnectTenant): ClientName | undefined {
  if (args.client === undefined) return undefined;
  if (args.client !== 'obclient' && args.client !== 'mysql') throw new Error(vscode.l10n.t('"{0}" is not a client: use obclient or mysql.', String(args.client)));
  if (!clientsFor(ref).includes(args.client)) throw new Error(vscode.l10n.t('The mysql client cannot log in to tenant "{0}": it is not a MySQL-mode tenant. Use obclient.', ref.name));
  return args.client;
}

// ---- the commands -------------------------------------------------------------------------------------------------

export const copyConnectionCommand: CommandModule = {
  id: 'ocp.copyConnectionCommand',
  async run(s: Services, t: CommandTarget) {
    const title = vscode.l10n.t('Copy Connection Command');
    const args = argsOf<ConnectArgs>(t);
    const resolved = await resolveTenant(s, t, title);
    const want = wantedClient(args, tenantRef(resolved.tenant));
    const p = await prepare(s, args, resolved, title, process.platform === 'win32' ? 'powershell' : 'posix');
    if ('unreachable' in p) return { copied: false, message: p.unreachable };
    let chosen = want ? p.commands.find((c) => c.client === want)! : p.commands[0];
    if (!want && p.commands.length > 1) {
      const picked = await s.prompter.pick({
        title,
        placeholder: vscode.l10n.t('Choose the client'),
        items: p.commands.map((c) => ({ label: c.client, detail: c.line, value: c })),
      });
      if (picked === BACK) throw new UserCancelled();
      chosen = picked;
    }
    await vscode.env.clipboard.writeText(chosen.line);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied: {0}', chosen.line));
    return { copied: true, line: chosen.line, client: chosen.client, host: p.endpoint.host, port: p.endpoint.port, kind: p.endpoint.kind };
  },
};

export const openTenantTerminal: CommandModule = {
  id: 'ocp.openTenantTerminal',
  async run(s: Services, t: CommandTarget) {
    const title = vscode.l10n.t('Open in Terminal');
    const args = argsOf<ConnectArgs>(t);
    // Which client can log in and is installed: known from the tenant alone, before anything is asked or read.
    const resolved = await resolveTenant(s, t, title);
    const { connection, cluster, tenant } = resolved;
    const ref = tenantRef(tenant);
    const want = wantedClient(args, ref);
    const candidates = want ? [want] : clientsFor(ref);
    const installed = candidates.map((name) => ({ name, file: findOnPath(name) })).filter((c): c is { name: ClientName; file: string } => c.file !== undefined);
    if (installed.length === 0) {
      const message = candidates.length > 1
        ? vscode.l10n.t('Neither obclient nor mysql is on the PATH. Install obclient (OceanBase\'s command-line client) or the MySQL client to connect to tenant "{0}" from a terminal, or copy the command.', tenant.name)
        : candidates[0] === 'mysql'
          ? vscode.l10n.t('mysql is not on the PATH. Install the MySQL client to connect to tenant "{0}" from a terminal, or copy the command.', tenant.name)
          : vscode.l10n.t('obclient is not on the PATH. Install obclient (OceanBase\'s command-line client; an Oracle-mode tenant needs it) to connect to tenant "{0}" from a terminal, or copy the command.', tenant.name);
      s.log.info(message);
      const copy = vscode.l10n.t('Copy Connection Command');
      // Not awaited: the command ends here; the button runs the copy for the same tenant.
      void vscode.window.showWarningMessage(message, copy).then((pick) => {
        if (pick === copy) void vscode.commands.executeCommand(copyConnectionCommand.id, { ...args, connectionId: connection.id, clusterId: cluster.id, tenantId: tenant.id });
      });
      return { opened: false, missing: candidates, message };
    }
    const p = await prepare(s, args, resolved, title, 'posix');
    if ('unreachable' in p) return { opened: false, message: p.unreachable };
    const run = installed[0];
    const command = p.commands.find((c) => c.client === run.name)!;
    const terminal = vscode.window.createTerminal({
      name: `${p.tenant.name}@${p.cluster.name}`,
      // The client itself is the terminal's process: its argv needs no shell quoting; it asks for the password.
      shellPath: run.file,
      shellArgs: command.argv.slice(1),
      iconPath: new vscode.ThemeIcon('database'),
    });
    terminal.show();
    s.log.info(`opened a terminal for tenant ${p.tenant.name}: ${command.line}`);
    return { opened: true, terminal: terminal.name, client: run.name, line: command.line, host: p.endpoint.host, port: p.endpoint.port };
  },
};
