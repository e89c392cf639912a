import * as assert from 'node:assert/strict';
import {
  clusterCapabilities,
  normalizeCluster,
  normalizeHost,
  normalizeTask,
  normalizeTenant,
  normalizeZone,
  parseOcpTime,
  tenantCapabilities,
} from '../../../src/core/model';
import { parseCanonical } from '../../../src/core/model/time';
import { taskBuilder } from '../builders';
import { sample } from './fixtures';

const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('model: time parsing', () => {
  it('reads OCP timestamps with and without milliseconds, with an offset', () => {
    assert.equal(parseOcpTime('2024-10-10T17:15:17.816+08:00'), utc(2024, 10, 10, 9, 15, 17, 816));
    assert.equal(parseOcpTime('2024-10-10T17:15:17.98+08:00'), utc(2024, 10, 10, 9, 15, 17, 980));
    assert.equal(parseOcpTime('2024-10-10T17:15:17+08:00'), utc(2024, 10, 10, 9, 15, 17));
    assert.equal(parseOcpTime('2024-10-10T17:15:17.123456-05:30'), utc(2024, 10, 10, 22, 45, 17, 123));
    assert.equal(parseOcpTime('2024-10-10T09:15:17Z'), utc(2024, 10, 10, 9, 15, 17));
    assert.equal(parseOcpTime('2024-10-10T09:15:17+0800'), utc(2024, 10, 10, 1, 15, 17));
  });

  it('reads the form OCP sends the same way by its fast path as by the general one', () => {
    // The fast path takes "…:SS.mmm±HH:MM", "…:SS±HH:MM" and "…Z"; a leading space sends the same text
    // through the regular expression only, which must agree on every one.
    let checked = 0;
    for (const date of ['2024-02-29', '1999-12-31', '2024-01-01', '2026-06-15']) {
      for (const time of ['00:00:00', '23:59:59', '10:00:00', '17:15:60']) {
        for (const frac of ['', '.000', '.816', '.999']) {
          for (const zone of ['Z', '+08:00', '-05:30', '+00:00', '+14:00']) {
            const s = `${date}T${time}${frac}${zone}`;
            const fast = parseCanonical(s);
            assert.notEqual(fast, undefined, `the fast path reads ${s}`);
            assert.equal(parseCanonical(` ${s}`), undefined, 'a leading space is left to the general parser');
            assert.equal(fast, parseOcpTime(` ${s}`), s);
            assert.equal(parseOcpTime(s), fast);
            checked++;
          }
        }
      }
    }
    assert.equal(checked, 320);
    for (const bad of ['2024-00-10T10:00:00Z', '2024-10-32T10:00:00Z', '2024-10-10T10:60:00Z', '2024-10-10T10:00:00.8160+08:00x', '2024-1a-10T10:00:00Z']) {
      assert.equal(parseOcpTime(bad), undefined, bad);
    }
  });

  it('reads a timestamp without offset as UTC and passes epoch numbers through', () => {
    assert.equal(parseOcpTime('2024-10-10T09:15:17'), utc(2024, 10, 10, 9, 15, 17));
    assert.equal(parseOcpTime(1728551717816), 1728551717816);
  });

  it('rejects what is not a timestamp', () => {
    for (const bad of ['', 'yesterday', '2024-13-01T00:00:00Z', '2024-10-10T25:00:00Z', null, undefined, {}, NaN]) {
      assert.equal(parseOcpTime(bad), undefined, String(bad));
    }
  });
});

