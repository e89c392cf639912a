// Connecting to a tenant (src/core/model/connect.ts, tenantConnectionEndpoints in src/core/ocp/daytoday.ts): the
// endpoints assembled from the documented OBProxy and OBServer lists, and the obclient / mysql command lines
// (never a password, `-p` without a value, shell-quoted), over real HTTP against the simulator.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { listObproxyClusters, tenantConnectionEndpoints } from '../../../src/core/ocp/daytoday';
import {
  connectionCommands, loginOf, normalizeObproxyCluster, shellQuote, tenantEndpoints, unitServerIps, type TenantEndpoint,
} from '../../../src/core/model/connect';
import { normalizeTopologyServer } from '../../../src/core/model/topology';
import { useClientSim } from '../client/helpers';

const PROXY: TenantEndpoint = { kind: 'OBPROXY', host: '10.0.6.10', port: 2883, via: 'obproxy_prod' };
const DIRECT: TenantEndpoint = { kind: 'DIRECT', host: '10.0.4.11', port: 2881, via: 'zone1' };

/** What a POSIX shell makes of a line: the argv it would run (printf prints one argument per line). */
function shellArgv(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `set -- ${line}; for a in "$@"; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('tenant connection: command lines', () => {
  it('obclient and mysql for a MySQL tenant through OBProxy: user@tenant#cluster, -p with no value', () => {
    const cmds = connectionCommands({ endpoint: PROXY, user: 'root', tenant: { name: 'order_mysql', mode: 'MYSQL' }, clusterName: 'obcluster_prod' });
    assert.deepEqual(cmds.map((c) => c.line), [
      "obclient -h 10.0.6.10 -P 2883 -u 'root@order_mysql#obcluster_prod' -p -c -A",
      "mysql -h 10.0.6.10 -P 2883 -u 'root@order_mysql#obcluster_prod' -p -c -A",
    ]);
    for (const c of cmds) {
      assert.equal(c.argv[c.argv.indexOf('-p') + 1], '-c', '-p takes no value: the client asks for the password');
      assert.ok(!c.argv.some((a) => a.startsWith('-p') && a !== '-p') && !c.argv.some((a) => a.startsWith('--password')));
    }
  });

  it('an Oracle-mode tenant gets no mysql line; a direct connection has no #cluster', () => {
    const cmds = connectionCommands({ endpoint: DIRECT, user: 'SYS', tenant: { name: 'dev_oracle', mode: 'ORACLE' }, clusterName: 'obcluster_dev' });
    assert.deepEqual(cmds.map((c) => c.client), ['obclient']);
    assert.equal(cmds[0].line, 'obclient -h 10.0.4.11 -P 2881 -u SYS@dev_oracle -p -c -A');
    assert.equal(loginOf(DIRECT, 'u', 't', 'c'), 'u@t');
    assert.equal(loginOf(PROXY, 'u', 't', 'c'), 'u@t#c');
    assert.deepEqual(connectionCommands({ endpoint: DIRECT, user: 'u', tenant: { name: 't', mode: 'mysql' }, clusterName: 'c' }).map((c) => c.client), ['obclient', 'mysql'], 'mode in any case');
    assert.deepEqual(connectionCommands({ endpoint: DIRECT, user: 'u', tenant: { name: 't' }, clusterName: 'c' }).map((c) => c.client), ['obclient'], 'unknown mode: obclient only');
  });

  it('quotes spaces, quotes, $ and backticks, # and unicode so a POSIX shell gets the exact arguments', () => {
    const tenant = { name: "it's a \"tenant\" $HOME `id`", mode: 'MYSQL' };
    const cmds = connectionCommands({ endpoint: PROXY, user: 'ad min', tenant, clusterName: '集群 #1' });
    const login = `ad min@${tenant.name}#集群 #1`;
    for (const c of cmds) {
      assert.deepEqual(shellArgv(c.line), c.argv, c.line);
      assert.equal(c.argv[c.argv.indexOf('-u') + 1], login);
    }
    assert.equal(shellQuote("a'b"), `'a'\\''b'`);
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('租户'), "'租户'");
  });

  it('PowerShell quoting doubles single quotes (also typographic ones); control characters are refused', () => {
    assert.equal(shellQuote("it's", 'powershell'), "'it''s'");
    assert.equal(shellQuote('a\u2019b', 'powershell'), "'a\u2019\u2019b'");
    assert.equal(shellQuote('$env:x', 'powershell'), "'$env:x'");
    assert.equal(shellQuote('a,b', 'powershell'), "'a,b'", 'a comma makes an array in PowerShell');
    assert.equal(shellQuote('root@t', 'powershell'), "'root@t'");
    assert.equal(shellQuote('a,b'), 'a,b');
    const [ps] = connectionCommands({ endpoint: PROXY, user: 'root', tenant: { name: 'order_mysql', mode: 'MYSQL' }, clusterName: 'obcluster_prod', shell: 'powershell' });
    assert.equal(ps.line, "obclient -h 10.0.6.10 -P 2883 -u 'root@order_mysql#obcluster_prod' -p -c -A");
    assert.throws(() => shellQuote('a\nb'));
    assert.throws(() => connectionCommands({ endpoint: DIRECT, user: 'u', tenant: { name: 'x\ry' }, clusterName: 'c' }));
    assert.throws(() => connectionCommands({ endpoint: DIRECT, user: ' ', tenant: { name: 't' }, clusterName: 'c' }));
  });
});

