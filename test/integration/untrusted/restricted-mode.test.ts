// Restricted Mode, in a real VS Code: `run-integration --untrusted` turns workspace trust on and opens the run's
// folder, which was never trusted. OCP Explorer declares limited support (package.json
// capabilities.untrustedWorkspaces), so it must activate, its views and operations must work, and VS Code must
// drop the workspace values of the polling intervals (restricted in the manifest, or application-scoped) while still
// applying the workspace value of an ordinary setting (proof the file was read). The extension's own readers
// (the task tracker's settings) must see the user's values, not the folder's.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../../ocp-sim/api';
import { activateExtension, configureConnection, extension, setConnections, tenantNodes, waitFor } from '../support';

type Any = any;

/** Each restricted setting: the value the user sets, and the one the untrusted folder tries to impose. */
const RESTRICTED: Record<string, { user: number; workspace: number }> = {
  'ocp.explorer.autoRefreshSeconds': { user: 45, workspace: 1 },
  'ocp.tasks.fastPollMilliseconds': { user: 2000, workspace: 250 },
  'ocp.tasks.slowPollMilliseconds': { user: 20000, workspace: 1000 },
  'ocp.tasks.maxBackoffMilliseconds': { user: 30000, workspace: 1000 },
};

function split(key: string): [string, string] {
  const i = key.indexOf('.');
  return [key.slice(0, i), key.slice(i + 1)];
}

function config(key: string): { get(): unknown; inspect(): Any } {
  const [section, rest] = split(key);
  const c = () => vscode.workspace.getConfiguration(section);
  return { get: () => c().get(rest), inspect: () => c().inspect(rest) };
}

describe('Restricted Mode', function () {
  this.timeout(60_000);
  let s: Any;
  let sim: OcpSimulator;
  let settingsFile: string;

  before(async () => {
    s = (await activateExtension<{ test: Any }>()).test;
    sim = await startSimulator();
    await configureConnection(sim.url, { id: 'rm-user', name: 'User OCP' });
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration host opened no workspace folder');
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
  });

  after(async () => {
    fs.rmSync(settingsFile, { force: true });
    for (const key of Object.keys(RESTRICTED)) {
      const [section, rest] = split(key);
      await vscode.workspace.getConfiguration(section).update(rest, undefined, vscode.ConfigurationTarget.Global);
    }
    await setConnections([]);
    await sim.close();
  });

  it('opens the folder untrusted, and OCP Explorer still activates with its views and operations', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the run did not open the folder in Restricted Mode');
    assert.ok(extension().isActive, 'OCP Explorer was disabled in Restricted Mode');
    const declared = extension().packageJSON.capabilities?.untrustedWorkspaces;
    assert.strictEqual(declared?.supported, 'limited');

    await vscode.commands.executeCommand('ocp.explorer.focus');
    await waitFor(() => s.explorerView.visible, 10_000, 'the Explorer view');
    s.explorer.refreshAll();
    const roots = await s.explorer.getChildren(undefined);
    assert.deepStrictEqual(roots.map((n: Any) => n.kind === 'connection' ? n.connection.name : n.label), ['User OCP']);
    const clusters = await s.explorer.getChildren(roots[0]);
    assert.strictEqual(clusters.filter((n: Any) => n.kind === 'cluster').length, sim.state.clusters.size);
    const tenants = (await Promise.all(clusters.filter((c: Any) => c.kind === 'cluster').map((c: Any) => tenantNodes(s.explorer, c)))).flat();
    assert.ok(tenants.some((n: Any) => n.kind === 'tenant'), 'no tenant under any cluster');

    const tested: Any = await vscode.commands.executeCommand('ocp.testConnection', { connectionId: 'rm-user', quiet: true });
    assert.ok(tested.ok, tested.message);

    // An operation: one POST, and its task tracked in the Tasks view.
    sim.clearRequests();
    const started: Any = await vscode.commands.executeCommand('ocp.stopCluster', { connectionId: 'rm-user', clusterId: 1000004, confirm: true });
    assert.ok(started?.taskId, 'the stop returned no task');
    assert.strictEqual(sim.count('POST', '/api/v2/ob/clusters/1000004/stop'), 1);
    s.tasks.refresh();
    const taskNodes = await s.tasks.getChildren({ kind: 'connection', connectionId: 'rm-user', name: 'User OCP' });
    assert.ok(taskNodes.some((n: Any) => n.kind === 'task' && n.task.id === started.taskId), 'the stop task is not in the Tasks view');
  });

  it('ignores the folder\'s values of the restricted settings and keeps the user\'s, but applies ordinary ones', async () => {
    const listed: string[] = extension().packageJSON.capabilities.untrustedWorkspaces.restrictedConfigurations;
    // Every polling setting is either listed as restricted or application-scoped (no folder can set it at all).
    const props = extension().packageJSON.contributes.configuration.properties;
    for (const key of listed) assert.ok(key in RESTRICTED, `${key} is restricted but this test does not cover it`);
    for (const key of Object.keys(RESTRICTED)) {
      assert.ok(listed.includes(key) || props[key].scope === 'application', `${key} is neither restricted nor application-scoped`);
    }

    for (const [key, v] of Object.entries(RESTRICTED)) {
      const [section, rest] = split(key);
      await vscode.workspace.getConfiguration(section).update(rest, v.user, vscode.ConfigurationTarget.Global);
    }
    const workspace: Record<string, unknown> = { 'ocp.tasks.recentCount': 7 };
    for (const [key, v] of Object.entries(RESTRICTED)) workspace[key] = v.workspace;
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(workspace, null, 2));

    // An unrestricted setting from the same file applies: VS Code has read the file.
    await waitFor(() => vscode.workspace.getConfiguration('ocp').get('tasks.recentCount') === 7, 15_000, 'VS Code to read the workspace settings');
    for (const [key, v] of Object.entries(RESTRICTED)) {
      assert.strictEqual(config(key).get(), v.user, `${key}: the untrusted folder's value was used`);
      assert.strictEqual(config(key).inspect()?.globalValue, v.user);
    }

    // What the extension reads: the task tracker's intervals are the user's.
    await waitFor(() => s.taskHost.tracker.settings.fastMs === 2000, 10_000, 'the tracker to read the user settings');
    const t = s.taskHost.tracker.settings;
    assert.deepStrictEqual({ fastMs: t.fastMs, slowMs: t.slowMs, maxBackoffMs: t.maxBackoffMs }, { fastMs: 2000, slowMs: 20000, maxBackoffMs: 30000 });

    // The Explorer still works with the folder's settings in place.
    s.explorer.refreshAll();
    const roots = await s.explorer.getChildren(undefined);
    assert.strictEqual((await s.explorer.getChildren(roots[0])).filter((n: Any) => n.kind === 'cluster').length, sim.state.clusters.size);
  });
});