describe('model: documented task samples', () => {
  it('create-cluster (old shape: tasks[], creator object, cluster object)', () => {
    const t = normalizeTask(sample('create-cluster'));
    assert.equal(t.id, 108088);
    assert.equal(t.name, 'Create primary OB cluster');
    assert.equal(t.shape, 'tasks');
    assert.equal(t.status, 'RUNNING');
    assert.equal(t.creator, 'admin');
    assert.equal(t.clusterId, 22);
    assert.equal(t.clusterName, 'terran');
    assert.equal(t.obClusterId, 1);
    assert.equal(t.tenantId, undefined);
    assert.equal(t.prohibitRollback, false);
    assert.equal(t.startTime, utc(2021, 3, 2, 3, 39, 34, 508));
    assert.equal(t.rawTimes.startTime, '2021-03-02T11:39:34.508+08:00');
    assert.equal(t.finishTime, undefined);
    assert.equal(t.subtasks.length, 23);
    assert.deepEqual(t.issues, []);
    const first = t.subtasks.find((s) => s.id === 129858);
    assert.ok(first);
    assert.equal(first.status, 'RUNNING');
    assert.equal(first.operation, 'EXECUTE');
    assert.deepEqual(first.upstreams, []);
    assert.deepEqual(first.downstreams, [129862]);
    assert.equal(first.parallelIdx, -1);
    assert.equal(first.seriesId, undefined);
    assert.equal(first.prohibitSkip, false);
    assert.deepEqual(
      t.subtasks.filter((s) => s.isWaitNode).map((s) => s.id),
      [129851, 129852, 129854, 129868],
    );
  });

  it('stop-cluster (old shape)', () => {
    const t = normalizeTask(sample('stop-cluster'));
    assert.equal(t.id, 107302);
    assert.equal(t.name, 'Stop OB cluster');
    assert.equal(t.shape, 'tasks');
    assert.equal(t.clusterId, 21);
    assert.equal(t.clusterName, 'ob_upgrade');
    assert.equal(t.subtasks.length, 11);
    assert.equal(t.subtasks.filter((s) => s.isWaitNode).length, 4);
    assert.deepEqual(t.subtasks.find((s) => s.id === 128797)?.downstreams, []);
  });

  it('take-over-cluster (new shape: subtasks[], creator string, top-level clusterId)', () => {
    const t = normalizeTask(sample('take-over-cluster'));
    assert.equal(t.id, 13089035);
    assert.equal(t.shape, 'subtasks');
    assert.equal(t.creator, 'admin');
    assert.equal(t.clusterId, 5000034);
    assert.equal(t.clusterName, undefined);
    assert.equal(t.executor, 'xxx.xxx.xxx.xxx');
    assert.equal(t.operation, 'EXECUTE');
    assert.equal(t.type, 'MANUAL');
    assert.equal(t.taskDefinitionId, -1);
    assert.equal(t.startTime, utc(2024, 10, 10, 9, 15, 17, 816));
    assert.equal(t.subtasks.length, 26);
    const lock = t.subtasks.find((s) => s.id === 13104477);
    assert.ok(lock);
    assert.equal(lock.status, 'READY');
    assert.equal(lock.seriesId, 25);
    assert.equal(lock.timeout, 60);
    assert.equal(lock.runTime, 1);
    assert.equal(lock.nodeType, 'JAVA_TASK');
    assert.equal(t.subtasks.filter((s) => s.parallelIdx === 0).length, 6);
    assert.ok(t.subtasks.every((s) => s.prohibitSkip === false));
  });

  it('switchover-tenant (new shape with tenantId; prohibitSkip absent)', () => {
    const t = normalizeTask(sample('switchover-tenant'));
    assert.equal(t.id, 12022212);
    assert.equal(t.clusterId, 3000009);
    assert.equal(t.tenantId, 2000022);
    assert.equal(t.subtasks.length, 10);
    const promote = t.subtasks.find((s) => s.id === 13025740);
    assert.equal(promote?.prohibitRollback, true);
    assert.equal(promote?.prohibitSkip, false);
    assert.equal(t.subtasks.find((s) => s.id === 13025744)?.parallelIdx, 0);
  });

  it('unwraps the envelope or takes the bare data object alike', () => {
    const env = sample('switchover-tenant');
    assert.deepEqual(normalizeTask(env), normalizeTask(env.data));
  });
});

