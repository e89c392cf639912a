// Under the Chinese display language the Explorer and the Tasks view say OCP's statuses, cluster types,
// tenant roles and modes with the OCP console's Chinese words (运行中, 已停止, 主集群, 备集群, 主租户, 备租户, 已完成),
// in the rows, in what a screen reader reads, and in the tooltips, which keep the raw value for searching.
// Screenshots: test-results/screenshots/zh-console-words-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../harness/env';
import { collapseExplorer, expandGroup, expandTreeItem, openOcpView, page, screenshot, settle, sideBar, treeItem, viewPane } from '../support';
import { hoverWidget, resetUi, setSideBarWidth, showHover, steady } from '../ui';

const zh = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
const row = (name: string) => new RegExp(`^${name} `);
/** Moves the mouse off the tree and waits until no hover is left over. */
async function hideHover(): Promise<void> {
  await page().keyboard.press('Escape');
  await page().mouse.move(2, 2);
  await hoverWidget().waitFor({ state: 'hidden', timeout: 10_000 });
}
const aria = async (name: string, within = sideBar()) => (await treeItem(row(name), within).getAttribute('aria-label')) ?? '';

describe('Chinese display language: the OCP console\'s words', function () {
  this.timeout(120_000);

  before(async () => {
    await resetUi();
    await openOcpView({ explorer: zh['ocp.explorer.name'], tasks: zh['ocp.tasks.name'] });
    await setSideBarWidth(620);
  });

  it('shows cluster statuses and types, tenant roles and modes in Chinese', async () => {
    const explorer = viewPane(zh['ocp.explorer.name']);
    // A short tree, so every row checked below is drawn (rows below the pane's end are not): the standby
    // cluster's tenants hold every role and mode word.
    await collapseExplorer(zh['ocp.explorer.name']);
    await expandTreeItem('Simulator', explorer);
    await expandGroup(row('obcluster_dr'), 'obcluster_dr', 'tenants', explorer);
    await treeItem(row('order_mysql_dr'), explorer).waitFor();
    await steady();

    // What is drawn (label and description) and what a screen reader reads.
    const text = (await explorer.textContent()) ?? '';
    for (const word of ['运行中', '已停止', '主集群', '备集群', '主租户', '备租户', 'MySQL', 'Oracle']) assert.ok(text.includes(word), `"${word}" is not shown: ${text.slice(0, 400)}`);
    assert.doesNotMatch(text, /\b(RUNNING|STOPPED|PRIMARY|STANDBY)\b/, 'a raw OCP value is shown in the tree');
    assert.match(await aria('obcluster_prod', explorer), /^obcluster_prod \(集群\)，状态：运行中，4\.2\.1\.2，主集群，/);
    assert.match(await aria('obcluster_test', explorer), /状态：已停止/);
    assert.match(await aria('order_mysql_dr', explorer), /^order_mysql_dr \(租户\)，状态：运行中，MySQL，备租户/);
    await screenshot('zh-console-words-explorer');

    // The tooltip: the word and the raw value beside it.
    const hover = await showHover(treeItem(row('obcluster_prod'), explorer));
    const tip = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(tip, /obcluster_prod — 运行中 \(RUNNING\)/);
    assert.match(tip, /主集群 \(PRIMARY\)/);
    await screenshot('zh-console-words-tooltip');
    await hideHover();
    await settle();
  });

  it('shows task statuses in Chinese in the Tasks view', async () => {
    const tasks = viewPane(zh['ocp.tasks.name']);
    const created = treeItem(/^#3000001 /, tasks);
    await created.waitFor({ timeout: 20_000 });
    assert.match(await created.innerText(), /已完成/);
    assert.match(await aria('#3000001', tasks), /\(任务\)，状态：已完成/);
    const hover = await showHover(created);
    assert.match((await hover.innerText()).replace(/\s+/g, ' '), /已完成 \(SUCCESSFUL\)/);
    await steady();
    await screenshot('zh-console-words-tasks');
    await settle();
  });
});
