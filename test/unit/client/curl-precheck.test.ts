// "Copy as curl" never leaks a secret; readPrecheck reads the simulator's takeover and switchover precheck answers.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { MASK, maskSecrets, toCurl } from '../../../src/core/ocp/curl';
import { readPrecheck } from '../../../src/core/ocp/precheck';
import { DEFAULT_TAKEOVER_TARGETS } from '../../ocp-sim/api';
import { useClientSim } from './helpers';

/** The arguments bash would pass to curl for this command line. */
function shellArgs(cmd: string): string[] {
  assert.ok(cmd.startsWith('curl '));
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${cmd.slice('curl '.length)}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('client curl', () => {
  it('maskSecrets masks every secret field at any depth, in arrays too, without touching the input', () => {
    const body = {
      name: 'c1', password: 'p1', rootSysPassword: 'p2',
      hostInfo: { credentialId: 1, passphrase: 'p3', nested: [{ proxyroPassword: 'p4', secret: 'p5', port: 22 }] },
      zones: [{ name: 'z1', servers: [1, 2] }],
      empty: { password: '' }, missing: { password: undefined },
    };
    const copy = JSON.parse(JSON.stringify(body));
    const masked = maskSecrets(body);
    assert.deepEqual(masked, {
      name: 'c1', password: MASK, rootSysPassword: MASK,
      hostInfo: { credentialId: 1, passphrase: MASK, nested: [{ proxyroPassword: MASK, secret: MASK, port: 22 }] },
      zones: [{ name: 'z1', servers: [1, 2] }],
      empty: { password: '' }, missing: { password: undefined },
    });
    assert.deepEqual(JSON.parse(JSON.stringify(body)), copy, 'input unchanged');
    assert.equal(maskSecrets(null), null);
    assert.equal(maskSecrets('password'), 'password');
    assert.deepEqual(maskSecrets([{ password: 'x' }]), [{ password: MASK }]);
  });

  it('toCurl with Basic: user and masked password, masked body, no secret anywhere', () => {
    const body = { rootSysPassword: 'S3cr3t!pw', address: '10.0.0.200', port: 2881, note: "it's" };
    const cmd = toCurl('POST', 'http://ocp:8080/', '/api/v2/ob/clusters/takeOver', body, { kind: 'basic', principal: 'admin' });
    assert.ok(!cmd.includes('S3cr3t'), cmd);
    assert.deepEqual(shellArgs(cmd), [
      '-X', 'POST', 'http://ocp:8080/api/v2/ob/clusters/takeOver',
      '-H', 'Content-Type: application/json',
      '-u', `admin:${MASK}`,
      '-d', JSON.stringify({ rootSysPassword: MASK, address: '10.0.0.200', port: 2881, note: "it's" }),
    ]);
  });

  it('toCurl with AccessKey: the key id and placeholders, no body for a bodiless POST', () => {
    const cmd = toCurl('POST', 'https://ocp.example', '/api/v2/ob/clusters/5/stop', undefined, { kind: 'accessKey', principal: 'AK_1' });
    assert.deepEqual(shellArgs(cmd), [
      '-X', 'POST', 'https://ocp.example/api/v2/ob/clusters/5/stop',
      '-H', 'Content-Type: application/json',
      '-H', 'Date: <RFC 1123 date>',
      '-H', 'Authorization: OCP-ACCESS-KEY-HMACSHA1 AK_1:<signature>',
    ]);
  });
});

describe('client precheck', () => {
  const { sim, client } = useClientSim();

  it('takeover precheck that passes (legacy_ob with its password)', async () => {
    const legacy = DEFAULT_TAKEOVER_TARGETS.find((t) => t.clusterName === 'legacy_ob')!;
    const r = readPrecheck(await client().takeOverPreCheck({ rootSysPassword: legacy.rootSysPassword!, address: legacy.address, port: legacy.port! }));
    assert.equal(r.passed, true);
    assert.deepEqual(r.items.map((i) => [i.name, i.passed]), [
      [`Connect to ${legacy.address}:${legacy.port}`, true],
      ['Check root@sys password', true],
      ['Check whether the cluster is already managed', true],
      ['Check OceanBase version', true],
    ]);
    const facts = new Map(r.facts);
    assert.equal(facts.get('clusterName'), 'legacy_ob');
    assert.equal(facts.get('obVersion'), '4.2.1.2');
    assert.equal(facts.get('port'), '2881');
    assert.equal(facts.has('valid'), false, 'the verdict is not a fact');
  });

  it('takeover precheck that fails (broken_ob): the failed checks carry their messages', async () => {
    const broken = DEFAULT_TAKEOVER_TARGETS.find((t) => t.problems?.length)!;
    const r = readPrecheck(await client().takeOverPreCheck({ rootSysPassword: 'any', address: broken.address, port: 2881 }));
    assert.equal(r.passed, false);
    assert.deepEqual(r.items.filter((i) => !i.passed).map((i) => i.message), broken.problems);
    assert.equal(r.items.filter((i) => i.passed).length, 4);
  });

  it('takeover precheck with a wrong root@sys password fails on that check', async () => {
    const r = readPrecheck(await client().takeOverPreCheck({ rootSysPassword: 'wrong', address: '10.0.0.200', port: 2881 }));
    assert.equal(r.passed, false);
    assert.deepEqual(r.items.filter((i) => !i.passed).map((i) => [i.name, i.message]), [['Check root@sys password', 'access denied for root@sys: wrong password']]);
  });

  it('switchover precheck that passes: nested standby results, prefixed', async () => {
    const r = readPrecheck(await client().switchoverPreCheck(1000001, 2000002, { tenantId: 2000002, standbyTenantId: 2000006 }));
    assert.equal(r.passed, true);
    assert.equal(r.items.length, 7);
    assert.ok(r.items.every((i) => i.passed && i.name.startsWith('standbyCheckResults: ')));
    const facts = new Map(r.facts);
    assert.equal(facts.get('name'), 'order_mysql');
    assert.equal(facts.get('standbyCheckResults: name'), 'order_mysql_dr');
    assert.equal(facts.get('standbyCheckResults: primaryTenantServiceName'), 'obcluster_prod_order_mysql_service');
  });

  it('switchover precheck that fails (roles reversed): the failing checks and their reasons', async () => {
    const r = readPrecheck(await client().switchoverPreCheck(1000002, 2000006, { tenantId: 2000006, standbyTenantId: 2000002 }));
    assert.equal(r.passed, false);
    assert.deepEqual(r.items.filter((i) => !i.passed).map((i) => [i.name, i.message]), [
      ['standbyCheckResults: Check tenant role', 'Tenant order_mysql_dr is not a primary tenant'],
      ['standbyCheckResults: Check primary/standby relation', 'Tenant order_mysql is not a standby tenant of order_mysql_dr'],
    ]);
  });

  it('switchover precheck when the standby cluster is stopped', async () => {
    sim().state.clusters.get(1000002)!.status = 'STOPPED';
    const r = readPrecheck(await client().switchoverPreCheck(1000001, 2000002, { tenantId: 2000002, standbyTenantId: 2000006 }));
    assert.equal(r.passed, false);
    assert.deepEqual(r.items.filter((i) => !i.passed).map((i) => i.message), ['Cluster obcluster_dr is STOPPED; this operation requires RUNNING']);
  });
});
