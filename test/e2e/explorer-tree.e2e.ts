// The Explorer lists the simulator connection from the user settings; it expands, and its context
// menu works in the real workbench.
import * as assert from 'assert';
import { chooseContextMenuItem, expandTreeItem, notifications, openOcpView, page, screenshot, treeItem, viewPane, waitFor } from './support';

describe('Explorer tree', () => {
  it('expands the simulator connection', async () => {
    await openOcpView();
    const explorer = viewPane('Explorer');
    const conn = await expandTreeItem('Simulator', explorer);
    assert.strictEqual(await conn.getAttribute('aria-level'), '1');
    await explorer.locator('[role="treeitem"][aria-level="2"]').first().waitFor();
    await screenshot('explorer-expanded');
  });

  it('runs a context-menu command on the connection', async () => {
    const before = await notifications();
    await chooseContextMenuItem(treeItem('Simulator', viewPane('Explorer')), 'Test Connection');
    const shown = await waitFor(async () => {
      const now = await notifications();
      return now.length > before.length && now.some((t) => t.includes('Simulator')) ? now : undefined;
    }, 15_000, 'a notification about the connection after Test Connection');
    await screenshot('test-connection');
    assert.ok(shown.length > before.length);
    await page().keyboard.press('Escape');
  });
});
