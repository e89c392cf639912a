// Helpers for e2e suites: a browser page on the real workbench (extension installed from its .vsix,
// simulator running in the runner's process). The runner fills the context before mocha loads suites.
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { OcpSimulator } from '../ocp-sim/api';
import { waitFor } from '../harness/wait';

export { waitFor };

export interface E2EContext {
  page: Page;
  /** http://127.0.0.1:PORT of code-server. */
  origin: string;
  /** The simulator, running in the runner's process; its URL is in the user settings as `ocp.connections`. */
  sim: OcpSimulator;
  screenshotsDir: string;
}

let current: E2EContext | undefined;

export function setE2EContext(ctx: E2EContext): void {
  current = ctx;
}

export function e2e(): E2EContext {
  if (!current) throw new Error('e2e context is missing: run e2e suites with `npm run test:e2e`');
  return current;
}

export function page(): Page {
  return e2e().page;
}

/** Saves a PNG screenshot of the page as test-results/screenshots/<name>.png; returns its path. */
export async function screenshot(name: string, target?: Locator): Promise<string> {
  const file = path.join(e2e().screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (target) await target.screenshot({ path: file });
  else await page().screenshot({ path: file });
  return file;
}

/** The activity-bar entry of a view container, by its title. */
export function activityBarItem(title: string): Locator {
  return page().locator('.part.activitybar').getByRole('tab', { name: title, exact: false }).first();
}

/** The side bar (where a view container's views appear). */
export function sideBar(): Locator {
  return page().locator('.part.sidebar');
}

/** Opens the OCP view container from the activity bar and waits for its Explorer and Tasks views (by their titles). */
export async function openOcpView(views: { explorer: string; tasks: string } = { explorer: 'Explorer', tasks: 'Tasks' }): Promise<Locator> {
  const bar = sideBar();
  const title = bar.locator('.composite.title');
  if (!(await bar.isVisible()) || !((await title.textContent()) ?? '').toUpperCase().includes('OCP')) {
    await activityBarItem('OCP').click();
  }
  await title.filter({ hasText: /OCP/i }).waitFor();
  await viewPane(views.explorer).waitFor();
  await viewPane(views.tasks).waitFor();
  await settle();
  return bar;
}

/** Moves the mouse off hover targets and waits (up to 5 s) for the side bar's progress bars to stop. */
export async function settle(): Promise<void> {
  const p = page();
  const size = p.viewportSize();
  if (size) await p.mouse.move(size.width - 5, size.height / 2);
  await sideBar().locator('.monaco-progress-container.active').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** A view pane of the side bar by its header title (e.g. "Explorer", "Tasks"). */
export function viewPane(name: string): Locator {
  return sideBar().locator('.pane').filter({ has: page().locator('.pane-header h3.title', { hasText: new RegExp(`^${escapeRegExp(name)}$`, 'i') }) }).first();
}

/** A tree item by its label (first match), optionally inside a view pane. */
export function treeItem(label: string | RegExp, within: Locator = sideBar()): Locator {
  return within.getByRole('treeitem', { name: label }).first();
}

/** Expands a tree item (no-op when already expanded) and waits until it says so. */
export async function expandTreeItem(label: string | RegExp, within?: Locator): Promise<Locator> {
  // The row is found again on every look (a refresh right after activation re-renders the tree, and a
  // click that lands while the workbench is still settling can be lost), and clicked again if it is
  // still collapsed after a moment.
  const item = treeItem(label, within);
  await item.waitFor();
  const deadline = Date.now() + 20_000;
  for (;;) {
    if ((await item.getAttribute('aria-expanded').catch(() => null)) === 'true') return item;
    if (Date.now() > deadline) throw new Error(`tree item ${String(label)} did not expand within 20 s`);
    // A row whose children are still loading shows a spinner in its twistie; clicking it again would fold it.
    const loading = await item.locator('.codicon-tree-item-loading').count().catch(() => 0);
    if (loading === 0) await item.click().catch(() => undefined);
    const expanded = await waitFor(async () => (await item.getAttribute('aria-expanded').catch(() => null)) === 'true', 3000, 'expanded').then(() => true, () => false);
    if (expanded) return item;
  }
}

/**
 * Right-clicks `target` and chooses `item` from its context menu. A click that lands right after the
 * menu opens is sometimes ignored, so the click is retried until the menu closes.
 */
export async function chooseContextMenuItem(target: Locator, item: string | RegExp, attempts = 4): Promise<void> {
  const menu = page().locator('.context-view .monaco-menu');
  for (let i = 0; i < attempts; i++) {
    if (!(await menu.isVisible())) {
      await target.click({ button: 'right' });
      await menu.waitFor();
    }
    await menu.getByRole('menuitem', { name: item }).first().click();
    await page().waitForTimeout(300);
    if (!(await menu.isVisible())) return;
  }
  throw new Error(`context menu item ${String(item)} was not taken after ${attempts} clicks`);
}

/**
 * Runs a command from the command palette by its title (as shown there, e.g. "OCP: Refresh").
 *
 * The palette can close under the test's hands: VS Code hides a QuickInput with a close animation during which it is
 * still drawn but inert (a blur, or an F1 that lands while an earlier one closes), so a fill then waits on an input
 * that will never take text. Such an attempt is given up before Enter (nothing was run) and the palette opened again.
 */
export async function runPaletteCommand(title: string): Promise<void> {
  const p = page();
  const input = p.locator('.quick-input-widget input');
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    await openPalette();
    try {
      await input.fill(`>${title}`, { timeout: 5_000 });
      // The row with the title, clicked (Enter would take whichever row the fuzzy match put first).
      const row = p.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ timeout: 10_000 });
      if (await takesInput()) {
        await row.click();
        return;
      }
      throw new Error('the command palette closed before Enter');
    } catch (err) {
      if (attempt >= attempts) throw err;
      await p.keyboard.press('Escape');
      await p.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
  }
}

