// The task center and the log editor (issue #18) inside a real extension host against the simulator: a filter
// (script and the Filter Tasks… menu) sends the task list query OCP documents and the view lists only matching
// tasks, described in words; "Load more…" sends one request for the next page and adds its rows; the view's badge
// counts the FAILED and RUNNING tasks listed; Show Tasks on a cluster or tenant filters to it; Open Log in Editor
// (script, and the panel's message) opens an ocp-log document with the whole log that grows while the subtask runs;
// after a 401 no log is read.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { activateExtension, clearConnections, configureConnection, tenantNodes, waitFor } from './support';
import { ScriptedPrompter } from './scripted-prompter';

type Any = any;
/** A tooltip's text (a MarkdownString escapes spaces and punctuation). */
const tooltipText = (item: vscode.TreeItem) => typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

describe('Task center and log editor (issue #18)', function () {
  this.timeout(180_000);
  const CONN = 'tc-sim';
  const NAME = 'Task Center OCP';
  const connNode = { kind: 'connection', connectionId: CONN, name: NAME };
  let sim: OcpSimulator;
  let s: Any;
  let original: Any;
  const config = () => vscode.workspace.getConfiguration('ocp');

  before(async () => {
    // Simulated time moves only when a test advances it: a running subtask stays running, its log grows on demand.
    sim = await startSimulator({ clockSpeed: 0, scenario: { subtaskDurationMs: 60_000 } });
    await configureConnection(sim.url, { id: CONN, name: NAME });
    s = (await activateExtension<{ test: Any }>()).test;
    original = s.prompter;
    await config().update('tasks.fastPollMilliseconds', 250, vscode.ConfigurationTarget.Global);
    await waitFor(() => s.connections.get(CONN), 10_000, 'the connection');
  });
  after(async () => {
    s.prompter = original;
    s.tasks.setFilter(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const p of s.taskPanels.list()) if (p.connectionId === CONN) p.dispose();
    await config().update('tasks.fastPollMilliseconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('tasks.recentCount', undefined, vscode.ConfigurationTarget.Global);
    await clearConnections();
    await sim.close();
  });
  afterEach(() => {
    s.prompter = original;
    sim.clearFaults();
  });

  const listRequests = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/api/v2/tasks/instances');
  const taskRows = async (): Promise<Any[]> => (await s.tasks.getChildren(connNode)).filter((n: Any) => n.kind === 'task');
  const clusters = async (): Promise<Any[]> => s.inventory.clustersOf(CONN);

  it('a filter sends the documented task list query, and the view lists only matching tasks, described in words', async () => {
    const [c1] = await clusters();
    const failed = sim.createSyntheticTask({ subtasks: 3, status: 'FAILED', clusterId: c1.id, name: 'Failed on a cluster' });
    const runningId = sim.createSyntheticTask({ subtasks: 3, status: 'RUNNING', name: 'Still running' });
    sim.clearRequests();
    await vscode.commands.executeCommand('ocp.filterTasks', { status: ['failed', 'RUNNING'] });
    const rows = await taskRows();
    const q = listRequests().map((r) => r.query);
    assert.strictEqual(q.length, 1, 'one list request');
    assert.strictEqual(q[0].status, 'FAILED,RUNNING');
    assert.strictEqual(q[0].sort, 'id,desc');
    assert.strictEqual(q[0].page, '1');
    assert.strictEqual(q[0].size, String(config().get('tasks.recentCount')));
    const expected = [...sim.state.tasks.values()].filter((t) => t.status === 'FAILED' || t.status === 'RUNNING').map((t) => t.id).sort();
    assert.deepStrictEqual(rows.map((n) => n.task.id).sort(), expected);
    assert.ok(rows.some((n) => n.task.id === failed) && rows.some((n) => n.task.id === runningId));
    assert.strictEqual(s.tasksView.description, 'Failed, Running');
    // A running task says how long it has run so far (its tooltip too).
    const runningItem = s.tasks.getTreeItem(rows.find((n) => n.task.id === runningId));
    assert.match(String(runningItem.description), /^Running · \d/);
    assert.match(tooltipText(runningItem), /Running for: \d/);

    // The same filter through the title bar's menu: Status → pick two → Show Tasks; then the cluster, by name.
    sim.clearRequests();
    s.prompter = new ScriptedPrompter([
      { value: (v) => v === 'clear' },
    ]);
    await vscode.commands.executeCommand('ocp.filterTasks');
    assert.strictEqual(s.tasksView.description, undefined, 'Clear Filter in the menu clears it');
    s.prompter = new ScriptedPrompter([
      { value: (v) => v === 'status' }, { labels: ['Failed'] },
      { value: (v) => v === 'cluster' }, { value: (v) => v === c1.id },
      { value: (v) => v === 'apply' },
    ]);
    await vscode.commands.executeCommand('ocp.filterTasks');
    const menuRows = await taskRows();
    const last = listRequests().at(-1)!.query;
    assert.strictEqual(last.status, 'FAILED');
    assert.strictEqual(last.clusterId, String(c1.id));
    assert.ok(menuRows.length > 0 && menuRows.every((n) => n.task.status === 'FAILED' && n.task.clusterId === c1.id));
    assert.strictEqual(s.tasksView.description, `Failed · Cluster: ${c1.name}`);
    const row = s.tasks.getTreeItem(menuRows.find((n) => n.task.id === failed));
    assert.match(String(row.description), new RegExp(`^Failed · ${c1.name}`), 'the row says its target');
    assert.match(tooltipText(row), new RegExp(`Cluster: ${c1.name}`));

    // A task name, fuzzily; then Clear Task Filter reads every task again.
    await vscode.commands.executeCommand('ocp.filterTasks', { name: 'still' });
    const named = await taskRows();
    assert.strictEqual(listRequests().at(-1)!.query.name, 'still');
    assert.deepStrictEqual(named.map((n) => n.task.id), [runningId]);
    assert.strictEqual(s.tasksView.description, 'Name: "still"');
    await vscode.commands.executeCommand('ocp.clearTaskFilter');
    assert.strictEqual(s.tasksView.description, undefined);
    assert.strictEqual((await taskRows()).length, sim.state.tasks.size);
    assert.strictEqual(listRequests().at(-1)!.query.status, undefined, 'no status filter after clearing');
  });

  it('"Load more…" sends one request for the next page and adds its rows', async () => {
    for (let i = 0; i < 5; i++) sim.createSyntheticTask({ subtasks: 2, status: 'SUCCESSFUL', name: `Paged task ${i}` });
    await config().update('tasks.recentCount', 3, vscode.ConfigurationTarget.Global);
    await waitFor(() => config().get('tasks.recentCount') === 3, 10_000, 'the page size setting');
    s.tasks.setFilter(undefined);
    const total = sim.state.tasks.size;
    assert.ok(total > 6, `${total} tasks on the server`);
    const first = await s.tasks.getChildren(connNode);
    assert.strictEqual(first.filter((n: Any) => n.kind === 'task').length, 3);
    const more = first.find((n: Any) => n.kind === 'message' && n.key === 'more');
    assert.ok(more, 'a "Load more…" row past the first page');
    const item = s.tasks.getTreeItem(more);
    assert.match(String(item.label), new RegExp(`^Load more… \\(3 of ${total} shown\\)$`));
    sim.clearRequests();
    await vscode.commands.executeCommand(item.command.command, ...item.command.arguments);
    assert.strictEqual(listRequests().length, 1, 'one request per click');
    assert.strictEqual(listRequests()[0].query.page, '2');
    assert.strictEqual(listRequests()[0].query.size, '3');
    const second = await taskRows();
    assert.strictEqual(second.length, 6);
    assert.strictEqual(new Set(second.map((n) => n.task.id)).size, 6, 'no task listed twice');
    const ids = [...sim.state.tasks.keys()].sort((a, b) => b - a);
    assert.deepStrictEqual(second.map((n) => n.task.id), ids.slice(0, 6), 'newest first, page after page');
    // To the end: the row goes away when the last page is read.
    while (s.tasks.hasMore(CONN)) await vscode.commands.executeCommand('ocp.loadMoreTasks', { connectionId: CONN });
    const all = await s.tasks.getChildren(connNode);
    assert.strictEqual(all.filter((n: Any) => n.kind === 'task').length, total);
    assert.ok(!all.some((n: Any) => n.key === 'more'), 'no "Load more…" after the last page');
    assert.strictEqual(listRequests().length, Math.ceil(total / 3) - 1, 'one request per further page');
    await config().update('tasks.recentCount', undefined, vscode.ConfigurationTarget.Global);
  });

  it('the badge counts the FAILED and RUNNING tasks listed, and says which', async () => {
    sim.createSyntheticTask({ subtasks: 2, status: 'FAILED', name: 'Another failure' });
    s.tasks.setFilter(undefined);
    const rows = await taskRows();
    const failed = rows.filter((n) => n.task.status === 'FAILED').length;
    const running = rows.filter((n) => n.task.status === 'RUNNING').length;
    assert.ok(failed >= 2 && running >= 1, `${failed} failed, ${running} running`);
    const badge = await waitFor(() => s.tasksView.badge, 10_000, 'the badge');
    assert.strictEqual(badge.value, failed + running);
    assert.strictEqual(badge.tooltip, `${failed} failed and ${running} running OCP tasks among those listed`);
    await vscode.commands.executeCommand('ocp.filterTasks', { status: ['SUCCESSFUL'] });
    await taskRows();
    assert.strictEqual(s.tasksView.badge, undefined, 'nothing failed or running is listed');
    s.tasks.setFilter(undefined);
  });

  it('Show Tasks on a cluster or a tenant opens the view filtered to it', async () => {
    const root = (await s.explorer.getChildren(undefined)).find((n: Any) => n.kind === 'connection' && n.connection.id === CONN);
    const clusterNodes = (await s.explorer.getChildren(root)).filter((n: Any) => n.kind === 'cluster');
    const withTasks = clusterNodes.find((n: Any) => [...sim.state.tasks.values()].some((t) => t.clusterId === n.cluster.id))!;
    assert.ok(withTasks, 'a cluster with tasks');
    // A tracked task of no cluster keeps sending snapshots: it must not slip into the filtered list.
    const elsewhere = sim.createSyntheticTask({ subtasks: 3, status: 'RUNNING', name: 'Tracked elsewhere' });
    s.tasks.setFilter(undefined);
    await taskRows();
    s.taskHost.tracker.track(CONN, elsewhere, { visible: true });
    await waitFor(() => s.taskHost.latest(CONN, elsewhere), 20_000, 'the tracked task');
    sim.clearRequests();
    await vscode.commands.executeCommand('ocp.showTasks', withTasks);
    const rows = await taskRows();
    assert.strictEqual(listRequests().at(-1)!.query.clusterId, String(withTasks.cluster.id));
    const expected = [...sim.state.tasks.values()].filter((t) => t.clusterId === withTasks.cluster.id).map((t) => t.id).sort();
    assert.deepStrictEqual(rows.map((n) => n.task.id).sort(), expected);
    assert.strictEqual(s.tasksView.description, `Cluster: ${withTasks.cluster.name}`);
    const polled = sim.count('GET', `/api/v2/tasks/instances/${elsewhere}`);
    await waitFor(() => sim.count('GET', `/api/v2/tasks/instances/${elsewhere}`) > polled + 1, 20_000, 'more snapshots of the tracked task');
    assert.deepStrictEqual((await taskRows()).map((n) => n.task.id).sort(), expected, 'a snapshot of another cluster\'s task was added to the filtered list');
    s.taskHost.tracker.untrack(CONN, elsewhere);
    await waitFor(() => s.tasksView.visible, 10_000, 'the Tasks view to be shown');

    const tenant = (await tenantNodes(s.explorer, withTasks)).find((n: Any) => n.kind === 'tenant');
    assert.ok(tenant, 'a tenant');
    await vscode.commands.executeCommand('ocp.showTasks', tenant);
    await taskRows();
    const q = listRequests().at(-1)!.query;
    assert.strictEqual(q.tenantId, String(tenant.tenant.id));
    assert.strictEqual(s.tasksView.description, `Cluster: ${withTasks.cluster.name} · Tenant: ${tenant.tenant.name}`);
    s.tasks.setFilter(undefined);
  });

  /** The log the simulator serves now (its GET …/log answer), to compare the document with. */
  function served(taskId: number, subtaskId: number): string {
    const sub = sim.state.tasks.get(taskId)!.byId.get(subtaskId)!;
    return sub.log.filter((l) => l.at <= sim.now()).map((l) => l.text).join('\n');
  }

  /** A new task with a running subtask, whose log is opened in an editor (script arguments). */
  async function openRunningLog(name: string): Promise<{ taskId: number; sub: Any; logPath: RegExp; doc: vscode.TextDocument }> {
    const taskId = sim.createSyntheticTask({ subtasks: 3, status: 'RUNNING', name });
    sim.advance(1000);
    const sub = sim.state.tasks.get(taskId)!.subtasks.find((x) => x.status === 'RUNNING')!;
    const logPath = new RegExp(`/api/v2/tasks/instances/${taskId}/subtasks/${sub.id}/log$`);
    const opened = await vscode.commands.executeCommand<Any>('ocp.openLogInEditor', { connectionId: CONN, taskId, subtaskId: sub.id });
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.uri)!;
    return { taskId, sub, logPath, doc };
  }

  it('Open Log in Editor opens an ocp-log document with the whole log, which grows while the subtask runs', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 4, status: 'RUNNING', name: 'Install cluster' });
    sim.advance(1000);
    const sub = sim.state.tasks.get(taskId)!.subtasks.find((x) => x.status === 'RUNNING')!;
    assert.ok(sub, 'a running subtask');
    const logPath = new RegExp(`/api/v2/tasks/instances/${taskId}/subtasks/${sub.id}/log$`);
    const opened = await vscode.commands.executeCommand<Any>('ocp.openLogInEditor', { connectionId: CONN, taskId, subtaskId: sub.id });
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.uri)!;
    assert.ok(doc, 'the document is open');
    assert.strictEqual(doc.uri.scheme, 'ocp-log');
    assert.strictEqual(doc.languageId, 'ocp-log');
    assert.strictEqual(doc.uri.path, `/${NAME}/${taskId} Install cluster/${sub.id} ${sub.name}.log`);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), opened.uri, 'shown in an editor');
    const before = served(taskId, sub.id);
    assert.ok(before.length > 0 && doc.getText() === before, 'the whole log');
    assert.match(doc.getText(), /\bINFO\b/);

    // The log grows: the document follows it (re-read at the tracker's pace while open and running).
    sim.advance(25_000);
    const grown = served(taskId, sub.id);
    assert.ok(grown.length > before.length && grown.startsWith(before), 'the simulator log grew');
    await waitFor(() => doc.getText() === grown, 30_000, 'the document to follow the log');
    assert.ok(sim.count('GET', logPath) >= 2, 'read again');

    // From the panel: its details pane and List view post openLog; the host validates it and opens the same log.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('ocp.openTask', { connectionId: CONN, taskId });
    const panel = s.taskPanels.get(CONN, taskId);
    await waitFor(() => s.taskHost.latest(CONN, taskId), 20_000, 'the task to be tracked');
    const logEditors = () => vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'ocp-log');
    await panel.receive({ type: 'openLog', subtaskId: 'x' });
    await panel.receive({ type: 'openLog', subtaskId: 99_999_999 });
    assert.strictEqual(logEditors().length, 0, 'a malformed message, or a subtask not in the task, opens nothing');
    const first = sim.state.tasks.get(taskId)!.subtasks[0];
    await panel.receive({ type: 'openLog', subtaskId: first.id });
    const fromPanel = await waitFor(() => logEditors().find((e) => e.document.uri.query.includes(`subtaskId=${first.id}`)), 20_000, 'the log editor opened from the panel');
    assert.strictEqual(fromPanel.document.languageId, 'ocp-log');
    assert.strictEqual(fromPanel.document.getText(), served(taskId, first.id));
    panel.dispose();
  });

  it('Open Log in Editor on a Tasks-view row asks which subtask, then opens its log', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 3, status: 'FAILED', name: 'Row log' });
    s.tasks.setFilter(undefined);
    const row = (await taskRows()).find((n) => n.task.id === taskId);
    assert.ok(row, 'the task is listed');
    const failedSub = sim.state.tasks.get(taskId)!.subtasks.find((x) => x.status === 'FAILED')!;
    const prompter = new ScriptedPrompter([{ value: (v) => v === failedSub.id }]);
    s.prompter = prompter;
    const opened = await vscode.commands.executeCommand<Any>('ocp.openLogInEditor', row);
    assert.strictEqual(prompter.asked[0].kind, 'pick');
    assert.strictEqual(prompter.asked[0].items!.length, 3, 'every subtask offered');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.uri)!;
    assert.strictEqual(doc.languageId, 'ocp-log');
    assert.strictEqual(doc.getText(), served(taskId, failedSub.id));
    assert.match(doc.getText(), /ERROR/);
  });

  it('stops following a log that grew past the byte cap: one capped read, none after it, not even when the subtask ends', async function () {
    this.timeout(120_000);
    const { taskId, sub, logPath, doc } = await openRunningLog('Huge log');
    const shown = doc.getText();
    assert.ok(shown.length > 0, 'the log is shown');
    await waitFor(() => sim.count('GET', logPath) >= 2, 30_000, 'the log to be followed');
    // The log grows past the client's 128 MiB cap: the next read stops there, and the document says so.
    sim.addFault({ kind: 'hugeBody', as: 'log', bytes: 200 * 1024 * 1024, method: 'GET', path: logPath.source });
    await waitFor(() => doc.getText().startsWith('[OCP Explorer] This log grew past'), 60_000, 'the note in the document');
    assert.match(doc.getText().split('\n')[0], /\(128 MiB\)/);
    assert.ok(doc.getText().endsWith(shown), 'the document keeps what it showed');
    const reads = sim.count('GET', logPath);
    // Eight of the fast intervals (250 ms) pass, then the subtask ends: neither reads the capped log again.
    await new Promise((r) => setTimeout(r, 2000));
    sim.advance(120_000);
    await waitFor(() => !['RUNNING', 'CANCELING'].includes(s.taskHost.latest(CONN, taskId)?.subtasks.find((x: Any) => x.id === sub.id)?.status), 30_000, 'the subtask to end');
    await new Promise((r) => setTimeout(r, 1000));
    assert.strictEqual(sim.count('GET', logPath), reads, 'the capped log was read again');
  });

  it('reads no log after a 401', async () => {
    const { taskId, sub, logPath, doc } = await openRunningLog('Silenced');
    await waitFor(() => sim.count('GET', logPath) >= 2, 30_000, 'the log to be followed').catch((e) => {
      throw new Error(`${e.message}: ${sim.requests.filter((r) => r.path.includes(String(taskId))).map((r) => `${r.method} ${r.path} ${r.status}`).join('; ')}; tracked ${JSON.stringify(s.taskHost.tracker.get(CONN, taskId)?.state)} ${s.taskHost.latest(CONN, taskId)?.subtasks.find((x: Any) => x.id === sub.id)?.status}`);
    });
    sim.addFault({ kind: 'unauthorized', path: '/api/v2/tasks/instances' });
    await waitFor(() => s.connections.isAuthFailed(CONN), 30_000, 'the 401 to silence the connection');
    sim.clearFaults();
    sim.clearRequests();
    sim.advance(25_000);
    // Several of the follower's intervals (250 ms) pass: nothing is sent for the silenced connection.
    await new Promise((r) => setTimeout(r, 2000));
    assert.strictEqual(sim.count('GET', logPath), 0, 'the log was read after a 401');
    assert.ok(doc.getText().length > 0, 'the document keeps what it showed');
  });
});
