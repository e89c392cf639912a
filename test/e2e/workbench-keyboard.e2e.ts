// Keyboard only (issue #20): no mouse event at all from the first step to the last. The palette focuses the
// OCP view; arrow keys walk the tree to a running cluster; Shift+F10 opens its context menu; Stop Cluster… is
// chosen and confirmed in the modal with the keyboard; one POST reaches OCP. Then the Tasks view is focused
// the same way, Enter on the new task opens the task panel, and the panel is driven by keys: Tab to the graph,
// arrows along its edges (the screen-reader announcement follows), Enter for the details, Escape, the List
// view. Every row read on the way says its status in words. Screenshots: test-results/screenshots/keyboard-*.png.
// (Named workbench-* so it runs after the suites that expect obcluster_dev running; it is set running again.)
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { activityBarItem, e2e, page, screenshot, settle, sideBar, viewPane, waitFor, webviewFrame } from './support';
import { contextMenu, modalDialog, steady } from './ui';

const CLUSTER_ID = 1000004;
const CLUSTER = 'obcluster_dev';

/** Fails the test if anything clicks or moves the mouse while it runs. */
async function forbidMouse(): Promise<() => Promise<number>> {
  await page().evaluate(() => {
    const w = window as unknown as { __ocpMouse: number };
    w.__ocpMouse = 0;
    for (const type of ['mousedown', 'mouseup', 'click', 'contextmenu', 'pointerdown']) {
      window.addEventListener(type, (e) => { if ((e as MouseEvent).isTrusted) w.__ocpMouse++; }, true);
    }
  });
  return () => page().evaluate(() => (window as unknown as { __ocpMouse: number }).__ocpMouse);
}

/**
 * F1, the command's title typed (without its category: the palette's fuzzy match ranks "OCP: Focus on Explorer
 * View" first for "Focus on Explorer View", but not for the whole title), ArrowDown until the highlighted row is
 * that command, and Enter.
 */
