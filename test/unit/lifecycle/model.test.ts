// The pure lifecycle model: zone / OBServer normalisers (documented fields only), status categories, legal actions and
// capability tokens per status (a mixed selection offers only the common ones), failover precheck reading in every
// shape, failover tokens, confirmation facts and the version minima.
import * as assert from 'node:assert/strict';
import { normalizeTenant } from '../../../src/core/model/tenant';
import {
  failoverImpact, failoverPrecheckEntries, readFailoverPrecheck, refusedFailoverPrecheck, tasksOfBatch, tenantFailoverTokens,
} from '../../../src/core/model/failover';
import {
  clusterLifecycleTokens, legalActions, legalForAll, LIFECYCLE_MINIMUM_OCP, normalizeTopologyServer, normalizeTopologyZone, restartImpact,
  serverCapabilities, SERVER_STATUSES, statusCategory, zoneCapabilities, ZONE_STATUSES,
} from '../../../src/core/model/topology';

/** The OBServer fields ocp-api.md §5 lists, with sample values. */
const SERVER = {
  id: 13000002, ip: '10.0.1.12', port: 2882, sqlPort: 2881, version: '4.2.1.2', withRootserver: false, status: 'RUNNING', clusterId: 12000001,
  zoneName: 'zone2', regionName: 'cn-hangzhou', idcName: 'hz2', hostId: 100002, hostTypeName: 'standard-16c64g',
  startTime: '2021-09-05T22:24:21.918+08:00', stopTime: null,
};

describe('lifecycle model: topology normalisers', () => {
  it('reads every documented OBServer field', () => {
    const s = normalizeTopologyServer(SERVER);
    assert.deepEqual(
      { ...s, startTime: undefined },
      {
        id: 13000002, ip: '10.0.1.12', rpcPort: 2882, sqlPort: 2881, address: '10.0.1.12:2882', version: '4.2.1.2', status: 'RUNNING',
        rawStatus: 'RUNNING', zoneName: 'zone2', clusterId: 12000001, idcName: 'hz2', regionName: 'cn-hangzhou', hostId: 100002,
        hostTypeName: 'standard-16c64g', withRootserver: false, startTime: undefined, stopTime: undefined,
      },
    );
    assert.equal(s.startTime, Date.parse('2021-09-05T22:24:21.918+08:00'));
  });

  it('keeps an unknown status raw and builds an address from what there is', () => {
    const s = normalizeTopologyServer({ ip: '10.0.0.1', status: 'HIBERNATING' });
    assert.equal(s.status, 'UNKNOWN');
    assert.equal(s.rawStatus, 'HIBERNATING');
    assert.equal(s.address, '10.0.0.1');
    assert.equal(normalizeTopologyServer({ id: 7 }).address, '#7');
    assert.equal(normalizeTopologyServer(null).address, '?');
    assert.equal(normalizeTopologyServer('garbage').status, 'UNKNOWN');
  });

  it('reads a zone with its documented fields; servers inherit its name; serverCount falls back to the list', () => {
    const z = normalizeTopologyZone({
      name: 'zone2', idcName: 'hz2', idcId: 2, regionName: 'cn-hangzhou', clusterId: 1, obClusterId: 22, status: 'STOPPED', innerStatus: 'INACTIVE',
      operateStatus: 'NORMAL', hostCount: 1, servers: [{ ...SERVER, zoneName: undefined, status: 'STOPPED' }, 'junk'],
    });
    assert.equal(z.name, 'zone2');
    assert.equal(z.status, 'STOPPED');
    assert.equal(z.innerStatus, 'INACTIVE');
    assert.equal(z.idcId, 2);
    assert.equal(z.serverCount, 1);
    assert.equal(z.servers.length, 1);
    assert.equal(z.servers[0].zoneName, 'zone2');
    assert.equal(normalizeTopologyZone({ name: 'z', serverCount: 30, servers: [] }).serverCount, 30, 'serverCount wins when sent');
    const odd = normalizeTopologyZone({ status: 'SOMETHING_NEW' });
    assert.equal(odd.name, '');
    assert.equal(odd.status, 'UNKNOWN');
    assert.equal(odd.rawStatus, 'SOMETHING_NEW');
  });

  it('knows every status of ocp-terms.md §4.1 / §4.2', () => {
    assert.equal(ZONE_STATUSES.length, 11);
    assert.equal(SERVER_STATUSES.length, 15);
    for (const s of [...ZONE_STATUSES, ...SERVER_STATUSES]) assert.notEqual(statusCategory(s), 'unknown', s);
    assert.equal(statusCategory('HIBERNATING'), 'unknown');
    assert.equal(statusCategory('RUNNING'), 'running');
    assert.equal(statusCategory('PROCESS_STOPPED'), 'stopped');
    assert.equal(statusCategory('RESTARTING'), 'busy');
    assert.equal(statusCategory('UNAVAILABLE'), 'unavailable');
    assert.equal(statusCategory('OPERATING'), 'maintaining');
    assert.equal(statusCategory('DELETED'), 'deleted');
  });
});

