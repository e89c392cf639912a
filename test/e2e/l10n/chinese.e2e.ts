// With VS Code's display language set to Chinese, OCP Explorer speaks Chinese: the explorer, a wizard step
// and the task panel. (The test language pack translates nothing of VS Code itself, so only the
// extension's own text is Chinese.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../harness/env';
import { chooseContextMenuItem, expandGroup, expandTreeItem, openOcpView, page, screenshot, settle, sideBar, treeItem, viewPane, waitFor, webviewFrame } from '../support';

const zh = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
const bundle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const CJK = /[\u4e00-\u9fff]/;

describe('Chinese display language', () => {
  it('shows the explorer in Chinese', async () => {
    await openOcpView({ explorer: zh['ocp.explorer.name'], tasks: zh['ocp.tasks.name'] });
    await expandTreeItem('Simulator');
    await expandGroup('obcluster_prod', 'obcluster_prod', 'tenants');
    await treeItem('order_mysql').waitFor();
    await settle();
    const text = (await sideBar().textContent()) ?? '';
    assert.ok(text.includes(zh['ocp.tasks.name']), `the Tasks view title is not Chinese: ${text.slice(0, 200)}`);
    assert.ok(text.includes(bundle['{0} zones'].replace('{0}', '3')), 'cluster descriptions are Chinese');
    await screenshot('zh-explorer');
  });

  it('asks the Create Cluster wizard\'s questions in Chinese', async () => {
    await chooseContextMenuItem(treeItem('Simulator'), zh['ocp.createCluster.title']);
    const widget = page().locator('.quick-input-widget');
    await widget.waitFor();
    await waitFor(async () => CJK.test((await widget.textContent()) ?? ''), 10_000, 'a Chinese wizard step');
    const title = (await widget.locator('.quick-input-title').textContent()) ?? '';
    assert.ok(title.includes(bundle['Create Cluster']), `title: ${title}`);
    await screenshot('zh-wizard-step');
    await page().keyboard.press('Escape');
  });

  it('draws the task panel in Chinese', async () => {
    const tasks = viewPane(zh['ocp.tasks.name']);
    await tasks.waitFor();
    const task = treeItem(/#3000001/, sideBar());
    await task.waitFor({ timeout: 20_000 });
    await task.click();
    const frame = webviewFrame();
    const header = frame.locator('body');
    await waitFor(async () => CJK.test((await header.textContent().catch(() => '')) ?? ''), 20_000, 'Chinese text in the task panel');
    await settle();
    await screenshot('zh-task-panel');
  });
});
