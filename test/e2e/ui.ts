// Workbench helpers for the Explorer, operations and start suites: context menus read as lists, hovers,
// QuickInput steps driven from the keyboard, modal dialogs, the side bar's width, and the simulator's
// admin surface over HTTP (faults, the request log).
import type { Locator } from 'playwright-core';
import { e2e, page, runPaletteCommand, settle, sideBar, waitFor } from './support';

// ---- simulator admin surface ----------------------------------------------------------------------

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

/** A JSON call to the simulator's unauthenticated admin surface (`/__sim/...`). */
export async function simAdmin<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${e2e().sim.url}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Every API request the simulator received so far (GET /__sim/requests). */
export function loggedRequests(): Promise<LoggedRequest[]> {
  return simAdmin<LoggedRequest[]>('GET', '/__sim/requests');
}

/** The POSTs to exactly `path` in the simulator's request log. */
export async function postsTo(path: string): Promise<LoggedRequest[]> {
  return (await loggedRequests()).filter((r) => r.method === 'POST' && r.path === path);
}

export async function addFault(fault: Record<string, unknown>): Promise<string> {
  return (await simAdmin<{ id: string }>('POST', '/__sim/faults', fault)).id;
}

export async function removeFault(id: string): Promise<void> {
  await simAdmin('DELETE', `/__sim/faults/${encodeURIComponent(id)}`);
}

// ---- layout -------------------------------------------------------------------------------------

/** Drags the sash right of the side bar so that the side bar is about `width` pixels wide. */
export async function setSideBarWidth(width: number): Promise<void> {
  const p = page();
  const box = await sideBar().boundingBox();
  if (!box || Math.abs(box.width - width) < 8) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await p.mouse.move(x, y);
  await p.mouse.down();
  await p.mouse.move(box.x + width, y, { steps: 8 });
  await p.mouse.up();
  await waitFor(async () => Math.abs(((await sideBar().boundingBox())?.width ?? 0) - width) < 16, 5_000, `a side bar ${width} px wide`);
}

/** Waits for the CSS animations (fade-ins) of `target` and its descendants to finish. */
export async function animationsDone(target: Locator): Promise<void> {
  await target.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))));
}

/**
 * Before a screenshot: the mouse off hover targets, the side bar's progress done, and the fade-ins of
 * pickers, menus, dialogs and toasts finished.
 */
export async function steady(): Promise<void> {
  await settle();
  for (const sel of ['.quick-input-widget', '.context-view', '.monaco-dialog-box', '.notifications-toasts']) {
    const el = page().locator(sel).first();
    if (await el.count()) await animationsDone(el);
  }
}

// ---- context menus ------------------------------------------------------------------------------

export function contextMenu(): Locator {
  return page().locator('.context-view .monaco-menu');
}

