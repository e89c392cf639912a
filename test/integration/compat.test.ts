// Version awareness inside a real extension host: against a simulator that reports OCP 3.1.1, tenant switchover and
// take-over refuse at once with the version in the message, before any question is asked and before any POST; an
// OCP that does not report its version blocks nothing (the wizard starts and asks).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { activateExtension, clearConnections, configureConnection } from './support';
import { ScriptedPrompter } from './scripted-prompter';

type Any = any;

describe('Compatibility: version gates', function () {
  this.timeout(60_000);
  let sim: OcpSimulator;
  let s: Any;
  let original: Any;
  const CONN = 'compat';

  before(async () => {
    sim = await startSimulator({ clockSpeed: 0, scenario: { buildVersion: '3.1.1-20211123' } });
    await configureConnection(sim.url, { id: CONN, name: 'Old OCP' });
    s = (await activateExtension<{ test: Any }>()).test;
    original = s.prompter;
  });
  after(async () => {
    s.prompter = original;
    await clearConnections();
    await sim.close();
  });
  afterEach(() => { s.prompter = original; });

  it('refuses tenant switchover and take-over on OCP 3.1.1 before asking anything', async () => {
    const p = new ScriptedPrompter([]);
    s.prompter = p;
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.switchoverTenant', { connectionId: CONN, clusterId: 1000001, tenantId: 2000002 })),
      /Tenant switchover needs OCP 4\.2 or later; this OCP is 3\.1\.1\./);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.takeOverCluster', { connectionId: CONN })),
      /Cluster takeover needs OCP 4\.2 or later; this OCP is 3\.1\.1\./);
    assert.strictEqual(p.asked.length, 0, 'a question was asked');
    assert.strictEqual(sim.requests.filter((r) => r.method === 'POST').length, 0, 'a POST was sent');
  });

  it('lets an OCP that reports no version run the command (the wizard asks)', async () => {
    const silent = await startSimulator({ clockSpeed: 0, scenario: { buildVersion: null } });
    try {
      await configureConnection(silent.url, { id: 'compat-silent', name: 'Silent OCP' });
      const p = new ScriptedPrompter([]);
      s.prompter = p;
      // the script has no answer: the command fails on its first question, which proves the gate let it through
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.takeOverCluster', { connectionId: 'compat-silent' })), (e: Error) => /no answer/.test(e.message));
      assert.ok(p.asked.length >= 1, 'no question was asked');
      assert.strictEqual(silent.count('GET', '/api/v2/info'), 1);
    } finally {
      await configureConnection(sim.url, { id: CONN, name: 'Old OCP' });
      await silent.close();
    }
  });

  it('Create Cluster offers only PRIMARY, and refuses a scripted STANDBY before asking (create-cluster.md has no primary-cluster field)', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.createCluster', { connectionId: CONN, type: 'STANDBY' })), /cannot create a STANDBY cluster/);
    const p = new ScriptedPrompter(['compat_new']);
    s.prompter = p;
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.createCluster', { connectionId: CONN })), /no answer/);
    const typeQ = p.asked[p.asked.length - 1];
    assert.strictEqual(typeQ.kind, 'pick');
    assert.ok(typeQ.items!.some((i: string) => /PRIMARY/.test(i)), JSON.stringify(typeQ.items));
    assert.ok(!typeQ.items!.some((i: string) => /STANDBY/.test(i)), JSON.stringify(typeQ.items));
  });
});
