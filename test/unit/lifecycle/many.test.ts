// Several targets at once (operations/many.ts) and the legality of the cluster lifecycle commands and of failover:
// a selection with an illegal node is refused naming it; one confirmation lists every target (names typed when the
// setting asks, for a destructive action only); one send per target, in order, each once, a failure neither
// resent nor stopping the others; the failover refusals and the precheck report it shows.
import '../host/vscode-stub';
import * as assert from 'node:assert/strict';
import { normalizeCluster } from '../../../src/core/model/cluster';
import { readFailoverPrecheck } from '../../../src/core/model/failover';
import { normalizeTenant } from '../../../src/core/model/tenant';
import { clusterActionLegal } from '../../../src/commands/clusterLifecycle';
import { failoverRefusal, failoverReport } from '../../../src/commands/failoverTenant';
import { checkMinimum } from '../../../src/operations/feature';
import { failureSummary, illegalNodes, ManyFailedError, manyDetail, refuseIllegal, runOnMany, typedNames, type ManySpec } from '../../../src/operations/many';
import type { OperationResult } from '../../../src/operations/run';
import type { Settings } from '../../../src/settings';
import { parseOcpVersion } from '../../../src/core/model/version';
import type { ConfirmOptions, InputOptions, PickOptions, Prompter } from '../../../src/wizards/prompter';

class Confirmer implements Prompter {
  readonly asked: ConfirmOptions[] = [];
  constructor(private readonly answer: boolean) {}
  async input(_o: InputOptions): Promise<string> { throw new Error('no input expected'); }
  async pick<T>(_o: PickOptions<T>): Promise<T> { throw new Error('no pick expected'); }
  async pickMany<T>(_o: PickOptions<T>): Promise<T[]> { throw new Error('no pick expected'); }
  async confirm(o: ConfirmOptions): Promise<boolean> { this.asked.push(o); return this.answer; }
}

const settings = (confirmDestructive: 'modal' | 'typeName') => ({ get: (k: string) => (k === 'confirmDestructive' ? confirmDestructive : undefined) }) as unknown as Settings;
const result = (taskId: number): OperationResult => ({ taskId, task: { id: taskId } as OperationResult['task'] });

function spec(names: string[], fail: Set<string> = new Set(), destructive = true): ManySpec<string> & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    targets: names,
    name: (n) => n,
    line: (n) => `${n} · Running`,
    confirmation: { message: `Restart ${names.length} clusters?`, detail: 'Every OBServer process restarts.', confirmLabel: 'Restart Cluster', destructive },
    send: async (n) => {
      sent.push(n);
      if (fail.has(n)) throw new Error(`OCP refused ${n}`);
      return result(100 + sent.length);
    },
  };
}

describe('lifecycle: several targets at once', () => {
  it('names every node that cannot take part, and refuses before anything else', () => {
    const nodes = [{ n: 'a', ok: true }, { n: 'b', ok: false }, { n: 'c', ok: false }];
    assert.deepEqual(illegalNodes(nodes, (x) => (x.ok ? undefined : `"${x.n}" (Running)`)), ['"b" (Running)', '"c" (Running)']);
    assert.throws(() => refuseIllegal('Start Cluster', nodes, (x) => (x.ok ? undefined : `"${x.n}"`)), /Start Cluster cannot act on every selected item: "b"; "c"\./);
    assert.doesNotThrow(() => refuseIllegal('Start Cluster', nodes, () => undefined));
  });

  it('asks ONE confirmation listing every target, then sends each once, in order', async () => {
    const p = new Confirmer(true);
    const s = spec(['a', 'b', 'c']);
    const out = await runOnMany(p, settings('modal'), 'Restart Cluster', s);
    assert.equal(p.asked.length, 1);
    assert.equal(p.asked[0].message, 'Restart 3 clusters?');
    assert.equal(p.asked[0].detail, 'Every OBServer process restarts.\n• a · Running\n• b · Running\n• c · Running');
    assert.equal(p.asked[0].typeToConfirm, undefined, 'modal by default');
    assert.deepEqual(s.sent, ['a', 'b', 'c']);
    assert.deepEqual(out.map((o) => (o.ok ? o.result.taskId : -1)), [101, 102, 103]);
  });

  it('asks for every name typed when the setting says typeName, for a destructive action only', async () => {
    const p = new Confirmer(true);
    await runOnMany(p, settings('typeName'), 'Restart Cluster', spec(['a', 'b']));
    assert.equal(p.asked[0].typeToConfirm, 'a, b');
    assert.equal(typedNames(['x']), 'x');
    const q = new Confirmer(true);
    await runOnMany(q, settings('typeName'), 'Start Cluster', spec(['a', 'b'], new Set(), false));
    assert.equal(q.asked[0].typeToConfirm, undefined, 'start is not destructive');
  });

  it('sends nothing when the confirmation is declined', async () => {
    const s = spec(['a', 'b']);
    await assert.rejects(runOnMany(new Confirmer(false), settings('modal'), 'Stop Cluster', s), (e: Error) => e.name === 'UserCancelled');
    assert.deepEqual(s.sent, []);
  });

  it('skips the confirmation for a confirmed run, never sends an empty one', async () => {
    const p = new Confirmer(false);
    const s = { ...spec(['a']), confirmed: true };
    await runOnMany(p, settings('modal'), 'Stop Cluster', s);
    assert.equal(p.asked.length, 0);
    await assert.rejects(runOnMany(p, settings('modal'), 'Stop Cluster', spec([])), /Nothing is selected/);
  });

  it('goes on after a failure, never resends it, and reports which did not start', async () => {
    const s = spec(['a', 'b', 'c'], new Set(['b']));
    await assert.rejects(runOnMany(new Confirmer(true), settings('modal'), 'Stop Cluster', s), (e: unknown) => {
      assert.ok(e instanceof ManyFailedError);
      assert.equal(e.message, 'Stop Cluster: 2 of 3 started; failed: b (OCP refused b)');
      assert.deepEqual(e.outcomes.map((o) => o.ok), [true, false, true]);
      return true;
    });
    assert.deepEqual(s.sent, ['a', 'b', 'c'], 'each sent exactly once');
  });

  it('words a cancelled target as cancelled, and has no summary without failures', () => {
    const cancelled = Object.assign(new Error('x'), { [Symbol.for('ocp.userCancelled')]: true });
    assert.equal(failureSummary('Start Cluster', [{ target: 'a', ok: false, error: cancelled, cancelled: true }], (t) => t), 'Start Cluster: 0 of 1 started; failed: a (cancelled)');
    assert.equal(failureSummary('Start Cluster', [{ target: 'a', ok: true, result: result(1) }], (t) => t), undefined);
    assert.equal(manyDetail('', ['a']), '• a');
  });
});

