// Every command on every target it is offered on, inside a real extension host against the simulator:
// each context-menu command of package.json on every Explorer and Tasks-view node whose contextValue its
// `when` clause matches, and every palette command with no argument. Prompts are cancelled (confirmations
// declined), so nothing changes in OCP; the assertion is that no command failed with an error (the run
// wrapper records failures) and no POST was sent.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import type { ConfirmOptions, InputOptions, PickOptions, Prompter } from '../../src/wizards/prompter';
import { simConnection } from '../harness/sim-connection';
import { activateExtension, clearConnections, configureConnection, connections, extension, menuOffers, setConnections, waitFor } from './support';

type Any = any;

/** Dismisses every question, as a user pressing Escape; declines every confirmation. */
class CancelEverything implements Prompter {
  asked = 0;
  private cancel(): never {
    this.asked++;
    throw Object.assign(new Error('cancelled'), { name: 'UserCancelled', [Symbol.for('ocp.userCancelled')]: true });
  }
  async input(_o: InputOptions): Promise<string> { return this.cancel(); }
  async pick<T>(_o: PickOptions<T>): Promise<T> { return this.cancel(); }
  async pickMany<T>(_o: PickOptions<T>): Promise<T[]> { return this.cancel(); }
  async confirm(_o: ConfirmOptions): Promise<boolean> { this.asked++; return false; }
}

interface MenuEntry { command: string; when?: string }

/** Commands that open something outside the host; they are replaced while the suite runs. */
const EXTERNAL = new Set(['ocp.openInConsole']);

