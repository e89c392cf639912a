// The OCP activity-bar view opens in the real workbench with its Explorer and Tasks views.
import * as assert from 'assert';
import * as fs from 'fs';
import { activityBarItem, openOcpView, screenshot, viewPane } from './support';

describe('OCP view', () => {
  it('opens from the activity bar and shows the Explorer and Tasks views', async () => {
    await activityBarItem('OCP').waitFor({ timeout: 30_000 });
    const bar = await openOcpView();
    assert.match((await bar.locator('.composite.title').textContent()) ?? '', /OCP/i);
    assert.ok(await viewPane('Explorer').isVisible());
    assert.ok(await viewPane('Tasks').isVisible());
    const file = await screenshot('ocp-view');
    assert.ok(fs.statSync(file).size > 1000, 'the screenshot has content');
  });
});