/** True while the QuickInput is shown and not inert (not in its close animation). */
async function takesInput(): Promise<boolean> {
  const widget = page().locator('.quick-input-widget');
  if (!(await widget.isVisible().catch(() => false))) return false;
  return widget.evaluate((el) => !el.closest('[inert]')).catch(() => false);
}

/** Opens the command palette (F1) and waits until its input takes text. */
async function openPalette(): Promise<void> {
  const p = page();
  // A QuickInput still closing is drawn but inert: wait for it to go before pressing F1.
  await waitFor(async () => !(await p.locator('.quick-input-widget').isVisible().catch(() => false)) || (await takesInput()), 5_000, 'the QuickInput to finish closing').catch(() => undefined);
  await p.keyboard.press('F1');
  // A focused webview (the task panel) keeps F1 to itself: focus the workbench and press it again.
  for (let attempt = 0; attempt < 3 && !(await takesInput()); attempt++) {
    await waitFor(takesInput, 3_000, 'the command palette').catch(async () => {
      await p.locator('.part.activitybar').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
      await p.keyboard.press('Escape');
      await p.keyboard.press('F1');
    });
  }
  await waitFor(takesInput, 10_000, 'the command palette to take input');
}

/** Picks a row of the open quick input by typing a filter and clicking the row with that text. */
export async function quickPick(filter: string, rowText: string): Promise<void> {
  const p = page();
  await p.locator('.quick-input-widget input').fill(filter);
  const row = p.locator('.quick-input-widget .monaco-list-row', { hasText: rowText }).first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
}

/** Texts of the notification toasts currently shown. */
export async function notifications(): Promise<string[]> {
  return page().locator('.notifications-toasts .notification-list-item-message').allTextContents();
}

/** The content of the active webview (two iframes deep). */
export function webviewFrame(): FrameLocator {
  return page().frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A cluster's "Tenants (n)" or "Zones (n)" row (issue #17: a cluster expands to these groups), in English or Chinese:
 * its accessible name is the label, a dash and the cluster's name.
 */
export function groupRow(cluster: string, group: 'tenants' | 'zones'): RegExp {
  const word = group === 'tenants' ? 'Tenants|租户' : 'Zones|Zone';
  return new RegExp(`^(${word})( \\(\\d+\\))? — ${cluster.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * Collapses every row of the OCP Explorer with its title bar's Collapse All (the connections too): a row below the
 * pane's end is not drawn at all, so a test that needs one starts from a short tree.
 */
export async function collapseExplorer(name = 'Explorer'): Promise<void> {
  const pane = viewPane(name);
  await pane.locator('.pane-header').hover();
  await pane.locator('.pane-header .actions-container [aria-label^="Collapse All"]').first().click();
  await waitFor(async () => (await pane.locator('[role="treeitem"][aria-level="2"]').count()) === 0, 10_000, 'the Explorer collapsed');
}

/** Expands a cluster row and then its Tenants (or Zones) group; returns the group row. */
export async function expandGroup(cluster: string | RegExp, clusterName: string, group: 'tenants' | 'zones', within?: Locator): Promise<Locator> {
  await expandTreeItem(cluster, within);
  return expandTreeItem(groupRow(clusterName, group), within);
}
