// Pure parts of the task view: the camera (camera.ts), search/chip filtering (filter.ts), banner texts.
import * as assert from 'node:assert/strict';
import { buildDag, layoutDag, normalizeTask } from '../../../src/core/model';
import type { Task } from '../../../src/core/model/task';
import { hasBannerText, pollText, problemText } from '../../../src/webview-ui/banners';
import { CameraState, MAX_SCALE } from '../../../src/webview-ui/camera';
import { computeFilter, stepMatch } from '../../../src/webview-ui/filter';
import { STATUS_KEYS, statusStyle } from '../../../src/webview-ui/style';
import { chain, fanOut } from '../builders';

describe('panel webview: camera', () => {
  const t = normalizeTask(fanOut(20, { branchLength: 5 }).build());
  const dag = buildDag(t);
  const layout = layoutDag(dag);
  const cam = (): CameraState => {
    const c = new CameraState(() => layout, () => dag.roots[0]);
    c.width = 800;
    c.height = 600;
    return c;
  };

  it('zooms about a point: the layout point under it stays under it', () => {
    const c = cam();
    c.set({ x: 100, y: 50, s: 1 });
    const before = { x: c.cam.x + 200 / c.cam.s, y: c.cam.y + 150 / c.cam.s };
    c.zoomBy(1.5, 200, 150);
    assert.ok(Math.abs(c.cam.x + 200 / c.cam.s - before.x) < 1e-9);
    assert.ok(Math.abs(c.cam.y + 150 / c.cam.s - before.y) < 1e-9);
    assert.equal(c.cam.s, 1.5);
  });

  it('on a resize keeps the centre in the centre, and the selected node in view', () => {
    const c = cam();
    c.set({ x: 100, y: 50, s: 2 });
    const centre = { x: c.cam.x + 400 / 2, y: c.cam.y + 300 / 2 };
    c.resize(400, 600);
    assert.ok(Math.abs(c.cam.x + 200 / 2 - centre.x) < 1e-9 && Math.abs(c.cam.y + 300 / 2 - centre.y) < 1e-9);
    // The details pane narrows the canvas to 300 px: a node that ended up outside is brought back in view.
    const n = layout.nodes[layout.nodes.length - 1];
    c.set({ s: 1, x: n.x - 500, y: n.y - 100 });
    c.resize(300, 600, layout.nodes.length - 1);
    assert.ok(n.x >= c.cam.x && n.x + n.w <= c.cam.x + 300 / c.cam.s, 'the selected node is inside the narrowed canvas');
  });

  it('clamps the zoom between the fit scale (or 2 %) and 400 %', () => {
    const c = cam();
    c.zoomTo(100);
    assert.equal(c.cam.s, MAX_SCALE);
    c.zoomTo(0);
    assert.equal(c.cam.s, Math.min(0.02, c.fitScale()));
  });

  it('fit shows the whole layout, centred, never above 100 %', () => {
    const c = cam();
    assert.ok(c.fit());
    const v = c.visible();
    assert.ok(v.w >= layout.width - 1e-6 && v.h >= layout.height - 1e-6);
    assert.ok(Math.abs(v.x + v.w / 2 - layout.width / 2) < 1e-6);
    assert.ok(c.cam.s <= 1);
  });

  it('centres a node, and ensureVisible moves only when the node is (partly) outside', () => {
    const c = cam();
    const i = dag.order[dag.order.length - 1];
    assert.ok(c.centerOn(i, 1));
    const r = c.toScreen(i)!;
    assert.ok(Math.abs(r.left + r.width / 2 - 400) < 1e-6 && Math.abs(r.top + r.height / 2 - 300) < 1e-6);
    const at = { ...c.cam };
    assert.equal(c.ensureVisible(i), false);
    assert.deepEqual(c.cam, at);
    c.panBy(-5000, 0);
    assert.equal(c.ensureVisible(i), true);
  });

  it('says whether the camera moved: centring, fitting or showing the top again where it is asks no redraw', () => {
    const c = cam();
    const i = dag.order[1];
    assert.equal(c.centerOn(i, 1), true);
    assert.equal(c.centerOn(i, 1), false, 'already centred there');
    assert.equal(c.centerOn(i), false, 'at the same scale');
    assert.equal(c.fit(), true);
    assert.equal(c.fit(), false, 'already fitted');
    assert.equal(c.showTop(), true);
    assert.equal(c.showTop(), false, 'already at the top');
  });

  it('showTop puts the top of the graph at 100 % over the first root; nothing without a layout', () => {
    const c = cam();
    assert.ok(c.showTop());
    assert.equal(c.cam.s, 1);
    assert.equal(c.cam.y, 0);
    const empty = new CameraState(() => undefined, () => undefined);
    assert.equal(empty.fit(), false);
    assert.equal(empty.showTop(), false);
    assert.equal(empty.centerOn(0), false);
  });
});

