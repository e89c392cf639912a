// The operations in the real workbench (issue #5), up to the last step before anything is sent: the
// tenant menu with Switchover, the Create Cluster wizard (a step, then the summary, walked from the
// keyboard), the Stop Cluster modal, and a failed takeover precheck. Each is cancelled, and the
// simulator's request log proves that no operation was POSTed. Screenshots: operations-*.png.
import * as assert from 'assert';
import { chooseContextMenuItem, expandGroup, expandTreeItem, openOcpView, page, screenshot, settle, treeItem, viewPane } from './support';
import {
  animationsDone, answer, choose, closeContextMenu, dismissQuickInput, loggedRequests, modalDialog, openContextMenu, postsTo,
  quickInput, quickInputBox, quickInputTitle, quickPickRows, resetUi, setSideBarWidth, steady, waitForQuickInput,
} from './ui';

const CONNECTION = 'Simulator';
const row = (name: string) => new RegExp(`^${name} `);
const PASSWORD = 'aaAA11__';

async function connectionMenu(item: string): Promise<void> {
  await chooseContextMenuItem(treeItem(CONNECTION, viewPane('Explorer')), item);
}

describe('Operations (issue #5)', function () {
  this.timeout(120_000);

  before(async () => {
    await resetUi();
    await openOcpView();
    await setSideBarWidth(560);
    await expandTreeItem(CONNECTION, viewPane('Explorer'));
  });

  afterEach(async () => {
    await resetUi();
  });

  it('offers Switchover Tenant… on primary tenants (listed standby or not: unknown is not none), not on a standby', async () => {
    const explorer = viewPane('Explorer');
    await expandGroup(row('obcluster_prod'), 'obcluster_prod', 'tenants', explorer);
    // OCP documents no field listing a tenant's standbys: a primary without one listed still offers it (the
    // standby picker and OCP's precheck decide).
    const lone = await openContextMenu(treeItem(row('analytics'), explorer));
    assert.ok(lone.includes('Switchover Tenant…'), `analytics (no standby listed): ${lone.join(', ')}`);
    await closeContextMenu();

    const paired = await openContextMenu(treeItem(row('order_mysql'), explorer));
    assert.ok(paired.includes('Switchover Tenant…'), `order_mysql (standby order_mysql_dr): ${paired.join(', ')}`);
    await steady();
    await screenshot('operations-tenant-menu');
    await closeContextMenu();

    await expandGroup(row('obcluster_dr'), 'obcluster_dr', 'tenants', explorer);
    const standby = await openContextMenu(treeItem(row('order_mysql_dr'), explorer));
    assert.ok(!standby.includes('Switchover Tenant…'), `order_mysql_dr (a standby): ${standby.join(', ')}`);
    await closeContextMenu();
  });

  it('opens the Create Cluster wizard from the connection menu with its title and step counter', async () => {
    await connectionMenu('Create Cluster…');
    const qi = await waitForQuickInput('Create Cluster', 'Cluster name');
    assert.strictEqual(await quickInputTitle(), 'Create Cluster (1/7)');
    // A name OCP already has is refused as it is typed.
    await quickInputBox().fill('obcluster_prod');
    await qi.locator('.quick-input-message', { hasText: 'OCP already has a cluster named "obcluster_prod"' }).waitFor();
    await quickInputBox().fill('e2e_cluster');
    await qi.locator('.quick-input-message', { hasText: /^Cluster name/ }).waitFor();
    await steady();
    await screenshot('operations-create-step1');
    await dismissQuickInput();
  });

  it('walks Create Cluster to its summary from the keyboard, and Escape sends nothing', async () => {
    const before = (await loggedRequests()).length;
    await connectionMenu('Create Cluster…');
    await waitForQuickInput('Create Cluster (1/7)', 'Cluster name');
    await answer('e2e_cluster');
    await waitForQuickInput('Create Cluster (2/7)', 'Cluster type');
    await choose('PRIMARY');
    await waitForQuickInput('Create Cluster (3/7)', 'OceanBase server package');
    await choose('4.3.3.0', 'oceanbase-4.3.3.0');
    await waitForQuickInput('Create Cluster (4/7)', 'Password of root@sys');
    await answer(PASSWORD);
    await waitForQuickInput('Create Cluster (4/7)', 'again');
    await answer(PASSWORD);
    await waitForQuickInput('Create Cluster: zone 1 (5/7)', 'Zone name');
    assert.strictEqual(await quickInputBox().inputValue(), 'zone1', 'the zone name is proposed');
    await page().keyboard.press('Enter');
    await waitForQuickInput('Create Cluster: zone1 (5/7)', 'IDC of zone zone1');
    await choose('hz1');
    await waitForQuickInput('Create Cluster: zone1 (5/7)', /Hosts of zone zone1 \(2 free in hz1/);
    const hosts = await quickPickRows();
    assert.deepStrictEqual(hosts.map((h) => h.label).sort(), ['10.0.5.11', '10.0.5.14'], 'only the free hosts of hz1 are offered');
    await quickInput().locator('.quick-input-list .monaco-list-row', { hasText: '10.0.5.11' }).click();
    await quickInput().locator('.quick-input-count', { hasText: '1 Selected' }).waitFor();
    await quickInputBox().focus();
    await page().keyboard.press('Enter');
    await waitForQuickInput('Create Cluster (5/7)', 'zone(s) so far');
    await choose('Continue');

    // One zone: the primary-zone step does not show, so the summary is step 6 of 6.
    await waitForQuickInput('Create Cluster: summary (6/6)', 'Check the request');
    const rows = await quickPickRows();
    const value = (label: string) => rows.find((r) => r.label === label)?.description;
    assert.ok(rows.some((r) => /Create$/.test(r.label) && r.description === 'POST /api/v2/ob/clusters'), JSON.stringify(rows));
    assert.strictEqual(value('name'), '"e2e_cluster"');
    assert.strictEqual(value('type'), '"PRIMARY"');
    assert.match(value('rpmName') ?? '', /oceanbase-4\.3\.3\.0-/);
    assert.match(value('zones[0]') ?? '', /"name":"zone1".*"idcName":"hz1".*"servers":\[100010\]/);
    assert.ok(!JSON.stringify(rows).includes(PASSWORD), 'the password is masked in the summary');
    await steady();
    await screenshot('operations-create-summary');

    await dismissQuickInput();
    const after = (await loggedRequests()).slice(before);
    assert.ok(after.some((r) => r.method === 'GET' && r.path === '/api/v2/compute/hosts'), 'the wizard read the hosts from OCP');
    assert.deepStrictEqual(await postsTo('/api/v2/ob/clusters'), [], 'Escape on the summary sends no create request');
  });

  it('asks for Stop Cluster in a modal naming the cluster and its tenants; Cancel sends nothing', async () => {
    const explorer = viewPane('Explorer');
    await expandTreeItem(row('obcluster_prod'), explorer);
    await chooseContextMenuItem(treeItem(row('obcluster_prod'), explorer), 'Stop Cluster…');
    const dialog = modalDialog();
    await dialog.waitFor({ timeout: 20_000 });
    await animationsDone(dialog);
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Stop cluster "obcluster_prod"\?/);
    assert.match(text, /3 zone\(s\), 3 server\(s\)/);
    assert.match(text, /3 tenant\(s\) stop serving: analytics, billing_oracle, order_mysql/);
    assert.match(text, /Standby clusters obcluster_dr/);
    assert.match(text, /order_mysql → order_mysql_dr @ obcluster_dr/);
    await steady();
    await screenshot('operations-stop-modal');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepStrictEqual(await postsTo('/api/v2/ob/clusters/1000001/stop'), [], 'Cancel sends no stop request');
    await settle();
    assert.match((await treeItem(row('obcluster_prod'), explorer).getAttribute('aria-label')) ?? '', /status: Running\b/);
  });

  it('shows the failed takeover precheck with its problems; Escape takes nothing over', async () => {
    const prechecks = (await postsTo('/api/v2/ob/clusters/takeOverPreCheck')).length;
    await connectionMenu('Take Over Cluster…');
    await waitForQuickInput('Take Over Cluster (1/8)', 'Address of an OBServer');
    await answer('10.0.0.250');
    await waitForQuickInput('Take Over Cluster (2/8)', 'How to connect');
    await choose('Direct');
    // Direct: the OBProxy step does not show, so the counter shrinks to 7 once the mode is chosen.
    await waitForQuickInput('Take Over Cluster (3/7)', 'Port');
    assert.strictEqual(await quickInputBox().inputValue(), '2881');
    await page().keyboard.press('Enter');
    await waitForQuickInput('Take Over Cluster (4/7)', 'Password of root@sys');
    await answer(PASSWORD);
    await waitForQuickInput('Take Over Cluster (5/7)', 'password box');
    await choose('Save to credential');
    await waitForQuickInput('Take Over Cluster (6/7)', 'ConfigUrl');
    await choose('Switch ConfigUrl');
    await waitForQuickInput('Take Over Cluster (7/7)', 'Does OCP manage every host');
    await choose('Yes, all hosts');

    await waitForQuickInput('Take Over Cluster: precheck failed', /3 of \d+ checks failed/);
    const rows = await quickPickRows();
    const failed = rows.filter((r) => r.label.includes('Check cluster health')).map((r) => r.description);
    assert.deepStrictEqual(failed, [
      'clock of 10.0.0.250 differs from OCP by 2300 ms (limit 100 ms)',
      'disk /data on 10.0.0.250 is 93% full (limit 90%)',
      'port 62888 for the OCP agent is in use on 10.0.0.250',
    ]);
    assert.ok(rows.some((r) => r.label.includes('Back: change the answers')));
    assert.ok(rows.some((r) => r.label.includes('Take Over anyway…')));
    assert.ok(!rows.some((r) => /^\s*Take Over$/.test(r.label)), 'no plain "Take Over" after a failed precheck');
    await page().locator('.notifications-toasts', { hasText: 'Running the takeover precheck' }).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await steady();
    await screenshot('operations-takeover-precheck-failed');

    await dismissQuickInput();
    assert.strictEqual((await postsTo('/api/v2/ob/clusters/takeOverPreCheck')).length, prechecks + 1, 'one precheck');
    assert.deepStrictEqual(await postsTo('/api/v2/ob/clusters/takeOver'), [], 'Escape takes nothing over');
  });
});