async function palette(title: string): Promise<void> {
  const p = page();
  const input = p.locator('.quick-input-widget input');
  // Right after the workbench loads, the extension's contributions may not be in the palette yet: open it again.
  for (let attempt = 0; ; attempt++) {
    await p.keyboard.press('Escape');
    await p.keyboard.press('F1');
    await input.waitFor();
    await p.keyboard.type(title.replace(/^[^:]+: /, ''));
    const listed = await p.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (listed) break;
    if (attempt === 5) throw new Error(`the palette does not list "${title}"`);
  }
  const focused = p.locator('.quick-input-widget .monaco-list-row.focused');
  const isIt = async () => ((await focused.getAttribute('aria-label').catch(() => '')) ?? '').startsWith(title);
  for (let i = 0; i < 15 && !(await isIt()); i++) await p.keyboard.press('ArrowDown');
  assert.ok(await isIt(), `the palette did not highlight "${title}"`);
  await p.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * Puts the keyboard focus in a tree view with its "Focus on … View" command. The first time, the view opens and
 * loads its rows while the command runs, and the focus lands nowhere: run it again once the rows are there.
 */
async function focusView(title: string, pane: Locator): Promise<void> {
  const inPane = () => pane.evaluate((el) => el.contains(document.activeElement)).catch(() => false);
  for (let attempt = 0; attempt < 4; attempt++) {
    await palette(title);
    await pane.getByRole('treeitem').first().waitFor({ timeout: 30_000 });
    if (await waitFor(inPane, 3_000, 'the focus in the view').then(() => true, () => false)) return;
  }
  throw new Error(`"${title}" did not put the keyboard focus in the view`);
}

/** The focused row of a tree and its accessible name. */
function focusedRow(pane: Locator): Locator {
  return pane.locator('.monaco-list-row.focused').first();
}

async function focusedLabel(pane: Locator): Promise<string> {
  const row = focusedRow(pane);
  await row.waitFor();
  return (await row.getAttribute('aria-label')) ?? '';
}

/** Moves the tree's focus with ArrowDown (expanding collapsed rows on the way with ArrowRight) until `want` matches. */
async function arrowTo(pane: Locator, want: RegExp, expand: RegExp = /^$/): Promise<string> {
  const p = page();
  // The view has the keyboard focus but maybe no focused row yet: Home gives it one.
  await p.keyboard.press('Home');
  await focusedRow(pane).waitFor({ timeout: 10_000 }).catch(async (e) => {
    const active = await p.evaluate(() => { const a = document.activeElement as HTMLElement | null; return a ? `${a.tagName}.${a.className} [${a.getAttribute('aria-label') ?? ''}]` : 'none'; });
    throw new Error(`${(e as Error).message.split('\n')[0]}; the keyboard focus is on ${active}`);
  });
  for (let i = 0; i < 40; i++) {
    const label = await focusedLabel(pane);
    if (want.test(label)) return label;
    if (expand.test(label) && (await focusedRow(pane).getAttribute('aria-expanded')) === 'false') {
      await p.keyboard.press('ArrowRight');
      await waitFor(async () => (await focusedRow(pane).getAttribute('aria-expanded')) === 'true', 10_000, 'the row to expand');
      continue;
    }
    await p.keyboard.press('ArrowDown');
    await waitFor(async () => (await focusedLabel(pane)) !== label, 5_000, 'the focus to move').catch(() => undefined);
  }
  throw new Error(`no row matching ${want} reached with the arrow keys`);
}

/** Presses ArrowDown in the open context menu until the focused item is `item`, then Enter. */
async function chooseMenuItem(item: string): Promise<void> {
  const p = page();
  const menu = contextMenu();
  await menu.waitFor();
  const focused = menu.locator('.action-item.focused');
  for (let i = 0; i < 30; i++) {
    if (((await focused.textContent().catch(() => '')) ?? '').includes(item)) break;
    await p.keyboard.press('ArrowDown');
  }
  assert.ok(((await focused.textContent()) ?? '').includes(item), `the context menu never focused "${item}"`);
  await p.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
}

/** Tab until `target` (an element inside the webview) has the focus. */
async function tabTo(target: Locator, what: string): Promise<void> {
  const p = page();
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await p.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('Keyboard only: an operation and the task panel without a mouse', function () {
  this.timeout(180_000);
  let mouseEvents: () => Promise<number>;
  let stopTaskId: number | undefined;

  before(async () => {
    const sim = e2e().sim;
    const c = sim.state.clusters.get(CLUSTER_ID);
    assert.ok(c && c.status === 'RUNNING', `${CLUSTER} is not running in the simulator`);
    await activityBarItem('OCP').waitFor({ timeout: 60_000 }); // the extension's contributions are loaded
    await page().keyboard.press('Escape');
    mouseEvents = await forbidMouse();
  });

  after(async () => {
    const sim = e2e().sim;
    // Leave the simulator as the other suites expect it.
    if (stopTaskId !== undefined) await waitFor(() => sim.state.tasks.get(stopTaskId!)?.status !== 'RUNNING', 60_000, 'the stop task to end').catch(() => undefined);
    const c = sim.state.clusters.get(CLUSTER_ID);
    if (c) c.status = 'RUNNING';
    await page().keyboard.press('Escape');
    await palette('View: Close All Editors').catch(() => undefined);
  });

  it('stops a cluster from the tree with the keyboard: arrows, Shift+F10, the menu, the modal', async () => {
    const sim = e2e().sim;
    sim.clearRequests();
    const before = new Set(sim.state.tasks.keys());
    const explorer = viewPane('Explorer');
    await focusView('OCP: Focus on Explorer View', explorer);
    const label = await arrowTo(explorer, new RegExp(`^${CLUSTER} `), /^Simulator\b/);
    assert.match(label, new RegExp(`^${CLUSTER} \\(cluster\\), status: Running, `), 'the row does not say its status in words');
    await steady();
    await screenshot('keyboard-tree-focus');

    await page().keyboard.press('Shift+F10');
    await chooseMenuItem('Stop Cluster…');
    const dialog = modalDialog();
    await dialog.waitFor();
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), new RegExp(`Stop cluster "${CLUSTER}"`));
    await screenshot('keyboard-stop-modal');
    // The modal's buttons are reached with Tab; Enter presses the focused one.
    const confirm = dialog.getByRole('button', { name: 'Stop Cluster' });
    for (let i = 0; i < 6 && !(await confirm.evaluate((el) => el === document.activeElement)); i++) await page().keyboard.press('Tab');
    assert.ok(await confirm.evaluate((el) => el === document.activeElement), 'Tab never reached the Stop Cluster button');
    await page().keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    await waitFor(() => sim.count('POST', `/api/v2/ob/clusters/${CLUSTER_ID}/stop`) === 1, 20_000, 'the stop request');
    stopTaskId = await waitFor(() => [...sim.state.tasks.keys()].find((id) => !before.has(id)), 10_000, 'the stop task');
    await settle();
    assert.strictEqual(sim.count('POST', `/api/v2/ob/clusters/${CLUSTER_ID}/stop`), 1, 'the stop was sent more than once');
    assert.strictEqual(await mouseEvents(), 0, 'the mouse was used');
  });

  it('opens the new task from the Tasks view with Enter and walks the task panel with the keyboard', async () => {
    const sim = e2e().sim;
    const stopTask = sim.state.tasks.get(stopTaskId ?? -1);
    assert.ok(stopTask, 'the stop task was not created');
    await palette('OCP: Refresh Tasks');
    const tasks = viewPane('Tasks');
    await focusView('OCP: Focus on Tasks View', tasks);
    const label = await arrowTo(tasks, new RegExp(`^#${stopTask.id} `));
    assert.match(label, /\(task\), status: (Running|Completed|Failed)/, 'the task row does not say its status in words');
    await page().keyboard.press('Enter');

    const frame = webviewFrame();
    await frame.locator('.task-view .title').waitFor({ timeout: 60_000 });
    // Into the panel with the keyboard: focus the editor group, then Tab to the graph.
    await page().keyboard.press('Control+1');
    await tabTo(frame.locator('.graph').first(), 'the subtask graph');
    const announcer = frame.locator('.sr-only[aria-live]').first();
    await page().keyboard.press('ArrowDown');
    await waitFor(async () => ((await announcer.textContent()) ?? '').trim().length > 0, 10_000, 'an announcement of the focused subtask');
    const first = ((await announcer.textContent()) ?? '').trim();
    assert.match(first, /, (Pending|Ready for Execution|Running|Canceling|Failed|Completed|Unknown)$/, `the announcement "${first}" does not end with a status in words`);
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press('Enter');
    const details = frame.locator('.details-head');
    await details.waitFor({ timeout: 10_000 });
    await screenshot('keyboard-panel-details');
    await page().keyboard.press('Escape');
    await details.waitFor({ state: 'hidden', timeout: 10_000 });

    // The List view, for screen readers: its toggle is reached with Tab and pressed with Space.
    await tabTo(frame.locator('.toolbar button', { hasText: /^List$/ }).first(), 'the List view toggle');
    await page().keyboard.press('Space');
    await frame.locator('.list').first().waitFor({ timeout: 10_000 });
    await waitFor(async () => (await frame.locator('.list tr').count()) > 1, 10_000, 'the list of subtasks');
    await screenshot('keyboard-panel-list');
    assert.strictEqual(await mouseEvents(), 0, 'the mouse was used');
    assert.ok(await sideBar().isVisible());
  });
});
