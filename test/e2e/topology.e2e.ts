// Topology in the real workbench (issue #17): a cluster expands to "Tenants (n)" and "Zones (n)", a zone to its
// OBServers with their status words, and a running zone's menu offers Stop and Restart Zone, not Start.
// Screenshot: test-results/screenshots/topology-tree.png.
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { expandGroup, expandTreeItem, groupRow, openOcpView, screenshot, settle, treeItem, viewPane, waitFor } from './support';
import { closeContextMenu, openContextMenu, resetUi, setSideBarWidth, steady } from './ui';

const CONNECTION = 'Simulator';
const row = (name: string) => new RegExp(`^${name} `);

/** Collapses the expanded rows at this level (earlier suites expanded clusters and groups), so the picture shows the topology. */
async function collapseLevel(pane: Locator, level: number): Promise<void> {
  const open = () => pane.locator(`[role="treeitem"][aria-level="${level}"][aria-expanded="true"]`);
  for (let i = 0; i < 20; i++) {
    const before = await open().count();
    if (before === 0) return;
    await open().first().click();
    await waitFor(async () => (await open().count()) < before, 5_000, 'a row to collapse').catch(() => undefined);
  }
}

describe('Topology (issue #17)', function () {
  this.timeout(120_000);

  before(async () => {
    await resetUi();
    await openOcpView();
    await setSideBarWidth(600);
  });

  afterEach(async () => {
    await resetUi();
  });

  it('shows cluster → Zones → zone → OBServers, with a running zone offering Stop and Restart Zone', async () => {
    const explorer = viewPane('Explorer');
    await expandTreeItem(CONNECTION, explorer);
    await collapseLevel(explorer, 2);
    await expandTreeItem(row('obcluster_prod'), explorer);
    await collapseLevel(explorer, 3);
    const zones = await expandGroup(row('obcluster_prod'), 'obcluster_prod', 'zones', explorer);
    assert.strictEqual(await zones.getAttribute('aria-level'), '3');
    assert.strictEqual(await treeItem(groupRow('obcluster_prod', 'tenants'), explorer).getAttribute('aria-level'), '3', 'the Tenants group beside it');
    const zone = await expandTreeItem(/^zone1 \(zone\), status: Running/, explorer);
    assert.strictEqual(await zone.getAttribute('aria-level'), '4');
    const server = treeItem(/ \(OBServer\), status: Running, SQL 2881, /, explorer);
    await server.waitFor();
    assert.strictEqual(await server.getAttribute('aria-level'), '5');
    assert.match(await server.innerText(), /^\d+\.\d+\.\d+\.\d+:2882\s*Running · SQL 2881 · /);
    await steady();
    await screenshot('topology-tree');

    const menu = await openContextMenu(treeItem(/^zone1 \(zone\)/, explorer));
    assert.ok(menu.includes('Stop Zone…') && menu.includes('Restart Zone…'), `running zone menu: ${menu.join(', ')}`);
    assert.ok(!menu.includes('Start Zone…'), `a running zone offers Start: ${menu.join(', ')}`);
    await closeContextMenu();
    const serverMenu = await openContextMenu(server);
    assert.ok(serverMenu.includes('Stop OBServer…') && serverMenu.includes('Restart OBServer…') && !serverMenu.includes('Start OBServer…'), `running OBServer menu: ${serverMenu.join(', ')}`);
    await closeContextMenu();
    await settle();
  });
});