describe('model: task shapes and tolerance', () => {
  it('normalises the same task identically from both shapes, apart from shape-only fields', () => {
    const build = (shape: 'tasks' | 'subtasks') =>
      normalizeTask(
        taskBuilder()
          .withShape(shape)
          .withSubtask({ id: 1, status: 'SUCCESSFUL' })
          .withSubtask({ id: 2, status: 'RUNNING', upstreams: [1] })
          .build(),
      );
    const oldT = build('tasks');
    const newT = build('subtasks');
    assert.equal(oldT.shape, 'tasks');
    assert.equal(newT.shape, 'subtasks');
    assert.equal(oldT.creator, newT.creator);
    assert.deepEqual(
      oldT.subtasks.map((s) => [s.id, s.status, s.upstreams, s.downstreams]),
      newT.subtasks.map((s) => [s.id, s.status, s.upstreams, s.downstreams]),
    );
    assert.equal(oldT.clusterId, 22);
    assert.equal(newT.clusterId, 5000034);
  });

  it('prefers subtasks over tasks when both are present', () => {
    const t = normalizeTask({ id: 1, subtasks: [{ id: 2 }], tasks: [{ id: 3 }, { id: 4 }] });
    assert.deepEqual(
      t.subtasks.map((s) => s.id),
      [2],
    );
    assert.equal(t.shape, 'subtasks');
  });

  it('keeps unknown statuses and operations raw, flagged UNKNOWN; matches known ones case-insensitively', () => {
    const t = normalizeTask({
      id: 7,
      status: 'PAUSED',
      operation: 'REVERT',
      subtasks: [
        { id: 1, status: 'SKIPPED', operation: 'rollback_skip' },
        { id: 2, status: 'running' },
      ],
    });
    assert.equal(t.status, 'UNKNOWN');
    assert.equal(t.rawStatus, 'PAUSED');
    assert.equal(t.operation, 'UNKNOWN');
    assert.equal(t.rawOperation, 'REVERT');
    assert.equal(t.subtasks[0].status, 'UNKNOWN');
    assert.equal(t.subtasks[0].rawStatus, 'SKIPPED');
    assert.equal(t.subtasks[0].operation, 'ROLLBACK_SKIP');
    assert.equal(t.subtasks[1].status, 'RUNNING');
    assert.equal(normalizeTask({ id: 1, status: 'PENDING' }).status, 'PENDING');
  });

  it("accepts the docs' spellings paralleIdx and downstream", () => {
    const t = normalizeTask({ id: 1, subtasks: [{ id: 5, paralleIdx: 3, downstream: [6] }, { id: 6 }] });
    assert.equal(t.subtasks[0].parallelIdx, 3);
    assert.deepEqual(t.subtasks[0].downstreams, [6]);
  });

  it('reads cluster and tenant from nested objects or top-level fields', () => {
    const t = normalizeTask({
      id: 1,
      cluster: { id: 9, name: 'c9', obClusterId: 4 },
      tenant: { id: 12, name: 't12' },
      creator: { id: 1 },
      finishTime: '2024-07-23T17:25:55+08:00',
    });
    assert.equal(t.clusterId, 9);
    assert.equal(t.clusterName, 'c9');
    assert.equal(t.tenantId, 12);
    assert.equal(t.tenantName, 't12');
    assert.equal(t.creator, undefined);
    assert.equal(t.finishTime, utc(2024, 7, 23, 9, 25, 55));
    const top = normalizeTask({ id: 1, clusterId: 3, cluster: { id: 4 }, tenantId: 5, hostId: 6 });
    assert.equal(top.clusterId, 3);
    assert.equal(top.tenantId, 5);
    assert.equal(top.hostId, 6);
  });

  it('never throws on garbage and yields a usable task with id -1', () => {
    for (const bad of [null, undefined, 42, 'x', [], { subtasks: 'nope' }, { id: 'abc', status: 5 }]) {
      const t = normalizeTask(bad);
      assert.equal(t.id, -1, JSON.stringify(bad));
      assert.equal(t.status, 'UNKNOWN');
      assert.deepEqual(t.subtasks, []);
      assert.equal(t.prohibitRollback, false);
      assert.equal(t.name, '');
    }
  });

  it('drops subtasks without an id, keeps the first of duplicates, and cleans edge lists', () => {
    const t = normalizeTask({
      id: '77',
      prohibitRollback: 'true',
      subtasks: [null, { name: 'no id' }, { id: 5, upstreams: 'bad', downstreams: [1, '2', null, 1] }, { id: 5, name: 'dup' }, 'junk'],
    });
    assert.equal(t.id, 77);
    assert.equal(t.prohibitRollback, true);
    assert.deepEqual(
      t.subtasks.map((s) => s.id),
      [5],
    );
    assert.deepEqual(t.subtasks[0].upstreams, []);
    assert.deepEqual(t.subtasks[0].downstreams, [1, 2]);
    assert.equal(t.subtasks[0].name, '#5');
    assert.equal(t.subtasks[0].status, 'UNKNOWN');
    assert.equal(t.issues.length, 4);
    assert.match(t.issues.join('\n'), /more than once/);
  });

  it('keeps an unparseable time raw', () => {
    const t = normalizeTask({ id: 1, startTime: 'soon' });
    assert.equal(t.startTime, undefined);
    assert.equal(t.rawTimes.startTime, 'soon');
  });
});