describe('lifecycle model: legal actions and tokens', () => {
  it('offers stop+restart on RUNNING, start on stopped statuses, all on UNAVAILABLE/unknown, none while busy', () => {
    const table: [string, string[]][] = [
      ['RUNNING', ['stop', 'restart']],
      ['STOPPED', ['start']], ['SERVICE_STOPPED', ['start']], ['PROCESS_STOPPED', ['start']],
      ['UNAVAILABLE', ['start', 'stop', 'restart']], ['UNKNOWN', ['start', 'stop', 'restart']], ['', ['start', 'stop', 'restart']],
      ['HIBERNATING', ['start', 'stop', 'restart']],
      ['STARTING', []], ['STOPPING', []], ['RESTARTING', []], ['CREATING', []], ['DELETING', []], ['DELETED', []], ['OPERATING', []],
      ['SERVICE_STOPPING', []], ['PROCESS_STOPPING', []], ['REINSTALLING', []],
      ['TAKINGOVER', []], ['SWITCHOVER', []], ['FAILOVER', []], ['MOVINGOUT', []],
    ];
    for (const [status, want] of table) assert.deepEqual(legalActions(status), want, status);
  });

  it('a mixed selection offers only what is legal for all', () => {
    assert.deepEqual(legalForAll(['RUNNING', 'RUNNING']), ['stop', 'restart']);
    assert.deepEqual(legalForAll(['RUNNING', 'STOPPED']), []);
    assert.deepEqual(legalForAll(['STOPPED', 'UNKNOWN']), ['start']);
    assert.deepEqual(legalForAll(['RUNNING', 'UNAVAILABLE']), ['stop', 'restart']);
    assert.deepEqual(legalForAll(['RUNNING', 'RESTARTING']), []);
    assert.deepEqual(legalForAll([]), []);
  });

  it('zone and OBServer tokens: kind, status, busy, lifecycle tokens', () => {
    assert.deepEqual(zoneCapabilities({ status: 'RUNNING' }), ['zone', 'running', 'stoppable', 'restartable']);
    assert.deepEqual(zoneCapabilities({ status: 'STOPPED' }), ['zone', 'stopped', 'startable']);
    assert.deepEqual(zoneCapabilities({ status: 'RESTARTING' }), ['zone', 'restarting', 'busy']);
    assert.deepEqual(zoneCapabilities({ status: 'UNKNOWN' }), ['zone', 'unknown-status', 'startable', 'stoppable', 'restartable']);
    assert.deepEqual(serverCapabilities({ status: 'RUNNING', withRootserver: true, id: 1 }), ['observer', 'running', 'rootserver', 'stoppable', 'restartable']);
    assert.deepEqual(serverCapabilities({ status: 'PROCESS_STOPPED', withRootserver: false, id: 1 }), ['observer', 'process_stopped', 'startable']);
    assert.deepEqual(serverCapabilities({ status: 'RUNNING', withRootserver: false, id: undefined }), ['observer', 'running'], 'no id, nothing to send');
  });

  it('cluster lifecycle tokens add restartable on RUNNING and everything on an unlisted status', () => {
    assert.deepEqual(clusterLifecycleTokens({ status: 'RUNNING' }), ['stoppable', 'restartable']);
    assert.deepEqual(clusterLifecycleTokens({ status: 'STOPPED' }), ['startable']);
    assert.deepEqual(clusterLifecycleTokens({ status: 'UNKNOWN' }), ['startable', 'stoppable', 'restartable']);
    assert.deepEqual(clusterLifecycleTokens({ status: 'CREATING' }), []);
  });

  it('restart impact: destructive always; fewer than three zones interrupts service', () => {
    assert.deepEqual(restartImpact([{ serverCount: 1 }, { serverCount: 2 }, { serverCount: 3 }]), { destructive: true, zoneCount: 3, serverCount: 6, interruptsService: false });
    assert.equal(restartImpact([{ serverCount: 3 }, { serverCount: 3 }]).interruptsService, true);
    assert.equal(restartImpact([]).zoneCount, 0);
  });

  it('version minima are plain dotted versions, failover and freezeServer on 4.3', () => {
    for (const [k, v] of Object.entries(LIFECYCLE_MINIMUM_OCP)) assert.match(v, /^\d+\.\d+\.\d+$/, k);
    assert.equal(LIFECYCLE_MINIMUM_OCP.tenantFailover, '4.3.0');
    assert.equal(LIFECYCLE_MINIMUM_OCP.serverFreeze, '4.3.0');
    assert.equal(LIFECYCLE_MINIMUM_OCP.restartCluster, '3.1.1');
  });
});