describe('Commands on every target', function () {
  this.timeout(180_000);
  const CONN = 'cmd-sim';
  let sim: OcpSimulator;
  let s: Any;
  let original: Any;
  const openExternal = vscode.env.openExternal;
  const opened: string[] = [];

  // The extension keeps the last 50 command failures: start each test from none, so `slice(before)` sees its own.
  beforeEach(() => { if (s) s.commandFailures.length = 0; });

  before(async () => {
    // OCP 4.3: every command's menu entry runs its real path (Failover Tenant refuses an older OCP before any input).
    sim = await startSimulator({ clockSpeed: 0, scenario: { buildVersion: '4.3.2-20241015' } });
    await configureConnection(sim.url, { id: CONN, name: 'Commands OCP' });
    s = (await activateExtension<{ test: Any }>()).test;
    original = s.prompter;
    await waitFor(() => s.connections.get(CONN), 10_000, 'the connection');
    // "Open in OCP Console" must not start a browser here: record the address instead.
    (vscode.env as Any).openExternal = async (uri: vscode.Uri) => { opened.push(uri.toString()); return true; };
  });
  after(async () => {
    (vscode.env as Any).openExternal = openExternal;
    s.prompter = original;
    for (const p of s.taskPanels.list()) if (p.connectionId === CONN) p.dispose();
    await clearConnections();
    await sim.close();
  });

  async function run(command: string, arg: unknown, what: string): Promise<string | undefined> {
    const before = s.commandFailures.length;
    s.prompter = new CancelEverything();
    try {
      await vscode.commands.executeCommand(command, ...(arg === undefined ? [] : [arg]));
    } catch (e) {
      return `${command} on ${what} threw: ${(e as Error).message}`;
    } finally {
      s.prompter = original;
    }
    const failures = s.commandFailures.slice(before).map((f: Any) => `${f.command} on ${what}: ${f.message}`);
    return failures.length ? failures.join('; ') : undefined;
  }

  it('runs every context-menu command on every node its when clause offers it on, without an error', async () => {
    const menus: MenuEntry[] = extension().packageJSON.contributes.menus['view/item/context'];
    const taskId = sim.createSyntheticTask({ subtasks: 3, status: 'SUCCESSFUL' });
    s.explorer.refreshAll();
    s.tasks.refresh();

    // The nodes of both views: a connection, every cluster, its "Tenants (n)" and "Zones (n)" groups, every
    // tenant, zone and OBServer (issue #17); the Tasks view's connection and task rows (the synthetic task included).
    const explorerRoot = (await s.explorer.getChildren(undefined)).find((n: Any) => n.kind === 'connection' && n.connection.id === CONN);
    const clusters = await s.explorer.getChildren(explorerRoot);
    const tenants: Any[] = [];
    const topology: Any[] = [];
    // Each cluster's Alerts group and its alerts (issue #18): every entry offered on them must run too.
    const alarmNodes: Any[] = [];
    for (const c of clusters.filter((x: Any) => x.kind === 'cluster')) {
      const kids = await s.explorer.getChildren(c);
      const groups = kids.filter((x: Any) => x.kind === 'group');
      assert.deepStrictEqual(groups.map((g: Any) => g.group), ['tenants', 'zones'], `the groups of ${c.cluster.name}`);
      topology.push(...groups);
      for (const g of groups) {
        const inGroup = await s.explorer.getChildren(g);
        if (g.group === 'tenants') { tenants.push(...inGroup.filter((x: Any) => x.kind === 'tenant')); continue; }
        for (const z of inGroup.filter((x: Any) => x.kind === 'zone')) topology.push(z, ...(await s.explorer.getChildren(z)).filter((x: Any) => x.kind === 'server'));
      }
      for (const g of kids.filter((x: Any) => x.kind === 'alarmGroup')) {
        alarmNodes.push(g, ...(await s.explorer.getChildren(g)).filter((x: Any) => x.kind === 'alarm'));
      }
    }
    assert.ok(topology.some((n: Any) => n.kind === 'zone') && topology.some((n: Any) => n.kind === 'server'), 'no zone or OBServer node');
    assert.ok(alarmNodes.some((n: Any) => n.kind === 'alarm'), 'no alert node to try the menus on');
    const tasksRoot = (await s.tasks.getChildren(undefined)).find((n: Any) => n.connectionId === CONN);
    const taskRows = await waitFor(async () => { const rows = await s.tasks.getChildren(tasksRoot); return rows.some((r: Any) => r.task?.id === taskId) ? rows : undefined; }, 20_000, 'the task in the Tasks view');
    const nodes: { view: string; node: Any; label: string }[] = [
      ...[explorerRoot, ...clusters, ...tenants, ...topology, ...alarmNodes].map((node: Any) => ({ view: 'ocp.explorer', node, label: '' })),
      ...[tasksRoot, ...taskRows].map((node: Any) => ({ view: 'ocp.tasks', node, label: '' })),
    ];
    for (const n of nodes) {
      const item = n.view === 'ocp.explorer' ? s.explorer.getTreeItem(n.node) : s.tasks.getTreeItem(n.node);
      n.label = `${n.view} ${item.contextValue ?? '(no contextValue)'} "${typeof item.label === 'string' ? item.label : item.label?.label}"`;
      (n as Any).contextValue = item.contextValue ?? '';
    }

    sim.clearRequests();
    const problems: string[] = [];
    const tried = new Set<string>();
    let invocations = 0;
    for (const n of nodes) {
      for (const entry of menus) {
        if (!menuOffers(entry.when, n.view, (n as Any).contextValue)) continue;
        tried.add(`${entry.command} @ ${n.view} ${String((n as Any).contextValue).split(' ')[0]}`);
        invocations++;
        const problem = await run(entry.command, n.node, n.label);
        if (problem) problems.push(problem);
      }
    }
    // Show Tasks filtered the Tasks view to a cluster or tenant of this connection: later suites read it unfiltered.
    s.tasks.setFilter(undefined);
    assert.deepStrictEqual(problems, []);
    // Every menu entry was offered on at least one node (else the suite tested nothing for it).
    const notTried = menus.filter((m) => ![...tried].some((t) => t.startsWith(`${m.command} @ ${/view == (\S+)/.exec(m.when ?? '')?.[1] ?? ''}`)));
    assert.deepStrictEqual(notTried.map((m) => `${m.command} (${m.when})`), []);
    assert.ok(invocations > menus.length, `${invocations} invocations`);
    // The live bug: Open in OCP Console on a Tasks-view task row opens the task's console page.
    assert.ok(opened.some((u) => u.endsWith(`/task/${taskId}`)), `no console page of task ${taskId} among ${opened.join(', ')}`);
    // Prechecks are POSTs that change nothing; nothing else may be posted.
    assert.deepStrictEqual(sim.requests.filter((r) => r.method === 'POST' && !/PreCheck$/.test(r.path)).map((r) => r.path), [], 'an operation was sent');
    for (const p of s.taskPanels.list()) if (p.connectionId === CONN) p.dispose();
  });

  it('runs every palette command with no argument, without an error', async () => {
    const contributed: { command: string }[] = extension().packageJSON.contributes.commands;
    const hidden = new Set((extension().packageJSON.contributes.menus.commandPalette as MenuEntry[]).filter((m) => m.when === 'false').map((m) => m.command));
    sim.clearRequests();
    const problems: string[] = [];
    let count = 0;
    for (const { command } of contributed) {
      if (hidden.has(command)) continue;
      if (EXTERNAL.has(command)) continue;
      count++;
      const problem = await run(command, undefined, 'the palette');
      if (problem) problems.push(problem);
    }
    assert.deepStrictEqual(problems, []);
    assert.ok(count >= 15, `only ${count} palette commands`);
    assert.deepStrictEqual(sim.requests.filter((r) => r.method === 'POST' && !/PreCheck$/.test(r.path)).map((r) => r.path), [], 'an operation was sent');
    assert.ok(s.connections.get(CONN), 'the connection is still there (removal was declined)');
  });

  it('untracks the tasks of a removed connection', async () => {
    const GONE = 'cmd-gone';
    await setConnections([...connections(), simConnection(sim.url, { id: GONE, name: 'Removed OCP' })]);
    await waitFor(() => s.connections.get(GONE), 10_000, 'the second connection');
    const taskId = sim.createSyntheticTask({ subtasks: 3 });
    s.taskHost.tracker.track(GONE, taskId);
    await waitFor(() => s.taskHost.tracker.get(GONE, taskId)?.task, 20_000, 'the task to be tracked');
    await vscode.commands.executeCommand('ocp.removeConnection', { connectionId: GONE });
    await waitFor(() => !s.connections.get(GONE), 10_000, 'the connection to be removed');
    assert.deepStrictEqual(s.taskHost.tracker.list().filter((x: Any) => x.connectionId === GONE).map((x: Any) => x.taskId), [], 'tasks of the removed connection are still tracked');
    sim.clearRequests();
    await new Promise((r) => setTimeout(r, 1500));
    assert.strictEqual(sim.requests.filter((r) => r.path === `/api/v2/tasks/instances/${taskId}`).length, 0, 'the removed connection\'s task is still polled');
  });
});
