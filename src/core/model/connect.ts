// Connecting to a tenant (tenant-connection.md). No OCP API returns a tenant's connection string, so the addresses are
// assembled from documented reads: an OBProxy cluster linked to the tenant's cluster (`address`/`port`, or each
// proxy's `ip`/`sqlPort`), else a RUNNING OBServer's `ip`/`sqlPort` (never the RPC `port`). Then pure builders of the
// `obclient` and `mysql` command lines: `-h host -P port -u user@tenant#cluster -p` (the `#cluster` only through
// OBProxy), `-p` without a value so the client asks for the password itself, every argument shell-quoted.

import { arr, isObj, num, obj, str } from './coerce';
import type { TopologyServer } from './topology';

export interface ObLink {
  clusterId?: number;
  clusterName?: string;
  obClusterId?: number;
  status?: string;
}

export interface ObproxyServer {
  id?: number;
  ip?: string;
  sqlPort?: number;
  status?: string;
  idcName?: string;
}

export interface ObproxyCluster {
  id?: number;
  name: string;
  address?: string;
  port?: number;
  obLinks: ObLink[];
  obproxies: ObproxyServer[];
}

/** Normalises an obproxyCluster of GET /api/v2/obproxy/clusters; never throws. */
export function normalizeObproxyCluster(raw: unknown): ObproxyCluster {
  const r = obj(raw);
  return {
    id: num(r.id),
    name: str(r.name) ?? '',
    address: str(r.address),
    port: num(r.port),
    obLinks: arr(r.obLinks).filter(isObj).map((l) => ({ clusterId: num(l.clusterId), clusterName: str(l.clusterName), obClusterId: num(l.obClusterId), status: str(l.status) })),
    obproxies: arr(r.obproxies).filter(isObj).map((p) => ({ id: num(p.id), ip: str(p.ip), sqlPort: num(p.sqlPort), status: str(p.status), idcName: str(p.idcName) })),
  };
}

/** Where a tenant can be reached. */
export interface TenantEndpoint {
  /** OBPROXY: through an OBProxy (login user@tenant#cluster); DIRECT: an OBServer's SQL port (user@tenant). */
  kind: 'OBPROXY' | 'DIRECT';
  host: string;
  port: number;
  /** For the picker: the OBProxy cluster's name (and the proxy's ip), or the OBServer's zone. */
  via: string;
}

export interface ConnectTenant {
  name: string;
  /** MYSQL or ORACLE (as sent; anything else counts as not MySQL). */
  mode?: string;
}

export interface ConnectCluster {
  id: number;
  name: string;
  obClusterId?: number;
}

function linksTo(p: ObproxyCluster, c: ConnectCluster): boolean {
  return p.obLinks.some((l) =>
    (l.clusterId !== undefined && l.clusterId === c.id) ||
    (l.clusterId === undefined && l.clusterName !== undefined && l.clusterName === c.name &&
      (l.obClusterId === undefined || c.obClusterId === undefined || l.obClusterId === c.obClusterId)));
}

function usablePort(p: number | undefined): p is number {
  return p !== undefined && Number.isInteger(p) && p > 0 && p < 65536;
}

/**
 * The addresses a tenant of `cluster` can be reached at, best first: each OBProxy cluster that links to the cluster
 * (its access `address`:`port`; when it has none, each RUNNING proxy's `ip`:`sqlPort`), then, only when no OBProxy
 * route exists, each RUNNING OBServer's `ip`:`sqlPort` (`preferServerIps` first: the servers that host the tenant's
 * units, when the caller knows them). Duplicates (same kind, host and port) are dropped.
 */