/** Right-clicks `target` and returns the labels of its context menu (left open; see closeContextMenu). */
export async function openContextMenu(target: Locator, attempts = 3): Promise<string[]> {
  const menu = contextMenu();
  for (let i = 0; i < attempts && !(await menu.isVisible()); i++) {
    await target.click({ button: 'right' });
    await menu.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await menu.waitFor();
  await animationsDone(page().locator('.context-view').first());
  return menu.locator('.action-label:not(.separator)').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
}

export async function closeContextMenu(): Promise<void> {
  const menu = contextMenu();
  for (let i = 0; i < 3 && (await menu.isVisible()); i++) {
    await page().keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
  }
  await menu.waitFor({ state: 'hidden' });
}

// ---- hovers -------------------------------------------------------------------------------------

export function hoverWidget(): Locator {
  return page().locator('.workbench-hover').first();
}

/** Rests the mouse on a tree item's label until its hover (tooltip) shows; returns the hover. */
export async function showHover(item: Locator, attempts = 3): Promise<Locator> {
  const p = page();
  const label = item.locator('.label-name').first();
  for (let i = 0; i < attempts; i++) {
    const box = await label.boundingBox();
    if (!box) throw new Error('the tree item has no visible label');
    const size = p.viewportSize();
    if (size) await p.mouse.move(size.width - 5, size.height - 5);
    await p.mouse.move(box.x + 2, box.y + box.height / 2);
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    if (await hoverWidget().waitFor({ timeout: 5_000 }).then(() => true, () => false)) return hoverWidget();
  }
  throw new Error(`no hover showed after ${attempts} attempts`);
}

// ---- QuickInput ---------------------------------------------------------------------------------

export function quickInput(): Locator {
  return page().locator('.quick-input-widget');
}

export function quickInputBox(): Locator {
  return quickInput().locator('.quick-input-box input').first();
}

/**
 * Waits for a visible QuickInput whose title (with its "n/m" step counter) matches `title` and, when
 * given, whose prompt or placeholder matches `text`; returns it.
 */
export async function waitForQuickInput(title: string | RegExp, text?: string | RegExp, timeout = 20_000): Promise<Locator> {
  const qi = quickInput();
  const matches = (s: string, m: string | RegExp) => (typeof m === 'string' ? s.includes(m) : m.test(s));
  await waitFor(async () => {
    if (!(await qi.isVisible())) return false;
    if (!matches(await quickInputTitle(), title)) return false;
    if (text === undefined) return true;
    const prompt = (await qi.locator('.quick-input-message').textContent()) ?? '';
    const placeholder = (await quickInputBox().getAttribute('placeholder')) ?? '';
    return matches(prompt, text) || matches(placeholder, text);
  }, timeout, `a QuickInput titled ${String(title)}${text ? ` asking ${String(text)}` : ''}`);
  return qi;
}

export async function quickInputTitle(): Promise<string> {
  return ((await quickInput().locator('.quick-input-title').textContent()) ?? '').trim();
}

/** The rows of the visible QuickPick: label and description of each. */
export async function quickPickRows(): Promise<{ label: string; description: string }[]> {
  return quickInput().locator('.quick-input-list .monaco-list-row').evaluateAll((rows) => rows.map((r) => ({
    label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
    description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
  })));
}

/** Types `text` into the QuickInput's box and presses Enter (an InputBox answer). */
export async function answer(text: string): Promise<void> {
  const box = quickInputBox();
  await box.fill(text);
  await page().keyboard.press('Enter');
}

/** Filters the QuickPick by typing `filter`, waits for a row showing `row`, and accepts it with Enter. */
export async function choose(filter: string, row: string | RegExp = filter): Promise<void> {
  await quickInputBox().fill(filter);
  await quickInput().locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).first().waitFor();
  await page().keyboard.press('Enter');
}

/** Presses Escape until no QuickInput is shown. */
export async function dismissQuickInput(): Promise<void> {
  const qi = quickInput();
  for (let i = 0; i < 5 && (await qi.isVisible()); i++) {
    await page().keyboard.press('Escape');
    await qi.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
  }
  await qi.waitFor({ state: 'hidden' });
}

// ---- dialogs and notifications --------------------------------------------------------------------

export function modalDialog(): Locator {
  return page().locator('.monaco-dialog-box');
}

export async function clearNotifications(): Promise<void> {
  if (await page().locator('.notifications-toasts .notification-toast').count() === 0) return;
  await runPaletteCommand('Notifications: Clear All Notifications');
  await page().locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** Leaves the workbench without menus, pickers, dialogs or toasts (between tests). */
export async function resetUi(): Promise<void> {
  if (await contextMenu().isVisible()) await closeContextMenu();
  if (await modalDialog().isVisible()) {
    await page().keyboard.press('Escape');
    await modalDialog().waitFor({ state: 'hidden', timeout: 5_000 });
  }
  if (await quickInput().isVisible()) await dismissQuickInput();
  await clearNotifications();
}
