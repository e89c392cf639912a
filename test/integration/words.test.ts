// The words rows show for OCP's values, in a real extension host (English here; the Chinese ones are checked by
// test/unit/words.test.ts and test/e2e/l10n/console-words.e2e.ts): descriptions with words, tooltips with the
// word and the raw value, accessibility labels that say the status, and a Tasks filter that takes the word.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { activateExtension, clearConnections, configureConnection, tenantNodes } from './support';

type Any = any;

const tooltipText = (item: vscode.TreeItem) => typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

describe('Display words of OCP values', function () {
  this.timeout(60_000);
  let s: Any;
  let sim: OcpSimulator;

  before(async () => {
    s = (await activateExtension<{ test: Any }>()).test;
    sim = await startSimulator();
    await configureConnection(sim.url, { id: 'words', name: 'Words OCP' });
    s.explorer.refreshAll();
  });
  after(async () => {
    s.tasks.setFilter(undefined);
    await clearConnections();
    await sim.close();
  });

  it('describes clusters and tenants with words, keeps the raw value in the tooltip, and says the status to screen readers', async () => {
    const root = (await s.explorer.getChildren(undefined))[0];
    const clusters = await s.explorer.getChildren(root);
    const prod = clusters.find((n: Any) => n.cluster?.name === 'obcluster_prod');
    const test = clusters.find((n: Any) => n.cluster?.name === 'obcluster_test');
    // The alerts are read with the cluster list (issue #18): reading the Alerts group waits for them.
    const prodKids = await s.explorer.getChildren(prod);
    await s.explorer.getChildren(prodKids[prodKids.length - 1]);
    const item: vscode.TreeItem = s.explorer.getTreeItem(prod);
    assert.strictEqual(item.description, 'Running · 4.2.1.2 · Primary cluster · 3 zones · Alerts: 1 Critical, 2 Warning');
    assert.match(tooltipText(item), /obcluster_prod\*\* — Running \(RUNNING\)/);
    assert.match(tooltipText(item), /Type: Primary cluster \(PRIMARY\)/);
    assert.strictEqual(item.accessibilityInformation?.label, 'obcluster_prod (cluster), status: Running, 4.2.1.2, Primary cluster, 3 zones');
    assert.match(String(s.explorer.getTreeItem(test).description), /^Stopped · /);

    const dr = clusters.find((n: Any) => n.cluster?.name === 'obcluster_dr');
    const standby = (await tenantNodes(s.explorer, dr)).find((n: Any) => n.tenant?.name === 'order_mysql_dr');
    const t: vscode.TreeItem = s.explorer.getTreeItem(standby);
    assert.strictEqual(t.description, 'MySQL · Standby tenant');
    assert.match(tooltipText(t), /Status: Running \(NORMAL\)/);
    assert.match(tooltipText(t), /Role: Standby tenant \(STANDBY\)/);
    assert.match(String(t.accessibilityInformation?.label), /^order_mysql_dr \(tenant\), status: Running, MySQL, Standby tenant/);
  });

  it('shows task statuses as words in the Tasks view, and filters by the word', async () => {
    const conn = { kind: 'connection', connectionId: 'words', name: 'Words OCP' };
    s.tasks.refresh();
    const nodes = await s.tasks.getChildren(conn);
    const done = nodes.find((n: Any) => n.kind === 'task' && n.task.status === 'SUCCESSFUL');
    assert.ok(done, 'no finished task in the simulator');
    const item: vscode.TreeItem = s.tasks.getTreeItem(done);
    assert.match(String(item.description), /^Completed · /);
    assert.match(tooltipText(item), /Status: Completed \(SUCCESSFUL\)/);
    assert.match(String(item.accessibilityInformation?.label), new RegExp(`^#${done.task.id} .* \\(task\\), status: Completed`));

    s.tasks.setFilter('completed');
    const filtered = await s.tasks.getChildren(conn);
    assert.ok(filtered.length > 0 && filtered.every((n: Any) => n.kind === 'task' && n.task.status === 'SUCCESSFUL'), 'the filter "completed" did not keep exactly the finished tasks');
    s.tasks.setFilter('SUCCESSFUL');
    assert.deepStrictEqual((await s.tasks.getChildren(conn)).map((n: Any) => n.task?.id), filtered.map((n: Any) => n.task.id), 'the raw value filters the same');
  });
});
