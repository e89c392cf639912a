// Issue #9 inside a real extension host: every simulator fault in every place (Explorer clusters and
// tenants, Tasks view, the tracker, the task panel, the four operations, the five task actions), plus an
// untrusted TLS certificate. Each place has its own simulator and connection, so one fault is tried in all
// places at once. Every case checks: a message naming the problem, recovery once the fault clears, no POST
// sent twice, and no empty view while OCP has data. The outcomes go to test-results/reliability/faults.json
// (rendered into docs/reliability.md by scripts/reliability.mjs).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator, type SimOptions } from '../ocp-sim/api';
import { REPO_ROOT } from '../harness/env';
import { SIM_PASSWORD_ENV, simConnection, simUser, type ConnectionSetting } from '../harness/sim-connection';
import { activateExtension, setConnections, waitFor } from './support';
import { taskActions } from './faults/actions';
import { FAULTS, notApplicable, PLACES, writeReliability, type CaseResult, type FaultDef, type FaultId, type HostileId, type PlaceId } from './faults/cases';
import { createCluster, stopCluster, switchover, takeOver } from './faults/operations';
import { HOSTILE_CASES, runHostile } from './faults/hostile';
import { AlwaysConfirm, labelOf, readLogs, runCase, type Any, type Place, type PlaceEnv } from './faults/support';
import { explorerClusters, explorerTenants, tasksView } from './faults/trees';
import { panel, tracker } from './faults/tracking';

/** Settings of the suite: short timeouts and polling; restored afterwards. */
const SETTINGS: Record<string, unknown> = {
  requestTimeoutSeconds: 1,
  'tasks.fastPollMilliseconds': 250,
  'tasks.slowPollMilliseconds': 1000,
  'tasks.maxBackoffMilliseconds': 1000,
  'explorer.autoRefreshSeconds': 0,
};