describe('model: clusters', () => {
  const raw = {
    id: 5000034,
    name: 'obcluster',
    obClusterId: 10001,
    obVersion: '4.2.1.0',
    fullVersion: '4.2.1.0-100000102023092807',
    type: 'PRIMARY',
    status: 'RUNNING',
    regionCount: 1,
    tenantCount: 3,
    serverCount: 3,
    zones: [
      { name: 'zone1', idcName: 'hz1', regionName: 'hangzhou', servers: [{ id: 1, ip: '10.0.0.1', port: 2882, sqlPort: 2881, status: 'RUNNING', withRootserver: true }] },
      { name: 'zone2', serverCount: 2 },
    ],
    standbyClusters: [{ id: 6, name: 'sb', obClusterId: 2 }],
    primaryCluster: null,
    syncStatus: 'VALID',
    delayTime: 0,
    createTime: '2024-01-02T03:04:05+08:00',
    creator: 'admin',
  };

  it('normalises a cluster list item', () => {
    const c = normalizeCluster(raw);
    assert.equal(c.id, 5000034);
    assert.equal(c.status, 'RUNNING');
    assert.equal(c.type, 'PRIMARY');
    assert.equal(c.fullVersion, '4.2.1.0-100000102023092807');
    assert.deepEqual(c.zoneNames, ['zone1', 'zone2']);
    assert.equal(c.zoneCount, 2);
    assert.equal(c.zones[0].servers[0].withRootserver, true);
    assert.equal(c.zones[0].serverCount, 1);
    assert.equal(c.zones[1].serverCount, 2);
    assert.deepEqual(c.standbyClusters, [{ id: 6, name: 'sb', obClusterId: 2 }]);
    assert.equal(c.primaryCluster, undefined);
    assert.equal(c.createTime, utc(2024, 1, 1, 19, 4, 5));
    assert.equal(c.creator, 'admin');
  });

  it('keeps an unknown status and tolerates garbage', () => {
    const c = normalizeCluster({ id: 1, status: 'ABNORMAL', type: 'ARBITRATION', zones: 'x' });
    assert.equal(c.status, 'UNKNOWN');
    assert.equal(c.rawStatus, 'ABNORMAL');
    assert.equal(c.type, undefined);
    assert.equal(c.rawType, 'ARBITRATION');
    assert.deepEqual(c.zones, []);
    assert.deepEqual(clusterCapabilities(c), ['unknown-status']);
    const g = normalizeCluster(null);
    assert.equal(g.id, -1);
    assert.equal(g.status, 'UNKNOWN');
    assert.deepEqual(g.standbyClusters, []);
  });

  it('derives capability tokens from status and role', () => {
    const caps = (o: Record<string, unknown>) => clusterCapabilities(normalizeCluster({ ...raw, ...o }));
    assert.deepEqual(caps({}), ['running', 'stoppable', 'primary', 'has-standby']);
    assert.deepEqual(caps({ status: 'STOPPED', type: 'STANDBY', standbyClusters: [] }), ['stopped', 'startable', 'standby']);
    for (const busy of ['CREATING', 'STOPPING', 'TAKINGOVER', 'SWITCHOVER', 'OPERATING']) {
      const c = caps({ status: busy });
      assert.ok(c.includes('busy') && !c.includes('stoppable') && !c.includes('startable'), busy);
      assert.ok(c.includes(busy.toLowerCase()));
    }
  });

  it('normalises zones and hosts on their own', () => {
    const z = normalizeZone({ name: 'z', servers: [{}, {}], hostCount: 2, status: 'RUNNING' });
    assert.equal(z.serverCount, 2);
    assert.equal(z.servers[0].status, '');
    const h = normalizeHost({ id: 3, innerIpAddress: '10.1.1.1', status: 'ONLINE', typeName: 'default' });
    assert.deepEqual(
      [h.id, h.name, h.ip, h.status, h.hostTypeName],
      [3, '10.1.1.1', '10.1.1.1', 'ONLINE', 'default'],
    );
    assert.equal(normalizeHost({ id: 4, hostTypeName: 'an OBServer field, not a host field' }).hostTypeName, undefined);
    assert.equal(normalizeHost(undefined).id, -1);
  });
});

