// The product's pure rules against what the OCP pages say (no simulator): version parsing and feature gates
// (ocp-info.md and the operation pages), host usage (query-hosts.md), capability tokens that never hide an action
// because a field is absent, and what the create wizard can ask for (create-cluster.md).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { creatableClusterTypes } from '../../../src/core/model/createCluster';
import { freeHosts, freeHostsQuery, hostInUse, normalizeHost } from '../../../src/core/model/host';
import { normalizeTenant, tenantCapabilities } from '../../../src/core/model/tenant';
import { checkFeature, compareVersions, FEATURE_GATES, parseOcpVersion, shortVersion, type OcpFeature } from '../../../src/core/model/version';

const ROOT = path.resolve(__dirname, '../../../..');

describe('conformance: OCP version (ocp-info.md)', () => {
  it('takes the leading dotted number of buildVersion', () => {
    assert.equal(parseOcpVersion('2.5.0-SNAPSHOT').text, '2.5.0'); // the docs' only sample
    assert.equal(parseOcpVersion('4.2.1_20240110').text, '4.2.1'); // obd: the part before the first "_"
    assert.equal(parseOcpVersion('4.3.5-20250301').text, '4.3.5');
    assert.deepEqual(parseOcpVersion('3.1.1').parts, [3, 1, 1]);
  });

  it('treats a missing or unparsable buildVersion as unknown, never as old', () => {
    for (const v of [undefined, null, '', 'SNAPSHOT', 42, {}]) {
      const parsed = parseOcpVersion(v);
      assert.equal(parsed.known, false, String(v));
      for (const f of Object.keys(FEATURE_GATES) as OcpFeature[]) assert.equal(checkFeature(f, parsed).ok, true, `${f} blocked on ${String(v)}`);
    }
  });

  it('compares numerically, missing parts as 0', () => {
    assert.equal(compareVersions([4, 2], [4, 2, 0]), 0);
    assert.equal(compareVersions([4, 10], [4, 2]), 1);
    assert.equal(compareVersions([3, 1, 1], [4, 0, 3]), -1);
    assert.equal(shortVersion('4.2.0'), '4.2');
    assert.equal(shortVersion('4.0.3'), '4.0.3');
  });

  it('gates: AccessKey from 4.0.3; take-over and tenant switchover/failover from 4.2; the rest on every version', () => {
    const at = (v: string) => (f: OcpFeature) => checkFeature(f, parseOcpVersion(v));
    const v311 = at('3.1.1');
    const v400 = at('4.0.0');
    const v403 = at('4.0.3');
    const v422 = at('4.2.2');
    const v433 = at('4.3.3');
    assert.deepEqual(v311('tenantSwitchover'), { ok: false, feature: 'tenantSwitchover', version: parseOcpVersion('3.1.1'), needs: '4.2' });
    for (const f of ['takeOver', 'tenantSwitchover', 'tenantFailover', 'accessKey'] as const) assert.equal(v311(f).ok, false, f);
    assert.equal(v400('accessKey').ok, false);
    assert.equal(v403('accessKey').ok, true);
    assert.equal(v403('takeOver').ok, false);
    for (const f of ['takeOver', 'tenantSwitchover', 'tenantFailover'] as const) {
      assert.equal(v422(f).ok, true, f);
      assert.equal(v433(f).ok, true, f);
    }
    for (const f of ['basicAuth', 'browse', 'createCluster', 'stopCluster', 'startCluster', 'restartCluster', 'taskControl'] as const) {
      assert.equal(FEATURE_GATES[f].since, undefined, f);
      assert.equal(v311(f).ok, true, f);
    }
    // where the API page is later than the gate, the table says so
    assert.equal(FEATURE_GATES.takeOver.documentedFrom, '4.3.0');
    assert.equal(FEATURE_GATES.tenantSwitchover.documentedFrom, '4.3.0');
  });
});

describe('conformance: hosts in use (query-hosts.md)', () => {
  it('a host with an OB_CLUSTER service is in use; other services are not', () => {
    assert.equal(hostInUse({ services: [{ name: 'cluster01:1', type: 'OB_CLUSTER', version: '2.2.76' }] }), true);
    assert.equal(hostInUse({ services: [{ type: 'OB_PROXY' }, { type: 'OCP_AGENT' }] }), false);
    assert.equal(hostInUse({ services: [] }), false);
    assert.equal(hostInUse({}), false);
  });

  it('ignores the fields OCP does not have (used, clusterId, serviceTypes, hostTypeName)', () => {
    const h = { id: 1, used: true, clusterId: 7, serviceTypes: ['OB_CLUSTER'], hostTypeName: 'x', services: [] };
    assert.equal(hostInUse(h), false);
    assert.equal(normalizeHost(h).hostTypeName, undefined);
    assert.deepEqual(freeHosts([h, { id: 2, services: [{ type: 'OB_CLUSTER' }] }]).map((x) => x.id), [1]);
  });

  it('asks OCP for free hosts with the documented filters', () => {
    assert.deepEqual(freeHostsQuery(), { excludedServiceType: ['OB_CLUSTER'], status: ['ONLINE', 'AVAILABLE'] });
  });
});

describe('conformance: capability tokens never hide an action because a field is absent', () => {
  const menus = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.menus['view/item/context'] as { command: string; when: string }[];
  /** Whether the tree would offer `command` on an item with this contextValue (the `viewItem =~` tests of its when clause). */
  const offered = (command: string, contextValue: string) => {
    const entry = menus.find((m) => m.command === command)!;
    const tests = [...entry.when.matchAll(/viewItem =~ \/((?:[^/\\]|\\.)*)\//g)].map((m) => new RegExp(m[1]));
    return tests.every((re) => re.test(contextValue));
  };
  const tenantItem = (raw: Record<string, unknown>) => ['tenant', ...tenantCapabilities(normalizeTenant(raw))].join(' ');

  it('offers Switchover on a PRIMARY tenant whose standbys OCP does not list', () => {
    assert.equal(offered('ocp.switchoverTenant', tenantItem({ id: 1, name: 't', status: 'NORMAL', tenantRole: 'PRIMARY' })), true);
  });

  it('offers Switchover on a NORMAL tenant of unknown role (no documented role field)', () => {
    assert.equal(offered('ocp.switchoverTenant', tenantItem({ id: 1, name: 't', status: 'NORMAL', mode: 'MYSQL' })), true);
  });

  it('does not offer it where OCP said otherwise: a STANDBY tenant, a tenant being modified', () => {
    assert.equal(offered('ocp.switchoverTenant', tenantItem({ id: 1, name: 't', status: 'NORMAL', tenantRole: 'STANDBY' })), false);
    assert.equal(offered('ocp.switchoverTenant', tenantItem({ id: 1, name: 't', status: 'MODIFYING', tenantRole: 'PRIMARY' })), false);
  });
});

describe('conformance: create cluster (create-cluster.md)', () => {
  it('offers PRIMARY only: the documented body has no field naming the primary a STANDBY follows', () => {
    assert.deepEqual(creatableClusterTypes(), ['PRIMARY']);
  });
});