/** The request each place sends, as its log line names it (method, path, arrow). */
const REQUEST_LINE: Record<PlaceId, RegExp> = {
  'explorer.clusters': /GET \/api\/v2\/ob\/clusters → /,
  'explorer.tenants': /GET \/api\/v2\/ob\/clusters\/\d+\/tenants → /,
  'tasks.view': /GET \/api\/v2\/tasks\/instances → /,
  tracker: /GET \/api\/v2\/tasks\/instances\/\d+ → /,
  panel: /GET \S+\/subtasks\/\d+\/log → /,
  'op.create': /POST \/api\/v2\/ob\/clusters → /,
  'op.takeOver': /POST \S+\/takeOver → /,
  'op.stop': /POST \S+\/clusters\/\d+\/stop → /,
  'op.switchover': /POST \S+\/switchover → /,
  'action.retryTask': /POST \/api\/v2\/tasks\/instances\/\d+\/retry → /,
  'action.rollbackTask': /POST \S+\/rollback → /,
  'action.retrySubtask': /POST \S+\/subtasks\/\d+\/retry → /,
  'action.skipSubtask': /POST \S+\/subtasks\/\d+\/skip → /,
  'action.cancelSubtask': /POST \S+\/subtasks\/\d+\/cancel → /,
};

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('ocp').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Faults', function () {
  this.timeout(120_000);
  const results: CaseResult[] = [];
  const sims: OcpSimulator[] = [];
  const saved = new Map<string, unknown>();
  let s: Any;
  let originalPrompter: Any;
  let places: Place[] = [];
  const connections: ConnectionSetting[] = [];
  /** Each place's connection, and each connection's env. */
  const placeConn = new Map<PlaceId, string>();
  const envs = new Map<string, PlaceEnv>();

  async function place(conn: string, opts: SimOptions, make: (env: PlaceEnv) => Place): Promise<Place> {
    const sim = await startSimulator(opts);
    sims.push(sim);
    connections.push(simConnection(sim.url, { id: conn, name: `Faults ${conn}` }));
    const env = { s, sim, conn };
    envs.set(conn, env);
    const p = make(env);
    for (const id of p.ids) placeConn.set(id, conn);
    return p;
  }

  before(async () => {
    s = (await activateExtension<{ test: Any }>()).test;
    originalPrompter = s.prompter;
    s.prompter = new AlwaysConfirm();
    process.env[SIM_PASSWORD_ENV] = simUser().password;
    for (const [k, v] of Object.entries(SETTINGS)) {
      saved.set(k, vscode.workspace.getConfiguration('ocp').inspect(k)?.globalValue);
      await setSetting(k, v);
    }
    places = [
      await place('f-clusters', {}, explorerClusters),
      await place('f-tenants', {}, explorerTenants),
      await place('f-tasks', {}, tasksView),
      await place('f-tracker', { clockSpeed: 0 }, tracker),
      await place('f-panel', { clockSpeed: 0 }, (env) => panel(env, vscode.ViewColumn.One)),
      await place('f-create', { clockSpeed: 50 }, createCluster),
      await place('f-takeover', { clockSpeed: 50 }, takeOver),
      await place('f-stop', { clockSpeed: 50, scenario: { generate: { clusters: 30, tenantsPerCluster: 2 } } }, stopCluster),
      await place('f-switchover', { clockSpeed: 50 }, switchover),
      await place('f-actions', { clockSpeed: 0 }, (env) => taskActions(env, vscode.ViewColumn.Two)),
    ];
    await setConnections(connections);
    await waitFor(() => s.connections.list().length === connections.length, 10_000, 'the connections');
  });

  after(async () => {
    s.prompter = originalPrompter;
    for (const p of s.taskPanels.list()) if (String(p.connectionId).startsWith('f-')) p.dispose();
    for (const snap of s.taskHost.tracker.list()) if (snap.connectionId.startsWith('f-')) s.taskHost.tracker.untrack(snap.connectionId, snap.taskId);
    await setConnections([]);
    for (const c of connections) await s.context.secrets.delete(`ocp.secret.${c.id}`); // stored by "Enter Credentials" cases
    for (const [k, v] of saved) await setSetting(k, v);
    await Promise.all(sims.map((x) => x.close()));
    writeReliability('faults.json', {
      faults: FAULTS.map((f) => ({
        id: f.id, title: f.title, ...(f.request ? { simulator: f.also ? [f.request, f.also] : f.request } : {}),
        ...(f.ambiguous ? { ambiguous: true } : {}), ...(f.hostile ? { hostile: true } : {}),
      })),
      places: PLACES,
      settings: SETTINGS,
      cases: results,
    });
  });

  function record(fault: FaultId, cases: CaseResult[]): void {
    results.push(...cases);
    for (const p of places) {
      for (const id of p.ids) {
        const reason = p.notApplicable?.[fault];
        if (reason && !cases.some((c) => c.place === id)) results.push(notApplicable(id, fault, reason));
      }
    }
  }

  function assertAllSurvived(cases: CaseResult[]): void {
    const failed = cases.filter((c) => !c.survived).map((c) => `${c.place}: ${c.failure}`);
    assert.deepStrictEqual(failed, [], `failed cases:\n${failed.join('\n')}`);
    for (const c of cases) {
      assert.strictEqual(c.duplicatePosts, 0, `${c.place}: duplicate POSTs`);
      assert.ok(!c.blank, `${c.place}: blank view`);
      assert.ok(c.recovered, `${c.place}: no recovery`);
    }
  }

  /** The checks every place shares for a fault's message: words it must not use, length, the request's log line. */
  async function checkMessages(fault: FaultDef, cases: CaseResult[]): Promise<void> {
    const fail = (c: CaseResult, why: string) => {
      c.survived = false;
      c.failure = c.failure ? `${c.failure}; ${why}` : why;
    };
    for (const c of cases) {
      if (c.notApplicable || c.message === undefined) continue;
      if (fault.forbid?.test(c.message)) fail(c, `the message matches ${fault.forbid}: ${c.message.slice(0, 300)}`);
      if (fault.maxMessageChars !== undefined && c.message.length > fault.maxMessageChars) fail(c, `a ${c.message.length}-character message (at most ${fault.maxMessageChars})`);
    }
    if (fault.logMarker) {
      const marker = fault.logMarker;
      const lineOf = (conn: string, text: string, place?: PlaceId) => text.split('\n').find((l) => l.includes(`Faults ${conn}: `) && l.includes(marker) && (!place || REQUEST_LINE[place].test(l)));
      let text = '';
      try {
        await waitFor(() => { text = readLogs(s.context.logUri.fsPath); return cases.every((c) => c.notApplicable || lineOf(placeConn.get(c.place)!, text, c.place)); }, 10_000, `a log line with ${marker} for every case`);
      } catch {
        // each case without its line fails below
      }
      for (const c of cases) {
        if (c.notApplicable) continue;
        const line = lineOf(placeConn.get(c.place)!, text, c.place);
        if (!line) fail(c, `no log line names ${marker}`);
        else c.outcome = `${c.outcome}; logged: "${line.replace(/^.*?(Faults )/, '$1').slice(0, 160)}"`;
      }
    }
  }

  for (const fault of FAULTS.filter((f) => f.id !== 'selfSignedTls' && !f.hostile)) {
    it(`${fault.title}: every place says what happened, recovers, sends nothing twice`, async () => {
      // A 20,000-cluster inventory takes longer than the suite's one-second timeout to page through, and
      // fourteen 600 KB nested error bodies read at once on a busy machine may too.
      const slow = fault.id === 'huge' || fault.id === 'nestedError';
      if (slow) await setSetting('requestTimeoutSeconds', 30);
      try {
        const runs = places.map((p) => p.run(fault)).filter((r): r is Promise<CaseResult[]> => r !== undefined);
        const cases = (await Promise.all(runs)).flat();
        await checkMessages(fault, cases);
        record(fault.id, cases);
        assert.ok(cases.length > 0, 'no place tried this fault');
        assertAllSurvived(cases);
      } finally {
        if (slow) await setSetting('requestTimeoutSeconds', SETTINGS.requestTimeoutSeconds);
      }
    });
  }

  for (const fault of FAULTS.filter((f) => f.hostile)) {
    const where = HOSTILE_CASES[fault.id as HostileId];
    it(`${fault.title}: the number that matters stays bounded (${where.place})`, async () => {
      // Reading 64-128 MiB before the cap takes longer than the suite's one-second timeout.
      const slow = fault.id === 'hugeList' || fault.id === 'hugeLog';
      if (slow) await setSetting('requestTimeoutSeconds', 30);
      let result: CaseResult;
      try {
        result = await runHostile(envs.get(where.conn)!, fault);
      } finally {
        if (slow) await setSetting('requestTimeoutSeconds', SETTINGS.requestTimeoutSeconds);
      }
      results.push(result);
      for (const p of PLACES) if (p.id !== where.place) results.push(notApplicable(p.id, fault.id, `tried where it does harm: ${PLACES.find((x) => x.id === where.place)!.title}`));
      assertAllSurvived([result]);
      assert.ok(result.requests !== undefined && result.bound !== undefined, 'the case recorded no requests or bound');
    });
  }

  it('self-signed TLS certificate: refused with the way out, then accepted with caFile or allowSelfSigned', async () => {
    const certFile = path.join(REPO_ROOT, 'test', 'fixtures', 'tls', 'sim-cert.pem');
    const tls = { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tls', 'sim-key.pem'), 'utf8') };
    const sim = await startSimulator({ tls });
    sims.push(sim);
    const place: PlaceId = 'explorer.clusters';
    const conn = 'f-tls';
    const list = async (extra: Partial<ConnectionSetting>) => {
      await setConnections([...connections, simConnection(sim.url, { id: conn, name: 'Faults TLS', ...extra })]);
      await waitFor(() => s.connections.get(conn) && JSON.stringify(s.connections.get(conn).caFile ?? null) === JSON.stringify(extra.caFile ?? null) && !!s.connections.get(conn).allowSelfSigned === !!extra.allowSelfSigned, 10_000, 'the TLS connection');
      const node = { kind: 'connection', connection: s.connections.get(conn) };
      s.explorer.refreshNode(node);
      return s.explorer.getChildren(node);
    };
    const result = await runCase(place, 'selfSignedTls', async (rec) => {
      const refused = await list({});
      if (refused.length === 0) rec.blank = true;
      assert.strictEqual(refused[0]?.kind, 'message');
      rec.message = labelOf(s.explorer.getTreeItem(refused[0]));
      assert.match(rec.message, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
      assert.match(rec.message, /CA file \(caFile\)/);
      assert.match(rec.message, /allow self-signed certificates \(allowSelfSigned\)/);
      assert.strictEqual(sim.requests.length, 0, 'a request was sent over the untrusted connection');
      const withCa = await list({ caFile: certFile });
      assert.ok(withCa.length === 4 && withCa.every((n: Any) => n.kind === 'cluster'), 'not listed with caFile');
      const optIn = await list({ allowSelfSigned: true });
      assert.ok(optIn.length === 4 && optIn.every((n: Any) => n.kind === 'cluster'), 'not listed with allowSelfSigned');
      rec.recovered = true;
      rec.note('nothing sent; with caFile = the certificate: 4 clusters; with allowSelfSigned: 4 clusters');
    }, { s, sim, conn });
    await setConnections(connections);
    results.push(result);
    for (const p of places) for (const id of p.ids) if (id !== place) results.push(notApplicable(id, 'selfSignedTls', 'one TLS setup per connection; tried on the Explorer'));
    assertAllSurvived([result]);
  });
});
