// Cluster lifecycle (issue #17) in the real workbench, up to the last step before anything is sent: the Restart Cluster
// modal stating the impact, and the failover precheck of a standby tenant. Tenant failover needs OCP 4.3 (the batch
// call's first API reference), so the simulator is reset to a 4.3 build for this suite and back to its default
// scenario afterwards; the Explorer is refreshed each time so the extension reads the version again.
// Screenshots: lifecycle-restart-modal.png, lifecycle-failover-precheck.png.
import * as assert from 'assert';
import { waitFor } from '../harness/wait';
import { chooseContextMenuItem, collapseExplorer, expandGroup, expandTreeItem, openOcpView, screenshot, settle, treeItem, viewPane } from './support';
import { animationsDone, dismissQuickInput, loggedRequests, modalDialog, postsTo, quickPickRows, resetUi, setSideBarWidth, simAdmin, steady, waitForQuickInput } from './ui';

const CONNECTION = 'Simulator';
const row = (name: string) => new RegExp(`^${name} `);

/** Resets the simulator, then the connection's inline Refresh makes the extension read its clusters and version again. */
async function resetSimulator(scenario?: Record<string, unknown>): Promise<void> {
  await simAdmin('POST', '/__sim/reset', scenario ? { scenario } : {});
  const explorer = viewPane('Explorer');
  const conn = await expandTreeItem(CONNECTION, explorer);
  await conn.hover();
  await conn.locator('.actions .action-label[aria-label="Refresh"]').click();
  // the reset emptied the request log: a GET of /api/v2/info is the extension reading the version again
  await waitFor(async () => (await loggedRequests()).some((r) => r.method === 'GET' && r.path === '/api/v2/info'), 20_000, 'the OCP version read again');
  await treeItem(row('obcluster_prod'), explorer).waitFor({ timeout: 20_000 });
  await settle();
}

describe('Cluster lifecycle (issue #17)', function () {
  this.timeout(120_000);

  before(async () => {
    await resetUi();
    await openOcpView();
    await setSideBarWidth(560);
    await resetSimulator({ buildVersion: '4.3.2-20241015' });
  });

  afterEach(async () => {
    await resetUi();
  });

  after(async () => {
    await resetUi();
    await resetSimulator();
  });

  it('asks for Restart Cluster in a modal stating the impact; Cancel sends nothing', async () => {
    const explorer = viewPane('Explorer');
    await treeItem(row('obcluster_prod'), explorer).waitFor();
    await chooseContextMenuItem(treeItem(row('obcluster_prod'), explorer), 'Restart Cluster…');
    const dialog = modalDialog();
    await dialog.waitFor({ timeout: 20_000 });
    await animationsDone(dialog);
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Restart cluster "obcluster_prod"\?/);
    assert.match(text, /Every OBServer process of "obcluster_prod" restarts: 3 zone\(s\), 3 server\(s\)/);
    assert.match(text, /zone by zone \(rolling\)/);
    assert.match(text, /Tenants affected: analytics, billing_oracle, order_mysql/);
    await steady();
    await screenshot('lifecycle-restart-modal');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepStrictEqual(await postsTo('/api/v2/ob/clusters/1000001/restart'), [], 'Cancel sends no restart request');
  });

  it('shows the failover precheck of a standby tenant with its checks and facts; Escape fails nothing over', async () => {
    const explorer = viewPane('Explorer');
    await collapseExplorer();
    await expandTreeItem(CONNECTION, explorer);
    await expandGroup(row('obcluster_dr'), 'obcluster_dr', 'tenants', explorer);
    await chooseContextMenuItem(treeItem(row('order_mysql_dr'), explorer), 'Failover Tenant…');
    await waitForQuickInput('Failover Tenant: precheck passed', 'All checks passed.');
    const rows = await quickPickRows();
    assert.ok(rows.some((r) => /^\s*Failover$/.test(r.label.replace(/\$\([^)]+\)/g, ''))), JSON.stringify(rows));
    assert.ok(rows.some((r) => r.label.includes('Check standby tenant role')), JSON.stringify(rows));
    assert.ok(rows.some((r) => r.label.includes('Synchronized SCN')), 'the synchronized SCN is shown');
    assert.ok(rows.some((r) => r.label.includes('Primary tenant service name')), 'the primary tenant\'s service name is shown');
    await steady();
    await screenshot('lifecycle-failover-precheck');

    await dismissQuickInput();
    assert.strictEqual((await postsTo('/api/v2/ob/clusters/1000002/tenants/failoverPreCheck')).length, 1, 'one precheck');
    assert.deepStrictEqual(await postsTo('/api/v2/ob/clusters/1000002/tenants/failover'), [], 'Escape fails nothing over');
  });
});
