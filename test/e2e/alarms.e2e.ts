// A cluster's active alerts in the real workbench (issue #18): the cluster's description counts them by level, its
// last child "Alerts (3)" expands to the alerts (level icon, summary, first seen) with their details in a hover.
// Screenshot: test-results/screenshots/alarms-group.png.
import * as assert from 'assert';
import { expandTreeItem, openOcpView, screenshot, settle, treeItem, viewPane, waitFor } from './support';
import { resetUi, setSideBarWidth, showHover, steady } from './ui';

const row = (name: string) => new RegExp(`^${name} `);

describe('Alerts in the Explorer (issue #18)', function () {
  this.timeout(120_000);

  before(async () => {
    await resetUi();
    await openOcpView();
    await setSideBarWidth(620);
  });

  after(async () => {
    await resetUi();
  });

  it('expands a cluster\'s Alerts group to its alerts, most severe first, with details on hover', async () => {
    const explorer = viewPane('Explorer');
    await expandTreeItem('Simulator', explorer);
    await expandTreeItem(row('obcluster_prod'), explorer);
    // The counts arrive with the alert list (one request for the connection): wait for the group to say them.
    const group = treeItem(/^Alerts \(3\)/, explorer);
    await group.waitFor({ timeout: 30_000 });
    assert.strictEqual(await group.getAttribute('aria-level'), '3', 'the group is a child of the cluster');
    await waitFor(async () => /Alerts: 1 Critical, 2 Warning/.test((await treeItem(row('obcluster_prod'), explorer).innerText().catch(() => '')) ?? ''), 20_000, 'the cluster\'s alert counts');
    await expandTreeItem(/^Alerts \(3\)/, explorer);

    const first = treeItem(/^OBAgent on 10\.0\.1\.12 is not responding\./, explorer);
    await first.waitFor({ timeout: 20_000 });
    assert.strictEqual(await first.getAttribute('aria-level'), '4');
    const rowText = await first.innerText();
    assert.match(rowText, /Critical \(level 2\)/);
    assert.match(rowText, /first seen/);
    for (const summary of [/^CPU usage of tenant order_mysql is above 90%\./, /^Data disk usage of 10\.0\.1\.13 is above 85%\./]) await treeItem(summary, explorer).waitFor();
    // Most severe first: the Critical alert is the group's first row.
    const labels = await explorer.getByRole('treeitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const at = labels.findIndex((l) => /^Alerts \(3\)/.test(l));
    assert.match(labels[at + 1], /^OBAgent on 10\.0\.1\.12/);
    await steady();
    await screenshot('alarms-group');

    const hover = await showHover(first);
    const tip = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(tip, /Alert Level: Critical \(level 2\)/);
    assert.match(tip, /Alert Status: Active/);
    assert.match(tip, /Alert type: obagent_dead/);
    await screenshot('alarms-tooltip');
    await settle();
  });
});
