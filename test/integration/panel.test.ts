// The task panel inside a real extension host against the simulator: the webview loads and says ready,
// receives init then whole-task snapshots until SUCCESSFUL; a failed subtask is skipped through the panel's
// message path (validated, confirmed, one POST) and the task completes; malformed and illegal messages send
// nothing; the palette flow validates the typed id; the serializer restores a panel from its state.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { activateExtension, clearConnections, configureConnection, waitFor } from './support';
import { ScriptedPrompter, type Answer } from './scripted-prompter';

type Any = any;

describe('Task panel', function () {
  this.timeout(120_000);
  const CONN = 'panel-sim';
  let sim: OcpSimulator;
  let s: Any;
  let original: Any;

  before(async () => {
    sim = await startSimulator({ clockSpeed: 10 });
    await configureConnection(sim.url, { id: CONN, name: 'Panel OCP' });
    s = (await activateExtension<{ test: Any }>()).test;
    original = s.prompter;
    await vscode.workspace.getConfiguration('ocp').update('tasks.fastPollMilliseconds', 250, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    s.prompter = original;
    for (const p of s.taskPanels.list()) p.dispose();
    await vscode.workspace.getConfiguration('ocp').update('tasks.fastPollMilliseconds', undefined, vscode.ConfigurationTarget.Global);
    await clearConnections();
    await sim.close();
  });
  afterEach(() => {
    s.prompter = original;
    sim.clearFaults();
  });

  function script(answers: Answer[]): ScriptedPrompter {
    const p = new ScriptedPrompter(answers);
    s.prompter = p;
    return p;
  }

  function panelOf(taskId: number): Any {
    const p = s.taskPanels.get(CONN, taskId);
    assert.ok(p, `a panel is open for task ${taskId}`);
    return p;
  }

  async function openReady(taskId: number): Promise<Any> {
    await vscode.commands.executeCommand('ocp.openTask', { connectionId: CONN, taskId });
    const p = panelOf(taskId);
    await waitFor(() => p.isReady, 60_000, 'the webview to load and say ready');
    return p;
  }

  const snapshots = (p: Any): Any[] => p.posted().filter((m: Any) => m.type === 'snapshot');
  const posts = (re: RegExp): Any[] => sim.requests.filter((r: Any) => r.method === 'POST' && re.test(r.path));

  it('loads the webview, sends init first, then whole-task snapshots until SUCCESSFUL', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 12, fanOut: 3 });
    sim.setClockSpeed(0); // hold simulated time while the webview loads, so the running task is seen
    const p = await openReady(taskId);
    await waitFor(() => p.lastSnapshot()?.task?.status === 'RUNNING', 20_000, 'a snapshot of the running task');
    sim.setClockSpeed(10);
    const first = p.posted()[0];
    assert.strictEqual(first.type, 'init');
    assert.strictEqual(first.taskId, taskId);
    assert.strictEqual(first.connectionId, CONN);
    assert.strictEqual(typeof first.strings.retryTask, 'string');
    assert.strictEqual(typeof first.strings['status.FAILED'], 'string');

    const done = await waitFor(() => (p.lastSnapshot()?.task?.status === 'SUCCESSFUL' ? p.lastSnapshot() : undefined), 60_000, 'the task to succeed in the panel');
    assert.strictEqual(done.task.subtasks.length, 12);
    assert.ok(done.task.subtasks.every((x: Any) => x.status === 'SUCCESSFUL'));
    const seen = snapshots(p).filter((m: Any) => m.task);
    assert.ok(seen.length >= 2, `more than one snapshot (${seen.length})`);
    assert.ok(seen.every((m: Any) => m.task.id === taskId && m.task.subtasks.length === 12), 'every snapshot is the whole task');
    assert.ok(seen.some((m: Any) => m.task.status === 'RUNNING'), 'the running task was shown');
    assert.strictEqual(p.panel.title, `${done.task.name} #${taskId}`);

    // Opening it again reveals the same panel.
    await vscode.commands.executeCommand('ocp.openTask', { connectionId: CONN, taskId });
    assert.strictEqual(s.taskPanels.list().filter((x: Any) => x.taskId === taskId).length, 1);
    assert.strictEqual(panelOf(taskId), p);
  });

  it('skips a failed subtask through the panel, after a confirmation, with one POST; the task then completes', async () => {
    sim.addFault({ kind: 'failSubtask', name: 'Install rpm' });
    const taskId = sim.createSyntheticTask({ subtasks: 8, fanOut: 3 });
    const p = await openReady(taskId);
    const failedSnap = await waitFor(() => (p.lastSnapshot()?.task?.status === 'FAILED' ? p.lastSnapshot() : undefined), 60_000, 'the task to fail');
    const failed = failedSnap.task.subtasks.find((x: Any) => x.status === 'FAILED');
    assert.strictEqual(failed.name, 'Install rpm');

    // The log of the failed subtask, when selected.
    await p.receive({ type: 'selectSubtask', subtaskId: failed.id });
    const log = await waitFor(() => p.posted().find((m: Any) => m.type === 'log' && m.subtaskId === failed.id), 20_000, 'the log');
    assert.match(log.text, /failed/i);

    // Declined: nothing is sent.
    sim.clearRequests();
    let prompter = script([false]);
    await p.receive({ type: 'action', kind: 'skipSubtask', subtaskId: failed.id });
    assert.strictEqual(prompter.remaining, 0);
    assert.match(prompter.asked[0].detail ?? '', /Skip sets the subtask to successful without running it; the task continues/);
    assert.strictEqual(posts(/\/skip$/).length, 0);
    assert.deepStrictEqual(p.posted().at(-1), { type: 'actionResult', kind: 'skipSubtask', subtaskId: failed.id, outcome: 'cancelled' });

    // Confirmed: one POST, then fast polling until the task completes.
    prompter = script([true]);
    await p.receive({ type: 'action', kind: 'skipSubtask', subtaskId: failed.id });
    assert.strictEqual(prompter.remaining, 0);
    const skips = posts(/\/skip$/);
    assert.strictEqual(skips.length, 1);
    assert.strictEqual(skips[0].path, `/api/v2/tasks/instances/${taskId}/subtasks/${failed.id}/skip`);
    assert.strictEqual(p.posted().filter((m: Any) => m.type === 'actionResult').at(-1).outcome, 'done');
    // One action at a time: until a snapshot read after the POST arrives, a second action is refused
    // without a confirmation or a POST (the last snapshot still shows the subtask FAILED).
    prompter = script([]);
    await p.receive({ type: 'action', kind: 'skipSubtask', subtaskId: failed.id });
    const second = p.posted().filter((m: Any) => m.type === 'actionResult').at(-1);
    assert.strictEqual(second.outcome, 'refused');
    assert.match(second.message, /Another action is still in progress/);
    assert.strictEqual(prompter.asked.length, 0, 'a second confirmation was asked');
    assert.strictEqual(posts(/\/skip$/).length, 1);
    const end = await waitFor(() => (p.lastSnapshot()?.task?.status === 'SUCCESSFUL' ? p.lastSnapshot() : undefined), 60_000, 'the task to complete after the skip');
    const skipped = end.task.subtasks.find((x: Any) => x.id === failed.id);
    assert.strictEqual(skipped.status, 'SUCCESSFUL');
    assert.strictEqual(skipped.operation, 'SKIP');
    assert.strictEqual(posts(/\/skip$/).length, 1, 'never sent again');
  });

  it('ignores malformed messages and refuses actions that are not legal now, without asking or sending', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 5, status: 'SUCCESSFUL' });
    const p = await openReady(taskId);
    await waitFor(() => p.lastSnapshot()?.task, 20_000, 'a snapshot');
    const prompter = script([]);
    sim.clearRequests();
    const before = p.posted().length;
    for (const bad of [null, 'ready', { type: 'eval' }, { type: 'action', kind: 'skipSubtask' }, { type: 'action', kind: 'dropTask' }, { type: 'requestLog', subtaskId: '1' }]) {
      await p.receive(bad);
    }
    assert.strictEqual(p.posted().length, before, 'nothing answered to malformed messages');
    await p.receive({ type: 'action', kind: 'retryTask' });
    const refused = p.posted().at(-1);
    assert.strictEqual(refused.type, 'actionResult');
    assert.strictEqual(refused.outcome, 'refused');
    const sub = p.lastSnapshot().task.subtasks[0];
    await p.receive({ type: 'action', kind: 'cancelSubtask', subtaskId: sub.id });
    assert.strictEqual(p.posted().at(-1).outcome, 'refused');
    assert.strictEqual(prompter.asked.length, 0, 'no confirmation was asked');
    assert.strictEqual(sim.requests.filter((r: Any) => r.method === 'POST').length, 0);
  });

  it('copies the exported graph to the clipboard', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 3, status: 'SUCCESSFUL' });
    const p = await openReady(taskId);
    const text = `flowchart TD\n  s1["copied ${taskId}"]\n`;
    await p.receive({ type: 'copy', format: 'mermaid', text });
    assert.strictEqual(await vscode.env.clipboard.readText(), text);
  });

  it('opens a task from the palette: a recent task or a typed id, digits only', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 3, status: 'SUCCESSFUL' });
    const prompter = script([{ label: 'Enter a task id' }, '12x', ` ${taskId} `]);
    await vscode.commands.executeCommand('ocp.openTask');
    assert.strictEqual(prompter.remaining, 0);
    const input = prompter.asked.find((q) => q.kind === 'input')!;
    assert.strictEqual(input.validation!.length, 1, 'the non-digit id was refused');
    panelOf(taskId);
  });

  it('restores a panel from the serializer state and refuses a state it cannot use', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 4, status: 'SUCCESSFUL' });
    const raw = vscode.window.createWebviewPanel('ocp.task', 'restored', vscode.ViewColumn.Active, { enableScripts: true });
    await s.taskPanels.serializer.deserializeWebviewPanel(raw, { connectionId: CONN, taskId });
    const p = panelOf(taskId);
    assert.strictEqual(p.panel, raw);
    await waitFor(() => p.isReady, 60_000, 'the restored webview to say ready');
    await waitFor(() => p.lastSnapshot()?.task?.status === 'SUCCESSFUL', 20_000, 'a snapshot in the restored panel');

    let disposed = false;
    const bad = vscode.window.createWebviewPanel('ocp.task', 'bad', vscode.ViewColumn.Active, { enableScripts: true });
    bad.onDidDispose(() => { disposed = true; });
    await s.taskPanels.serializer.deserializeWebviewPanel(bad, { connectionId: 'gone', taskId: 1 });
    assert.ok(disposed, 'a panel of an unknown connection is closed');
    assert.ok(!s.taskPanels.list().some((x: Any) => x.connectionId === 'gone'));
  });
});
