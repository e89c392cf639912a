// The task panel in the real workbench: opened from the palette (typed task id), the graph of a running
// task, a failed task with the details pane and its log, the List view, and the same panel in the dark
// and the light theme. Screenshots go to test-results/screenshots/panel-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import { activityBarItem, e2e, page, quickPick, runPaletteCommand, screenshot, webviewFrame } from './support';

async function closeAllEditors(): Promise<void> {
  await runPaletteCommand('View: Close All Editors');
  await page().waitForTimeout(300);
}

/** OCP: Open Task… → "Enter a task id…" → the id. */
async function openTaskFromPalette(taskId: number): Promise<void> {
  const p = page();
  await runPaletteCommand('OCP: Open Task');
  await quickPick('Enter a task id', 'Enter a task id');
  await p.locator('.quick-input-widget', { hasText: 'digits only' }).waitFor();
  await p.locator('.quick-input-widget input').fill(String(taskId));
  await p.keyboard.press('Enter');
}

async function waitForPanel(taskName: string, status: RegExp): Promise<void> {
  const f = webviewFrame();
  await f.locator('.task-view .title', { hasText: taskName }).waitFor({ timeout: 60_000 });
  await f.locator('.task-view .badge').filter({ hasText: status }).waitFor({ timeout: 30_000 });
  await page().waitForTimeout(500); // a frame or two for the canvas
}

/**
 * Switches the colour theme (the picker writes `workbench.colorTheme` to the user settings). `label` is a
 * substring of the theme's label in both older ("Default Dark Modern") and newer ("Dark Modern") VS Code.
 */
async function setTheme(label: string, bodyClass: string): Promise<void> {
  await runPaletteCommand('Preferences: Color Theme');
  await quickPick(label, label);
  await webviewFrame().locator(`body.${bodyClass}`).waitFor({ timeout: 20_000 });
  await page().waitForTimeout(500);
}

describe('Task panel', function () {
  this.timeout(180_000);
  let runningId = 0;
  let failedId = 0;
  let smallId = 0;

  before(async () => {
    await activityBarItem('OCP').waitFor({ timeout: 60_000 }); // the extension's contributions are loaded
    const sim = e2e().sim;
    runningId = sim.createSyntheticTask({ subtasks: 26, fanOut: 4, progress: 0.4, name: 'E2E running task' });
    sim.addFault({ kind: 'neverFinish', taskId: runningId });
    failedId = sim.createSyntheticTask({ subtasks: 26, fanOut: 4, status: 'FAILED', name: 'E2E failed task' });
    smallId = sim.createSyntheticTask({ subtasks: 6, fanOut: 2, status: 'FAILED', name: 'E2E small task' });
  });

  after(async () => {
    await closeAllEditors();
  });

  it('opens a running task from the palette and draws its graph', async () => {
    await closeAllEditors();
    await openTaskFromPalette(runningId);
    await waitForPanel('E2E running task', /Running/);
    const f = webviewFrame();
    assert.match((await f.locator('.task-view .meta').textContent()) ?? '', /\d+\/26 done/);
    assert.ok(await f.locator('canvas').isVisible());
    assert.ok(await f.locator('.pulse:not([hidden])').count() > 0, 'a running subtask pulses');
    assert.strictEqual(await f.locator('.graph').getAttribute('data-presize'), null, 'the presized first frame had the graph\'s real size');
    const file = await screenshot('panel-running');
    assert.ok(fs.statSync(file).size > 1000);
  });

  it('shows a failed subtask with its details, legal actions and log', async () => {
    await closeAllEditors();
    await openTaskFromPalette(failedId);
    await waitForPanel('E2E failed task', /Failed/);
    const f = webviewFrame();
    assert.ok(await f.getByRole('button', { name: 'Retry Task' }).isVisible());
    // The view is centred on the failed subtask: click it.
    await f.locator('.graph').click();
    const details = f.locator('aside.details');
    await details.waitFor();
    await details.locator('.fields').filter({ hasText: 'Failed' }).waitFor();
    await details.locator('pre.log').filter({ hasText: 'synthetic failure' }).waitFor({ timeout: 20_000 });
    assert.ok(await details.getByRole('button', { name: 'Skip' }).isVisible());
    assert.ok(await details.getByRole('button', { name: 'Retry', exact: true }).isVisible());
    await screenshot('panel-failed-details');
  });

  it('lists the subtasks in execution order in the List view', async () => {
    const f = webviewFrame();
    await f.getByRole('button', { name: 'List', exact: true }).click();
    const rows = f.locator('.list-table tbody tr');
    await rows.first().waitFor();
    assert.strictEqual(await rows.count(), 26);
    assert.strictEqual((await rows.first().locator('td').first().textContent())?.trim(), '1');
    await screenshot('panel-list');
    await f.getByRole('button', { name: 'Graph', exact: true }).click();
  });

  it('draws a small task as SVG (no canvas), with each subtask\'s name and status, and opens a node\'s details', async () => {
    await closeAllEditors();
    await openTaskFromPalette(smallId);
    await waitForPanel('E2E small task', /Failed/);
    const f = webviewFrame();
    const svg = f.locator('.graph svg.graph-svg');
    assert.ok(await svg.isVisible());
    assert.strictEqual(await f.locator('.graph canvas').count(), 0, 'no canvas is made for it');
    // Its first frame was sized from the room the view was mounted in, with no layout read: that size was right.
    assert.strictEqual(await f.locator('.graph').getAttribute('data-presize'), null, 'the presized first frame had the graph\'s real size');
    // Six subtasks (the simulator's synthetic DAG): Prepare task, two Check host resources, a Wait node (a circle,
    // no text), Install rpm, Make dir for ob; each box has its name and its status in words.
    const texts = (await svg.locator('text').allTextContents()).map((t) => t.trim());
    for (const name of ['Prepare task', 'Check host resources', 'Install rpm', 'Make dir for ob']) assert.ok(texts.includes(name), `${name} is drawn: ${texts.join(' | ')}`);
    assert.strictEqual(texts.filter((t) => t === 'Check host resources').length, 2);
    assert.strictEqual(texts.filter((t) => /^(Completed|Pending|Failed|Running|Ready)$/.test(t)).length, 5, `a status per box: ${texts.join(' | ')}`);
    // The header and the toolbar came in after the graph's first frame.
    assert.ok(await f.getByRole('button', { name: 'Retry Task' }).isVisible());
    assert.ok(await f.locator('.toolbar input.search').isVisible());
    assert.strictEqual(await f.locator('.slot').count(), 0);
    // The view is centred on the failed subtask: click it.
    await f.locator('.graph').click();
    await f.locator('aside.details .fields').filter({ hasText: 'Failed' }).waitFor();
    await screenshot('panel-small-svg');
  });

  it('is readable in the dark, the light and a high-contrast theme', async () => {
    await closeAllEditors();
    await openTaskFromPalette(runningId);
    await waitForPanel('E2E running task', /Running/);
    const background = () => webviewFrame().locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    await setTheme('Dark Modern', 'vscode-dark');
    const dark = await background();
    await screenshot('panel-dark');
    await setTheme('Light Modern', 'vscode-light');
    const light = await background();
    assert.notStrictEqual(light, dark, 'the theme change reached the webview');
    await screenshot('panel-light');
    await setTheme('Dark High Contrast', 'vscode-high-contrast');
    await screenshot('panel-high-contrast');
    await setTheme('Dark Modern', 'vscode-dark');
  });
});
