// The task center and the log editor (issue #18) in the real workbench: Show Tasks on a cluster's context menu
// filters the Tasks view (the simulator receives the documented clusterId filter, the view's description says it in
// words, only the cluster's tasks are listed); Open Log in Editor in the task panel's details pane opens the
// running subtask's log as an ocp-log editor that grows. Screenshots: test-results/screenshots/taskcenter-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import { e2e, expandTreeItem, openOcpView, page, quickPick, runPaletteCommand, screenshot, treeItem, viewPane, waitFor, webviewFrame } from './support';
import { resetUi, setSideBarWidth, steady } from './ui';

const CONNECTION = 'Simulator';
const PROD = 1000001;

describe('Task center and log editor (issue #18)', function () {
  this.timeout(180_000);
  let failedId = 0;
  let runningId = 0;

  before(async () => {
    const sim = e2e().sim;
    failedId = sim.createSyntheticTask({ subtasks: 6, status: 'FAILED', clusterId: PROD, name: 'E2E failed on prod' });
    sim.createSyntheticTask({ subtasks: 6, status: 'SUCCESSFUL', name: 'E2E elsewhere' });
    runningId = sim.createSyntheticTask({ subtasks: 6, fanOut: 2, name: 'E2E log follower' });
    sim.addFault({ kind: 'neverFinish', taskId: runningId });
    await resetUi();
    await openOcpView();
    await setSideBarWidth(560);
  });

  after(async () => {
    await resetUi();
    // Later suites read the Tasks view unfiltered.
    await runPaletteCommand('OCP: Clear Task Filter').catch(() => undefined);
    await runPaletteCommand('View: Close All Editors');
  });

  it('Show Tasks on a cluster filters the Tasks view to it, described in words', async () => {
    const explorer = viewPane('Explorer');
    await expandTreeItem(CONNECTION, explorer);
    const prod = treeItem(/^obcluster_prod /, explorer);
    await prod.waitFor();
    // The context menu is retried until the item is taken (a click right after the menu opens can be lost).
    const menu = page().locator('.context-view .monaco-menu');
    for (let i = 0; i < 4 && !(await viewPane('Tasks').locator('.pane-header').filter({ hasText: 'Cluster: obcluster_prod' }).count()); i++) {
      if (!(await menu.isVisible())) {
        await prod.click({ button: 'right' });
        await menu.waitFor();
      }
      await menu.getByRole('menuitem', { name: 'Show Tasks' }).first().click().catch(() => undefined);
      await page().waitForTimeout(300);
    }
    const tasks = viewPane('Tasks');
    await tasks.locator('.pane-header').filter({ hasText: 'Cluster: obcluster_prod' }).waitFor({ timeout: 20_000 });
    const row = treeItem(new RegExp(`^#${failedId} E2E failed on prod`), tasks);
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.innerText(), /Failed/);
    assert.match(await row.innerText(), /obcluster_prod/, 'the row says what the task targets');
    // Only the cluster's tasks: the other synthetic task is not listed.
    assert.strictEqual(await tasks.getByRole('treeitem', { name: /E2E elsewhere/ }).count(), 0);
    const asked = await waitFor(async () => e2e().sim.requests.find((r) => r.method === 'GET' && r.path === '/api/v2/tasks/instances' && r.query.clusterId === String(PROD)), 20_000, 'the filtered task list request');
    assert.strictEqual(asked.query.sort, 'id,desc');
    await steady();
    const file = await screenshot('taskcenter-filtered');
    assert.ok(fs.statSync(file).size > 1000);
  });

  it('Open Log in Editor in the panel\'s details opens the running subtask\'s whole log, which grows', async () => {
    await runPaletteCommand('View: Close All Editors');
    await runPaletteCommand('OCP: Open Task');
    await quickPick('Enter a task id', 'Enter a task id');
    await page().locator('.quick-input-widget', { hasText: 'digits only' }).waitFor();
    await page().locator('.quick-input-widget input').fill(String(runningId));
    await page().keyboard.press('Enter');
    const f = webviewFrame();
    await f.locator('.task-view .title', { hasText: 'E2E log follower' }).waitFor({ timeout: 60_000 });
    // The view centres on the running subtask: click it, then the details pane's button.
    const details = f.locator('aside.details');
    for (let i = 0; i < 5 && !(await details.isVisible().catch(() => false)); i++) {
      await f.locator('.graph').click();
      await details.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await details.locator('.fields').filter({ hasText: 'Running' }).waitFor({ timeout: 30_000 });
    await details.getByRole('button', { name: 'Open Log in Editor' }).click();
    const tab = page().locator('.tabs-container .tab', { hasText: /\.log$/ }).first();
    await tab.waitFor({ timeout: 30_000 });
    const lines = page().locator('.editor-instance .view-lines').first();
    await lines.filter({ hasText: 'INFO' }).waitFor({ timeout: 30_000 });
    await page().locator('.statusbar-item', { hasText: 'OCP Log' }).first().waitFor({ timeout: 20_000 });
    // It follows the log: the "still waiting" lines of the held subtask keep coming. The last line's number is
    // read from the status bar after Ctrl+End (the editor renders only the lines in view).
    await lines.click();
    const lastLine = async (): Promise<number> => {
      await page().keyboard.press('Control+End');
      const text = (await page().locator('[id="status.editor.selection"]').first().innerText().catch(() => '')) ?? '';
      return Number(/(\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await waitFor(async () => (await lastLine()) || undefined, 20_000, 'the cursor position in the status bar');
    await waitFor(async () => (await lastLine()) > before, 60_000, 'the log editor to grow');
    await page().keyboard.press('Home'); // back to the start of the line: levels and timestamps in view
    // Opening a task from the palette left the filtered list as it was (n of n tasks, no other cluster's task).
    await viewPane('Tasks').getByRole('treeitem').filter({ hasText: /2 of 2 tasks/ }).first().waitFor({ timeout: 10_000 });
    assert.strictEqual(await viewPane('Tasks').getByRole('treeitem', { name: /E2E log follower/ }).count(), 0);
    await steady();
    const file = await screenshot('taskcenter-log-editor');
    assert.ok(fs.statSync(file).size > 1000);
  });
});
