// The Explorer in the real workbench (issue #4): clusters and tenants with their Markdown tooltips, the
// context menus of a running and a stopped cluster, an error node while OCP rejects the credentials and
// the recovery after it, and the Tasks view. Screenshots: test-results/screenshots/explorer-*.png.
import * as assert from 'assert';
import { collapseExplorer, expandGroup, expandTreeItem, notifications, openOcpView, screenshot, settle, treeItem, viewPane, waitFor } from './support';
import { simUser } from '../harness/sim-connection';
import { addFault, answer, closeContextMenu, clearNotifications, openContextMenu, removeFault, resetUi, setSideBarWidth, showHover, steady, waitForQuickInput } from './ui';

const CONNECTION = 'Simulator';
const row = (name: string) => new RegExp(`^${name} `);
/** A message node's accessible name is its tooltip (the error's detail), so find it by its visible text. */
const messageNode = (text: string) => viewPane('Explorer').getByRole('treeitem').filter({ hasText: text }).first();

describe('Explorer (issue #4)', function () {
  this.timeout(120_000);

  before(async () => {
    await resetUi();
    await openOcpView();
    await setSideBarWidth(560);
  });

  afterEach(async () => {
    await resetUi();
  });

  it('shows the connection, its clusters and their tenants, with a Markdown tooltip on a cluster', async () => {
    const explorer = viewPane('Explorer');
    await expandTreeItem(CONNECTION, explorer);
    for (const name of ['obcluster_prod', 'obcluster_dr', 'obcluster_test', 'obcluster_dev']) await treeItem(row(name), explorer).waitFor();
    assert.match((await treeItem(row('obcluster_prod'), explorer).getAttribute('aria-label')) ?? '', /^obcluster_prod \(cluster\), status: Running, 4\.2\.1\.2, Primary cluster, 3 zones$/);
    assert.match((await treeItem(row('obcluster_test'), explorer).getAttribute('aria-label')) ?? '', /status: Stopped\b/);

    // A cluster expands to its "Tenants (n)" and "Zones (n)" groups (issue #17); the tenants are under the first.
    await expandGroup(row('obcluster_prod'), 'obcluster_prod', 'tenants', explorer);
    await expandGroup(row('obcluster_dr'), 'obcluster_dr', 'tenants', explorer);
    const tenants = ['order_mysql', 'billing_oracle', 'analytics', 'order_mysql_dr', 'billing_oracle_dr'];
    for (const t of tenants) assert.strictEqual(await treeItem(row(t), explorer).getAttribute('aria-level'), '4', `${t} is a tenant row`);
    assert.match((await treeItem(row('order_mysql_dr'), explorer).getAttribute('aria-label')) ?? '', /Standby tenant/);
    await steady();
    await screenshot('explorer-tree');

    const hover = await showHover(treeItem(row('obcluster_prod'), explorer));
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /obcluster_prod — Running \(RUNNING\)/);
    assert.match(text, /OCP cluster id: 1000001/);
    assert.match(text, /Zones: zone1, zone2, zone3/);
    assert.match(text, /Standby clusters: obcluster_dr/);
    assert.ok(await hover.locator('strong', { hasText: 'obcluster_prod' }).count() > 0, 'the cluster name is bold (Markdown)');
    await screenshot('explorer-cluster-tooltip');
    await settle();
  });

  it('offers Stop Cluster… on a running cluster and not on a stopped one', async () => {
    const explorer = viewPane('Explorer');
    // Earlier tests leave clusters and their groups expanded: a row below the pane's end is not drawn at all.
    await collapseExplorer();
    await expandTreeItem(CONNECTION, explorer);

    const running = await openContextMenu(treeItem(row('obcluster_prod'), explorer));
    assert.ok(running.includes('Stop Cluster…'), `running cluster menu: ${running.join(', ')}`);
    assert.ok(running.includes('Copy ID'));
    await screenshot('explorer-menu-running-cluster');
    await closeContextMenu();

    const stopped = await openContextMenu(treeItem(row('obcluster_test'), explorer));
    assert.ok(!stopped.includes('Stop Cluster…'), `stopped cluster menu: ${stopped.join(', ')}`);
    assert.ok(stopped.includes('Copy ID') && stopped.includes('Open in OCP Console'), `stopped cluster menu: ${stopped.join(', ')}`);
    await screenshot('explorer-menu-stopped-cluster');
    await closeContextMenu();
  });

  it('shows an error node while OCP rejects the credentials, and recovers from it', async () => {
    const explorer = viewPane('Explorer');
    const conn = await expandTreeItem(CONNECTION, explorer);
    await treeItem(row('obcluster_prod'), explorer).waitFor();
    await clearNotifications();
    const fault = await addFault({ kind: 'unauthorized', path: '^/api/v2/ob/clusters$' });
    try {
      // The connection's inline Refresh button reloads its clusters.
      await conn.hover();
      await conn.locator('.actions .action-label[aria-label="Refresh"]').click();
      const error = messageNode('OCP rejected the credentials');
      await error.waitFor({ timeout: 20_000 });
      const text = await error.innerText();
      assert.match(text, /^OCP rejected the credentials: .*HTTP 401/, `error node: ${text}`);
      assert.strictEqual(await error.getAttribute('aria-level'), '2');
      await messageNode('Enter new credentials…').waitFor();
      assert.strictEqual(await treeItem(row('obcluster_prod'), explorer).count(), 0, 'the clusters are gone while OCP refuses');
      const toasts = await waitFor(async () => (await notifications()).find((t) => t.includes('rejected the credentials')), 10_000, 'the credentials warning');
      assert.match(toasts, /Nothing more is sent/);
      await steady();
      await screenshot('explorer-error-node');
    } finally {
      await removeFault(fault);
    }
    // A 401 means silence until new credentials (OCP locks a client out after 20 failed logins): Retry alone sends
    // nothing. "Enter new credentials…" asks for them; with the fault gone the clusters come back.
    await messageNode('Enter new credentials…').click();
    await waitForQuickInput(/Credentials for "Simulator"/);
    await answer(simUser().password);
    await treeItem(row('obcluster_prod'), explorer).waitFor({ timeout: 20_000 });
    assert.strictEqual(await messageNode('OCP rejected the credentials').count(), 0);
    await steady();
    await screenshot('explorer-recovered');
  });

  it('lists the simulator\'s tasks in the Tasks view', async () => {
    const tasks = viewPane('Tasks');
    await treeItem(CONNECTION, tasks).waitFor();
    const created = treeItem(/^#3000001 /, tasks);
    const takenOver = treeItem(/^#3000002 /, tasks);
    await created.waitFor({ timeout: 20_000 });
    assert.match((await created.getAttribute('aria-label')) ?? '', /Create .*cluster/i);
    assert.match((await takenOver.getAttribute('aria-label')) ?? '', /Take over/i);
    assert.match(await created.innerText(), /Completed/);
    const hover = await showHover(created);
    assert.match((await hover.innerText()).replace(/\s+/g, ' '), /Status: Completed \(SUCCESSFUL\)/);
    await screenshot('explorer-tasks-view');
    await settle();
  });
});
