// A cloned repository must not be able to point OCP Explorer somewhere else. The run's workspace folder gets
// a hostile .vscode/settings.json: a new connection and a changed one, both aimed at a second simulator and
// naming an environment variable that holds a secret, plus application-scoped settings. The extension must
// keep using the user's connections only, send nothing to the hostile server, refuse writes of connections
// to workspace settings, and still honour ordinary window-scoped workspace settings (proof the file was read).
// Window-scoped settings a workspace may set cannot weaken the user's choices either: the confirmation the
// user asked for (typing the name) stays, and an absurd auto-refresh interval cannot flood OCP.
// Results go to test-results/reliability/workspace.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { activateExtension, configureConnection, setConnections, waitFor } from './support';
import { writeReliability } from './faults/cases';
import type { ConfirmOptions } from '../../src/wizards/prompter';
import { AlwaysConfirm } from './faults/support';

type Any = any;

const SECRET_ENV = 'OCP_TEST_WORKSPACE_SECRET';
const SECRET = `user-secret-${Date.now().toString(36)}`;

describe('Workspace settings', function () {
  this.timeout(60_000);
  let s: Any;
  let good: OcpSimulator;
  let hostile: OcpSimulator;
  let settingsFile: string;
  let previous: string | undefined;
  const results: Record<string, unknown> = {};

  before(async () => {
    s = (await activateExtension<{ test: Any }>()).test;
    good = await startSimulator();
    hostile = await startSimulator();
    process.env[SECRET_ENV] = SECRET;
    await configureConnection(good.url, { id: 'ws-user', name: 'User OCP' });
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration host opened no workspace folder');
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    previous = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('ocp').update('confirmDestructive', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.explorer');
    if (previous === undefined) fs.rmSync(settingsFile, { force: true });
    else fs.writeFileSync(settingsFile, previous);
    await waitFor(() => vscode.workspace.getConfiguration('ocp').get('tasks.recentCount') !== 7, 10_000, 'the workspace settings to be gone');
    await setConnections([]);
    delete process.env[SECRET_ENV];
    writeReliability('workspace.json', results);
    await good.close();
    await hostile.close();
  });

  function writeWorkspace(settings: Record<string, unknown>): void {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  }

  it('cannot add a connection, change a connection\'s address or name the variable its secret comes from', async () => {
    const hostileEntry = (id: string, name: string) => ({ id, name, url: hostile.url, authType: 'basic', username: 'admin', passwordEnv: SECRET_ENV });
    writeWorkspace({
      'ocp.connections': [hostileEntry('ws-user', 'User OCP'), hostileEntry('ws-evil', 'Evil OCP')],
      'ocp.requestTimeoutSeconds': 600,
      'ocp.tasks.recentCount': 7,
    });
    // A window-scoped setting from the same file applies: VS Code has read it.
    await waitFor(() => vscode.workspace.getConfiguration('ocp').get('tasks.recentCount') === 7, 15_000, 'VS Code to read the workspace settings');
    const inspected = vscode.workspace.getConfiguration('ocp').inspect<unknown[]>('connections');

    const list = s.connections.list();
    assert.deepStrictEqual(list.map((c: Any) => c.id), ['ws-user'], 'the workspace added a connection');
    assert.strictEqual(list[0].url, good.url, 'the workspace changed the address');
    assert.strictEqual(list[0].passwordEnv, 'OCP_TEST_SIM_PASSWORD', 'the workspace changed where the secret comes from');
    assert.notStrictEqual(vscode.workspace.getConfiguration('ocp').get('requestTimeoutSeconds'), 600, 'an application-scoped setting came from the workspace');

    // Use everything that talks to OCP: nothing may reach the hostile server.
    good.clearRequests();
    s.explorer.refreshAll();
    s.tasks.refresh();
    const roots = await s.explorer.getChildren(undefined);
    assert.deepStrictEqual(roots.map((n: Any) => n.kind === 'connection' ? n.connection.name : n.label), ['User OCP']);
    const clusters = await s.explorer.getChildren(roots[0]);
    assert.ok(clusters.length === 4 && clusters.every((n: Any) => n.kind === 'cluster'));
    await s.tasks.getChildren({ kind: 'connection', connectionId: 'ws-user', name: 'User OCP' });
    const tested: Any = await vscode.commands.executeCommand('ocp.testConnection', { connectionId: 'ws-user', quiet: true });
    assert.ok(tested.ok, tested.message);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.testConnection', { connectionId: 'ws-evil', quiet: true })), /no OCP connection with id "ws-evil"/);
    assert.ok(good.requests.length > 0);
    assert.deepStrictEqual(hostile.requests.map((r) => `${r.method} ${r.path}`), [], 'a request reached the hostile server');

    // Writing connections to the workspace is refused by VS Code (application scope).
    let writeError: string | undefined;
    try {
      await vscode.workspace.getConfiguration('ocp').update('connections', [hostileEntry('ws-written', 'Written')], vscode.ConfigurationTarget.Workspace);
    } catch (e) {
      writeError = (e as Error).message;
    }
    assert.ok(writeError, 'writing ocp.connections to the workspace settings succeeded');
    assert.deepStrictEqual(s.connections.list().map((c: Any) => c.id), ['ws-user']);
    assert.deepStrictEqual(hostile.requests, []);

    results.connections = {
      hostileEntries: 2,
      workspaceValueSeenByVsCode: inspected?.workspaceValue !== undefined,
      connectionsUsed: s.connections.list().map((c: Any) => c.id),
      requestsToHostileServer: hostile.requests.length,
      requestsToUserServer: good.requests.length,
      workspaceWriteRefused: writeError,
      applicationScopedSettingIgnored: vscode.workspace.getConfiguration('ocp').get('requestTimeoutSeconds') !== 600,
    };
  });

  it('cannot weaken the confirmation the user asked for, nor make the Explorer flood OCP', async () => {
    await vscode.workspace.getConfiguration('ocp').update('confirmDestructive', 'typeName', vscode.ConfigurationTarget.Global);
    writeWorkspace({ 'ocp.confirmDestructive': 'modal', 'ocp.explorer.autoRefreshSeconds': 0.01, 'ocp.tasks.recentCount': 7 });
    await waitFor(() => vscode.workspace.getConfiguration('ocp').get('explorer.autoRefreshSeconds') === 0.01, 15_000, 'VS Code to read the workspace settings');
    assert.strictEqual(vscode.workspace.getConfiguration('ocp').get('confirmDestructive'), 'modal', 'the workspace value is what VS Code reports');

    const declined = new (class extends AlwaysConfirm {
      override async confirm(o: ConfirmOptions): Promise<boolean> {
        this.asked.push(o);
        return false;
      }
    })();
    const original = s.prompter;
    s.prompter = declined;
    try {
      good.clearRequests();
      await vscode.commands.executeCommand('ocp.stopCluster', { connectionId: 'ws-user', clusterId: 1000004 });
    } finally {
      s.prompter = original;
    }
    assert.strictEqual(declined.asked.length, 1);
    assert.strictEqual(declined.asked[0].typeToConfirm, 'obcluster_dev', 'the workspace turned off typing the name');
    assert.strictEqual(good.count('POST', /./), 0);

    await vscode.commands.executeCommand('ocp.explorer.focus');
    await waitFor(() => s.explorerView.visible, 10_000, 'the Explorer view');
    const root = (await s.explorer.getChildren(undefined))[0];
    await s.explorer.getChildren(root);
    good.clearRequests();
    await new Promise((r) => setTimeout(r, 2500));
    const refreshes = good.count('GET', '/api/v2/ob/clusters');
    assert.ok(refreshes >= 1, 'no auto-refresh at all while the view was visible');
    assert.ok(refreshes <= 4, `${refreshes} cluster lists in 2.5 s: the interval was not bounded`);
    results.weakening = { typeToConfirmKept: declined.asked[0].typeToConfirm === 'obcluster_dev', postsAfterDecline: good.count('POST', /./), autoRefreshSeconds: 0.01, clusterListsIn2500ms: refreshes };
  });

  it('in a trusted folder applies the workspace value of a setting Restricted Mode would ignore (the contrast to test/integration/untrusted/)', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, true, 'this run opens a trusted folder');
    const restricted: string[] = vscode.extensions.getExtension('ocp-explorer.ocp-explorer')!.packageJSON.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.ok(restricted.includes('ocp.explorer.autoRefreshSeconds'));
    writeWorkspace({ 'ocp.explorer.autoRefreshSeconds': 40, 'ocp.tasks.recentCount': 7 });
    await waitFor(() => vscode.workspace.getConfiguration('ocp').get('explorer.autoRefreshSeconds') === 40, 15_000, 'VS Code to read the workspace settings');
    results.trustedWorkspaceValueApplied = { autoRefreshSeconds: vscode.workspace.getConfiguration('ocp').get('explorer.autoRefreshSeconds') };
  });
});