describe('lifecycle: legality of the cluster commands and of failover', () => {
  const cluster = (status: string, id = 1) => normalizeCluster({ id, name: 'c', status });

  it('start on STOPPED, stop and restart on RUNNING, all three on a status OCP does not list, none while busy', () => {
    const legal = (status: string) => (['start', 'stop', 'restart'] as const).filter((a) => clusterActionLegal(a, cluster(status)));
    assert.deepEqual(legal('STOPPED'), ['start']);
    assert.deepEqual(legal('RUNNING'), ['stop', 'restart']);
    assert.deepEqual(legal('SOMETHING_NEW'), ['start', 'stop', 'restart'], 'unknown is not none');
    for (const s of ['STARTING', 'RESTARTING', 'STOPPING', 'CREATING', 'DELETING', 'TAKINGOVER', 'SWITCHOVER', 'FAILOVER', 'OPERATING']) assert.deepEqual(legal(s), [], s);
    assert.equal(clusterActionLegal('stop', cluster('RUNNING', -1)), false, 'a cluster without an id');
  });

  it('offers failover on standby tenants and tenants of unknown role, refuses the others with a reason', () => {
    const t = (o: Record<string, unknown>) => normalizeTenant({ id: 5, name: 't1', status: 'NORMAL', ...o });
    assert.equal(failoverRefusal(t({ tenantRole: 'STANDBY' })), undefined);
    assert.equal(failoverRefusal(t({})), undefined, 'role not reported: the precheck decides');
    assert.match(failoverRefusal(t({ tenantRole: 'PRIMARY' }))!, /primary tenant: only a standby/);
    assert.match(failoverRefusal(t({ name: 'sys', tenantRole: 'STANDBY' }))!, /system tenant/);
    assert.match(failoverRefusal(t({ tenantRole: 'STANDBY', status: 'MODIFYING' }))!, /is MODIFYING/);
    assert.match(failoverRefusal(t({ id: -1, tenantRole: 'STANDBY' }))!, /no id/);
  });

  it('shows the failover precheck with its facts first, and a tenant OCP did not mention as failed', () => {
    const p = readFailoverPrecheck({ valid: true, tenantId: 5, name: 't1', syncScn: '1700000000000000000', primaryTenantServiceName: 'svc', checkResults: [{ name: 'role', passed: true }] }, 5);
    const r = failoverReport(p, 't1');
    assert.equal(r.passed, true);
    assert.deepEqual(r.facts.slice(0, 2), [['Synchronized SCN', '1700000000000000000'], ['Primary tenant service name', 'svc']]);
    assert.equal(r.facts.filter(([k]) => k === 'syncScn').length, 0, 'not shown twice');
    const missing = failoverReport(readFailoverPrecheck({ contents: [{ tenantId: 9, valid: true }] }, 5), 't1');
    assert.equal(missing.passed, false);
    assert.match(missing.items[0].message!, /does not mention tenant "t1"/);
  });

  it('gates failover at the batch call\'s 4.3, whatever the console feature says; an unknown version is not refused', () => {
    assert.deepEqual(checkMinimum('tenantFailover', parseOcpVersion('4.2.1-20240110'), '4.3.0'), { ok: false, feature: 'tenantFailover', version: parseOcpVersion('4.2.1-20240110'), needs: '4.3' });
    assert.equal(checkMinimum('tenantFailover', parseOcpVersion('4.3.2'), '4.3.0').ok, true);
    assert.equal(checkMinimum('tenantFailover', parseOcpVersion(undefined), '4.3.0').ok, true);
  });
});
