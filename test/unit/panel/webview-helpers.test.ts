// Pure helpers of the task panel's webview: status styles, search, keyboard navigation along edges.
import * as assert from 'node:assert/strict';
import { buildDag, layoutDag, normalizeTask } from '../../../src/core/model';
import { fmt } from '../../../src/webview-ui/format';
import { navDirection, navigate } from '../../../src/webview-ui/nav';
import { matchIndices, normalizeQuery, subtaskMatches } from '../../../src/webview-ui/search';
import { STATUS_KEYS, statusClass, statusKey, statusStyle, statusText } from '../../../src/webview-ui/style';
import { taskBuilder } from '../builders';

describe('panel webview: status styles', () => {
  it('gives each status its own icon and theme colours only', () => {
    const icons = STATUS_KEYS.map((k) => statusStyle(k).icon);
    assert.equal(new Set(icons).size, STATUS_KEYS.length);
    for (const k of STATUS_KEYS) {
      const st = statusStyle(k);
      assert.equal(st.key, k);
      assert.ok(st.colorVars.length > 0);
      for (const v of st.colorVars) assert.match(v, /^--vscode-[\w-]+$/);
    }
  });

  it('animates running and canceling only; dashes not-yet-started and unknown', () => {
    assert.deepEqual(STATUS_KEYS.filter((k) => statusStyle(k).animated), ['RUNNING', 'CANCELING']);
    assert.deepEqual(STATUS_KEYS.filter((k) => statusStyle(k).dashed).sort(), ['PENDING', 'READY', 'UNKNOWN']);
  });

  it('shows a status it does not know in grey with its raw label', () => {
    assert.equal(statusKey('PAUSED'), 'UNKNOWN');
    assert.equal(statusKey('UNKNOWN'), 'UNKNOWN');
    assert.equal(statusClass('PAUSED'), 'st-UNKNOWN');
    assert.deepEqual(statusStyle('PAUSED').colorVars, statusStyle('UNKNOWN').colorVars);
    assert.match(statusStyle('UNKNOWN').colorVars[0], /disabledForeground/);
    assert.equal(statusText({ status: 'UNKNOWN', rawStatus: 'PAUSED' }, { 'status.UNKNOWN': 'Unknown' }), 'PAUSED');
    assert.equal(statusText({ status: 'UNKNOWN', rawStatus: '' }, { 'status.UNKNOWN': 'Unknown' }), 'Unknown');
  });

  it('uses the translated name of a known status', () => {
    assert.equal(statusText({ status: 'FAILED', rawStatus: 'FAILED' }, { 'status.FAILED': '失败' }), '失败');
    assert.equal(statusText({ status: 'FAILED' }, {}), 'FAILED');
  });

  it('fills templates from the host', () => {
    assert.equal(fmt('{0} of {1}', 3, 12), '3 of 12');
    assert.equal(fmt('{1}/{0} {2}', 'a', 'b'), 'b/a {2}');
  });
});

describe('panel webview: search', () => {
  const subs = [
    { id: 101, name: 'Install OBServer', description: 'Install the <b>package</b>' },
    { id: 202, name: 'Wait node', description: undefined },
    { id: 303, name: 'Start observer', description: 'Start process' },
  ];

  it('matches names and descriptions case-insensitively', () => {
    assert.deepEqual(matchIndices(subs, 'observer'), [0, 2]);
    assert.deepEqual(matchIndices(subs, '  PACKAGE '), [0]);
    assert.deepEqual(matchIndices(subs, '<b>'), [0]);
  });

  it('matches ids, also written with #', () => {
    assert.deepEqual(matchIndices(subs, '202'), [1]);
    assert.deepEqual(matchIndices(subs, '#303'), [2]);
    assert.ok(!subtaskMatches(subs[0], '#10'));
  });

  it('matches nothing for an empty query', () => {
    assert.equal(normalizeQuery('   '), '');
    assert.deepEqual(matchIndices(subs, ''), []);
    assert.ok(!subtaskMatches(subs[0], ' '));
  });
});

describe('panel webview: keyboard navigation along edges', () => {
  // 1 → (2 ‖ 3) → 4 → 5, and a long edge 1 → 5.
  const task = normalizeTask(taskBuilder()
    .withSubtask({ id: 1, name: 'root' })
    .withSubtask({ id: 2, name: 'left', upstreams: [1], parallelIdx: 0 })
    .withSubtask({ id: 3, name: 'right', upstreams: [1], parallelIdx: 1 })
    .withSubtask({ id: 4, name: 'join', upstreams: [2, 3] })
    .withSubtask({ id: 5, name: 'end', upstreams: [4, 1] })
    .build());
  const dag = buildDag(task);
  const layout = layoutDag(dag);
  const at = (id: number) => dag.indexOf.get(id)!;
  const go = (id: number, dir: 'up' | 'down' | 'left' | 'right') => dag.nodes[navigate(dag, layout, at(id), dir)].id;

  it('goes down to a child and up to a parent', () => {
    assert.ok([2, 3].includes(go(1, 'down')));
    assert.equal(go(2, 'down'), 4);
    assert.equal(go(4, 'up') === 2 || go(4, 'up') === 3, true);
    assert.equal(go(4, 'down'), 5);
    assert.equal(go(2, 'up'), 1);
  });

  it('moves to the parent drawn nearest horizontally', () => {
    const l = layout.nodes;
    const nearest = [2, 3].reduce((a, b) => (Math.abs(l[at(a)].x - l[at(4)].x) <= Math.abs(l[at(b)].x - l[at(4)].x) ? a : b));
    assert.equal(go(4, 'up'), nearest);
  });

  it('goes left and right among the nodes of the same layer', () => {
    const row = layout.layers[layout.nodes[at(2)].layer].map((i) => dag.nodes[i].id);
    assert.deepEqual([...row].sort(), [2, 3]);
    assert.equal(go(row[0], 'right'), row[1]);
    assert.equal(go(row[1], 'left'), row[0]);
  });

  it('stays put where there is nowhere to go', () => {
    assert.equal(go(1, 'up'), 1);
    assert.equal(go(5, 'down'), 5);
    assert.equal(go(1, 'left'), 1);
    assert.equal(go(5, 'right'), 5);
  });

  it('maps arrow keys only', () => {
    assert.equal(navDirection('ArrowUp'), 'up');
    assert.equal(navDirection('ArrowRight'), 'right');
    assert.equal(navDirection('Enter'), undefined);
  });
});