export function tenantEndpoints(
  cluster: ConnectCluster,
  reach: { obproxyClusters: readonly ObproxyCluster[]; servers: readonly TopologyServer[] },
  preferServerIps: readonly string[] = [],
): TenantEndpoint[] {
  const out: TenantEndpoint[] = [];
  const seen = new Set<string>();
  const push = (e: TenantEndpoint) => {
    const k = `${e.kind} ${e.host} ${e.port}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(e);
    }
  };
  for (const p of reach.obproxyClusters) {
    if (!linksTo(p, cluster)) continue;
    if (p.address && usablePort(p.port)) push({ kind: 'OBPROXY', host: p.address, port: p.port, via: p.name });
    else {
      for (const s of p.obproxies) {
        if (s.ip && usablePort(s.sqlPort) && (s.status === undefined || s.status === 'RUNNING')) push({ kind: 'OBPROXY', host: s.ip, port: s.sqlPort, via: `${p.name} ${s.ip}` });
      }
    }
  }
  if (out.length) return out;
  const prefer = new Set(preferServerIps);
  const running = reach.servers.filter((s) => s.status === 'RUNNING' && s.ip && usablePort(s.sqlPort));
  running.sort((a, b) => Number(prefer.has(b.ip!)) - Number(prefer.has(a.ip!)));
  for (const s of running) push({ kind: 'DIRECT', host: s.ip!, port: s.sqlPort!, via: s.zoneName ?? s.address });
  return out;
}

/** The login of an endpoint: `user@tenant#cluster` through OBProxy, `user@tenant` directly. */
export function loginOf(endpoint: Pick<TenantEndpoint, 'kind'>, user: string, tenant: string, cluster: string): string {
  return endpoint.kind === 'OBPROXY' ? `${user}@${tenant}#${cluster}` : `${user}@${tenant}`;
}

export type ShellKind = 'posix' | 'powershell';

/** Characters that never need quoting in a POSIX shell; PowerShell also treats `,` (arrays) and `@` (splatting) specially. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
const SAFE_POWERSHELL = /^[A-Za-z0-9_+=:./-]+$/;

/**
 * One argument quoted for the shell: left bare when it only has safe characters; otherwise single-quoted (POSIX: a
 * `'` becomes `'\''`; PowerShell: `'` and its typographic variants are doubled). Control characters (newlines…) are
 * refused: no quoting makes them safe to paste into a terminal.
 */
export function shellQuote(arg: string, shell: ShellKind = 'posix'): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(arg)) throw new Error('a control character cannot be part of a command line');
  if (arg !== '' && (shell === 'powershell' ? SAFE_POWERSHELL : SAFE).test(arg)) return arg;
  if (shell === 'powershell') return `'${arg.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface ConnectionCommand {
  client: 'obclient' | 'mysql';
  /** The arguments, unquoted (for a terminal API that takes an argv). */
  argv: string[];
  /** The command line, each argument quoted for `shell`. */
  line: string;
}

export interface ConnectionCommandInput {
  endpoint: Pick<TenantEndpoint, 'kind' | 'host' | 'port'>;
  user: string;
  tenant: ConnectTenant;
  clusterName: string;
  shell?: ShellKind;
}

/** True for a MySQL-mode tenant (mode as sent, any case). */
export function isMysqlTenant(t: ConnectTenant): boolean {
  return (t.mode ?? '').trim().toUpperCase() === 'MYSQL';
}

/**
 * The command lines for a tenant: always `obclient`, and `mysql` for a MySQL-mode tenant only (an Oracle-mode tenant
 * cannot be used from the mysql client). Both are `<client> -h <host> -P <port> -u <login> -p -c -A` (`-c` keeps
 * comments, which OceanBase hints need; `-A` skips the table-name read at login). Never a password.
 */
export function connectionCommands(input: ConnectionCommandInput): ConnectionCommand[] {
  const { endpoint, user, tenant, clusterName } = input;
  if (!user.trim()) throw new Error('a user name is needed');
  if (!tenant.name.trim()) throw new Error('a tenant name is needed');
  const login = loginOf(endpoint, user, tenant.name, clusterName);
  const args = ['-h', endpoint.host, '-P', String(endpoint.port), '-u', login, '-p', '-c', '-A'];
  const clients: ConnectionCommand['client'][] = isMysqlTenant(tenant) ? ['obclient', 'mysql'] : ['obclient'];
  return clients.map((client) => {
    const argv = [client, ...args];
    return { client, argv, line: argv.map((a) => shellQuote(a, input.shell)).join(' ') };
  });
}

/**
 * The OBServers hosting a tenant's units, from the tenant detail's `zones[].units[]` (or a units list): their
 * `serverIp`s (the `serverPort` there is the RPC port and is not used). Duplicates dropped, order kept. Never throws.
 */
export function unitServerIps(tenantDetailOrUnits: unknown): string[] {
  const units: unknown[] = Array.isArray(tenantDetailOrUnits)
    ? tenantDetailOrUnits
    : arr(obj(tenantDetailOrUnits).zones).flatMap((z) => arr(obj(z).units));
  const out: string[] = [];
  for (const u of units) {
    const ip = str(obj(u).serverIp);
    if (ip && !out.includes(ip)) out.push(ip);
  }
  return out;
}