describe('panel webview: filter', () => {
  const t = normalizeTask(chain(6).build());
  const dag = buildDag(t);
  const subs = dag.nodes.slice();
  subs[2] = { ...subs[2], name: 'Install OBServer', status: 'FAILED' };
  subs[4] = { ...subs[4], name: 'Install OBProxy' };
  const status = new Uint8Array(subs.map((s) => statusStyle(s.status).index));
  const input = { subs, status, order: dag.order };
  const failed = STATUS_KEYS.indexOf('FAILED');

  it('no query and no chip: no filter at all', () => {
    assert.deepEqual(computeFilter(input, '  ', new Set()), { matches: [], query: '' });
    assert.deepEqual(computeFilter(undefined, 'x', new Set([1])), { matches: [], query: 'x' });
  });

  it('a query dims the others and lists the matches in topological order', () => {
    const f = computeFilter(input, ' INSTALL ', new Set());
    assert.equal(f.query, 'install');
    assert.deepEqual(f.matches, [2, 4].sort((a, b) => dag.position[a] - dag.position[b]));
    assert.deepEqual([...f.dim!], subs.map((_, i) => (i === 2 || i === 4 ? 0 : 1)));
    assert.deepEqual([...f.match!], subs.map((_, i) => (i === 2 || i === 4 ? 1 : 0)));
  });

  it('chips keep only the chosen statuses, and combine with the query', () => {
    const chips = computeFilter(input, '', new Set([failed]));
    assert.deepEqual([...chips.dim!], subs.map((_, i) => (i === 2 ? 0 : 1)));
    assert.equal(chips.match, undefined);
    assert.deepEqual(chips.matches, []);
    const both = computeFilter(input, 'install', new Set([failed]));
    assert.deepEqual(both.matches, [2]);
  });

  it('steps through matches with wrap-around both ways', () => {
    assert.equal(stepMatch(-1, 3, false), 0);
    assert.equal(stepMatch(2, 3, false), 0);
    assert.equal(stepMatch(0, 3, true), 2);
    assert.equal(stepMatch(5, 0, false), -1);
  });
});

describe('panel webview: banner texts', () => {
  const s = { brokenGraph: 'Broken: {0}', andMore: 'and {0} more.', authStopped: 'auth', rateLimited: 'rate', pollError: 'error: {0}' };

  it('spells out three problems and counts the rest', () => {
    assert.equal(problemText(s, []), '');
    assert.equal(problemText(s, ['a.', 'b.']), 'Broken: a. b.');
    assert.equal(problemText(s, ['a.', 'b.', 'c.', 'd.', 'e.']), 'Broken: a. b. c. and 2 more.');
  });

  it('names the poll state that needs words', () => {
    assert.equal(pollText(s, { state: 'stopped:auth' }), 'auth');
    assert.equal(pollText(s, { state: 'rateLimited' }), 'rate');
    assert.equal(pollText(s, { state: 'backoff', error: 'timeout' }), 'error: timeout');
    assert.equal(pollText(s, { state: 'backoff' }), '');
    assert.equal(pollText(s, { state: 'polling' }), '');
  });

  it('says whether a snapshot has a banner to show (the header comes in with it)', () => {
    const task = { issues: [] as string[] } as unknown as Task;
    assert.equal(hasBannerText(s, { state: 'polling', task }, []), false);
    assert.equal(hasBannerText(s, { state: 'polling', task }, ['a cycle.']), true);
    assert.equal(hasBannerText(s, { state: 'polling', task: { ...task, issues: ['subtask at position 3 has no id; ignored'] } }, []), true);
    assert.equal(hasBannerText(s, { state: 'rateLimited', task }, []), true);
    // Without a task the placeholder says it, not a banner.
    assert.equal(hasBannerText(s, { state: 'rateLimited' }, []), false);
  });
});