describe('model: tenants', () => {
  const raw = {
    id: 2000022,
    name: 'sales',
    clusterId: 3000009,
    clusterName: 'c1',
    clusterType: 'PRIMARY',
    mode: 'Oracle',
    status: 'NORMAL',
    locked: false,
    readonly: false,
    primaryZone: 'zone2,zone3;zone1',
    zoneList: 'zone1;zone2;zone3',
    obVersion: '4.2.1.0',
    createTime: '2024-07-23T17:20:55.929+08:00',
  };

  it('normalises a tenant; mode is case-insensitive', () => {
    const t = normalizeTenant(raw);
    assert.equal(t.id, 2000022);
    assert.equal(t.mode, 'ORACLE');
    assert.equal(t.rawMode, 'Oracle');
    assert.equal(t.status, 'NORMAL');
    assert.equal(t.clusterType, 'PRIMARY');
    assert.deepEqual(t.zoneList, ['zone1', 'zone2', 'zone3']);
    assert.equal(t.primaryZone, 'zone2,zone3;zone1');
    assert.equal(t.role, undefined);
    assert.equal(t.primaryTenant, undefined);
    assert.deepEqual(t.standbyTenants, []);
    assert.equal(normalizeTenant({ ...raw, mode: 'mysql' }).mode, 'MYSQL');
    assert.equal(normalizeTenant({ ...raw, mode: 'PG' }).mode, 'UNKNOWN');
  });

  it('reads the role from tenantRole, then role, and the peers when present', () => {
    assert.equal(normalizeTenant({ ...raw, tenantRole: 'STANDBY', role: 'PRIMARY' }).role, 'STANDBY');
    assert.equal(normalizeTenant({ ...raw, role: 'primary' }).role, 'PRIMARY');
    const odd = normalizeTenant({ ...raw, tenantRole: 'RESTORE' });
    assert.equal(odd.role, undefined);
    assert.equal(odd.rawRole, 'RESTORE');
    const p = normalizeTenant({
      ...raw,
      tenantRole: 'PRIMARY',
      standbyTenants: [{ id: 2000023, name: 'sales_sb', clusterId: 3000010 }, 2000024, null],
    });
    assert.deepEqual(p.standbyTenants, [{ id: 2000023, name: 'sales_sb', clusterId: 3000010, clusterName: undefined }, { id: 2000024 }]);
    const s = normalizeTenant({ ...raw, role: 'STANDBY', primaryTenant: { tenantId: 2000022, tenantName: 'sales' } });
    assert.deepEqual(s.primaryTenant, { id: 2000022, name: 'sales', clusterId: undefined, clusterName: undefined });
  });

  it('derives capability tokens', () => {
    assert.deepEqual(tenantCapabilities(normalizeTenant(raw)), ['normal', 'oracle', 'switchable']);
    assert.deepEqual(
      tenantCapabilities(normalizeTenant({ ...raw, tenantRole: 'PRIMARY', standbyTenants: [{ id: 1 }], mode: 'MYSQL' })),
      ['normal', 'primary', 'has-standby', 'mysql', 'switchable'],
    );
    assert.deepEqual(
      tenantCapabilities(normalizeTenant({ ...raw, role: 'STANDBY', primaryTenant: 5, status: 'MODIFYING', locked: true })),
      ['modifying', 'busy', 'standby', 'has-primary', 'locked', 'oracle'],
    );
    // The system tenant never has a standby: no Switchover on it, whatever OCP leaves out.
    assert.ok(!tenantCapabilities(normalizeTenant({ ...raw, name: 'sys', tenantName: 'sys', mode: 'MYSQL' })).includes('switchable'));
  });

  it('tolerates garbage', () => {
    const t = normalizeTenant('nope');
    assert.equal(t.id, -1);
    assert.equal(t.status, 'UNKNOWN');
    assert.equal(t.mode, 'UNKNOWN');
    assert.deepEqual(t.zoneList, []);
    assert.deepEqual(tenantCapabilities(t), ['unknown-status', 'busy']);
    assert.deepEqual(normalizeTenant({ zones: [{ name: 'z1' }, { name: 'z2' }] }).zoneList, ['z1', 'z2']);
  });
});