describe('lifecycle model: failover', () => {
  const entry = (tenantId: number | undefined, valid: boolean, checkResults: unknown[] = []) => ({
    valid, tenantId, name: `t${tenantId}`, clusterId: 3, clusterName: 'standby_cluster', syncScn: 1721726455000000, primaryTenantServiceName: 'SERVICE_A', checkResults,
  });

  it('reads one object, a bare list and a {contents} list', () => {
    assert.equal(failoverPrecheckEntries(entry(2, true)).length, 1);
    assert.equal(failoverPrecheckEntries([entry(2, true), entry(3, false)]).length, 2);
    assert.equal(failoverPrecheckEntries({ contents: [entry(2, true), entry(3, false), 'junk'] }).length, 2);
    assert.deepEqual(failoverPrecheckEntries(null), []);
    const p = readFailoverPrecheck({ contents: [entry(2, true), entry(3, false)] }, 3);
    assert.equal(p.reported, true);
    assert.equal(p.passed, false);
    assert.equal(p.entry!.name, 't3');
    assert.equal(p.entry!.syncScn, '1721726455000000');
    assert.equal(p.entries.length, 2);
  });

  it('passes only when valid is not false and no check item failed', () => {
    assert.equal(readFailoverPrecheck(entry(2, true), 2).passed, true);
    assert.equal(readFailoverPrecheck(entry(2, false), 2).passed, false);
    const items = readFailoverPrecheck(entry(2, true, [{ name: 'log sync', passed: false, message: 'lag 900 s' }]), 2);
    assert.equal(items.passed, false);
    assert.deepEqual(items.report.items, [{ name: 'log sync', passed: false, message: 'lag 900 s' }]);
    assert.ok(items.report.facts.some(([k, v]) => k === 'primaryTenantServiceName' && v === 'SERVICE_A'));
  });

  it('one entry without a tenantId is taken as the answer; another tenant is "not reported"', () => {
    assert.equal(readFailoverPrecheck(entry(undefined, true), 9).reported, true);
    const other = readFailoverPrecheck(entry(2, true), 9);
    assert.equal(other.reported, false);
    assert.equal(other.passed, false);
    const refused = refusedFailoverPrecheck('primary tenant is still available');
    assert.equal(refused.passed, false);
    assert.equal(refused.report.items[0].message, 'primary tenant is still available');
  });

  it('offers failover on STANDBY tenants and on tenants whose role is not reported', () => {
    const t = (o: Record<string, unknown>) => normalizeTenant({ id: 1, name: 'app', status: 'NORMAL', ...o });
    assert.deepEqual(tenantFailoverTokens(t({ tenantRole: 'STANDBY' })), ['failoverable']);
    assert.deepEqual(tenantFailoverTokens(t({})), ['failoverable']);
    assert.deepEqual(tenantFailoverTokens(t({ tenantRole: 'PRIMARY' })), []);
    assert.deepEqual(tenantFailoverTokens(t({ tenantRole: 'STANDBY', status: 'MODIFYING' })), []);
    assert.deepEqual(tenantFailoverTokens(t({ name: 'sys' })), []);
  });

  it('failover impact names the link that breaks and the name to type', () => {
    const t = normalizeTenant({ id: 6, name: 'order_mysql_dr', clusterName: 'obcluster_dr', primaryTenant: { id: 2, name: 'order_mysql', clusterName: 'obcluster_prod' } });
    assert.deepEqual(failoverImpact(t), { breaksLink: true, tenantName: 'order_mysql_dr', clusterName: 'obcluster_dr', oldPrimary: { name: 'order_mysql', clusterName: 'obcluster_prod' }, typeToConfirm: 'order_mysql_dr' });
    assert.equal(failoverImpact(normalizeTenant({ name: 'x' })).oldPrimary, undefined);
  });

  it('batch task data: contents list or a single task', () => {
    assert.equal(tasksOfBatch({ contents: [{ id: 1 }, { id: 2 }] }).length, 2);
    assert.deepEqual(tasksOfBatch({ id: 5, name: 'Failover' }), [{ id: 5, name: 'Failover' }]);
    assert.deepEqual(tasksOfBatch([{ id: 1 }]), [{ id: 1 }]);
    assert.deepEqual(tasksOfBatch(undefined), []);
  });
});