describe('tenant connection: endpoints (pure)', () => {
  const cluster = { id: 1, name: 'prod', obClusterId: 11 };
  const server = (ip: string, status = 'RUNNING', sqlPort = 2881) => normalizeTopologyServer({ ip, port: 2882, sqlPort, status, zoneName: 'z' });

  it('prefers OBProxy (address:port), skips OBProxy clusters without obLinks, never uses the RPC port', () => {
    const linked = normalizeObproxyCluster({ name: 'p', address: 'proxy.example', port: 2883, obLinks: [{ clusterId: 1 }] });
    const unlinked = normalizeObproxyCluster({ name: 'q', address: '10.9.9.9', port: 2883, obLinks: [] });
    const e = tenantEndpoints(cluster, { obproxyClusters: [unlinked, linked], servers: [server('10.0.0.1')] });
    assert.deepEqual(e, [{ kind: 'OBPROXY', host: 'proxy.example', port: 2883, via: 'p' }]);
    const direct = tenantEndpoints(cluster, { obproxyClusters: [unlinked], servers: [server('10.0.0.1'), server('10.0.0.2', 'STOPPED'), server('10.0.0.3')] }, ['10.0.0.3']);
    assert.deepEqual(direct.map((x) => `${x.kind} ${x.host}:${x.port}`), ['DIRECT 10.0.0.3:2881', 'DIRECT 10.0.0.1:2881']);
  });

  it('an OBProxy cluster without an access address: each RUNNING proxy ip:sqlPort; links by name when no id', () => {
    const p = normalizeObproxyCluster({
      name: 'p', obLinks: [{ clusterName: 'prod', obClusterId: 11 }],
      obproxies: [{ ip: '10.1.0.1', sqlPort: 2883, status: 'RUNNING' }, { ip: '10.1.0.2', sqlPort: 2883, status: 'UNAVAILABLE' }],
    });
    assert.deepEqual(tenantEndpoints(cluster, { obproxyClusters: [p], servers: [] }).map((x) => x.host), ['10.1.0.1']);
    const other = normalizeObproxyCluster({ name: 'p', address: 'a', port: 1, obLinks: [{ clusterName: 'prod', obClusterId: 99 }] });
    assert.deepEqual(tenantEndpoints(cluster, { obproxyClusters: [other], servers: [] }), [], 'same name, other obClusterId');
  });

  it('unitServerIps reads zones[].units[].serverIp from a tenant detail, or a units list', () => {
    assert.deepEqual(unitServerIps({ zones: [{ units: [{ serverIp: 'a', serverPort: 2882 }] }, { units: [{ serverIp: 'b' }, { serverIp: 'a' }] }] }), ['a', 'b']);
    assert.deepEqual(unitServerIps([{ serverIp: 'c' }]), ['c']);
    assert.deepEqual(unitServerIps(null), []);
  });
});

describe('tenant connection: against the simulator', () => {
  const { sim, client } = useClientSim();
  const PROD = { id: 1000001, name: 'obcluster_prod', obClusterId: 1 };
  const DR = { id: 1000002, name: 'obcluster_dr', obClusterId: 2 };
  const TEST = { id: 1000003, name: 'obcluster_test', obClusterId: 3 };
  const DEV = { id: 1000004, name: 'obcluster_dev', obClusterId: 4 };

  it('lists the OBProxy clusters with address, port, obLinks and proxies', async () => {
    const list = await listObproxyClusters(client());
    assert.deepEqual(list.map((p) => p.name), ['obproxy_prod', 'obproxy_idle', 'obproxy_dr']);
    assert.equal(list[0].port, 2883);
    assert.equal(list[0].obLinks[0].clusterId, PROD.id);
    assert.ok(list[0].obproxies.every((p) => p.sqlPort === 2883));
    const one = await client().get<any>('/api/v2/obproxy/clusters/1');
    assert.equal(one.name, 'obproxy_prod');
  });

  it('prod goes through its OBProxy; dr through its running proxy; dev straight to its OBServer SQL port; stopped test has none', async () => {
    const c = client();
    const proxies = await listObproxyClusters(c);
    sim().requests.length = 0;
    const prod = await tenantConnectionEndpoints(c, PROD, 2000002, { obproxyClusters: proxies });
    assert.deepEqual(prod, [{ kind: 'OBPROXY', host: '10.0.6.10', port: 2883, via: 'obproxy_prod' }]);
    assert.equal(sim().count('GET', '/api/v2/obproxy/clusters'), 0, 'the given OBProxy list is reused');
    assert.deepEqual((await tenantConnectionEndpoints(c, DR, 2000006, { obproxyClusters: proxies })).map((e) => `${e.kind} ${e.host}:${e.port}`), ['OBPROXY 10.0.6.31:2883']);
    const dev = await tenantConnectionEndpoints(c, DEV, 2000011);
    assert.deepEqual(dev.map((e) => `${e.kind} ${e.host}:${e.port}`), ['DIRECT 10.0.4.11:2881']);
    const [cmd] = connectionCommands({ endpoint: dev[0], user: 'root', tenant: { name: 'dev_mysql', mode: 'MYSQL' }, clusterName: DEV.name });
    assert.equal(cmd.line, 'obclient -h 10.0.4.11 -P 2881 -u root@dev_mysql -p -c -A');
    assert.deepEqual(await tenantConnectionEndpoints(c, TEST, 2000009, { obproxyClusters: proxies }), []);
  });
});
