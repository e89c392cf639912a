// Exports of the task graph: Mermaid and SVG text with every name escaped for its syntax.
import * as assert from 'node:assert/strict';
import { buildDag, layoutDag, normalizeTask } from '../../../src/core/model';
import { escapeMermaid, escapeXml, toMermaid, toSvg, type ExportPalette } from '../../../src/webview-ui/export';
import { STATUS_KEYS, type StatusKey } from '../../../src/webview-ui/style';
import { taskBuilder } from '../builders';

const palette: ExportPalette = {
  background: '#1f1f1f',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  nodeBackground: '#202020',
  warning: '#cca700',
  status: Object.fromEntries(STATUS_KEYS.map((k, i) => [k, `#00000${i}`])) as Record<StatusKey, string>,
};

const evil = 'Install "x" <script>alert(1)</script> & #1 `md`';
const task = normalizeTask(taskBuilder()
  .withSubtask({ id: 1, name: evil, status: 'SUCCESSFUL' })
  .withSubtask({ id: 2, name: 'Wait node', upstreams: [1], status: 'FAILED' })
  .withSubtask({ id: 3, name: 'Next\nline', upstreams: [2], status: 'PAUSED' })
  .build());
const dag = buildDag(task);
const statusText = (i: number) => (dag.nodes[i].status === 'UNKNOWN' ? dag.nodes[i].rawStatus : dag.nodes[i].status);

describe('panel webview: escaping', () => {
  it('escapes XML text and attributes, dropping characters XML cannot hold', () => {
    assert.equal(escapeXml(`a<b>&"c"'d'`), 'a&#60;b&#62;&#38;&#34;c&#34;&#39;d&#39;');
    assert.equal(escapeXml('bell\u0007 tab\t nl\n'), 'bell tab\t nl\n');
    assert.equal(escapeXml('lone \uD800 surrogate, pair \uD83D\uDE00'), 'lone  surrogate, pair \uD83D\uDE00');
  });

  it('escapes Mermaid labels with entity codes and flattens line breaks', () => {
    assert.equal(escapeMermaid('say "hi" <b> & #x `y`'), 'say #34;hi#34; #60;b#62; #38; #35;x #96;y#96;');
    assert.equal(escapeMermaid('a\r\nb\tc'), 'a b c');
  });
});

describe('panel webview: Mermaid export', () => {
  const text = toMermaid({ dag, subtasks: dag.nodes, statusText, palette: palette.status });

  it('is a top-down flowchart with one node per subtask and one edge per dependency', () => {
    const lines = text.trim().split('\n');
    assert.equal(lines[0], 'flowchart TD');
    assert.ok(lines.includes('  s1 --> s2'));
    assert.ok(lines.includes('  s2 --> s3'));
    assert.match(text, /^ {2}s2\(\("Wait node · FAILED"\)\):::failed$/m);
  });

  it('never lets a name break out of its label', () => {
    const line = text.split('\n').find((l) => l.startsWith('  s1['))!;
    assert.equal((line.match(/"/g) ?? []).length, 2, line);
    assert.doesNotMatch(line, /<script>|`/);
    assert.match(text, /s3\["Next line · PAUSED"\]:::unknown/);
  });

  it('styles each status present with its colour, dashing the unknown one', () => {
    assert.match(text, /classDef successful stroke:#000005,stroke-width:2px$/m);
    assert.match(text, /classDef unknown stroke:#000006,stroke-width:2px,stroke-dasharray:4 3$/m);
    assert.doesNotMatch(text, /classDef running/);
  });

  it('leaves out colours that are not plain hex (Mermaid styles are comma-separated)', () => {
    const t = toMermaid({ dag, subtasks: dag.nodes, statusText, palette: { FAILED: 'rgba(1, 2, 3, 0.5)' } });
    assert.match(t, /classDef failed stroke-width:2px$/m);
  });

  it('draws an edge left out to break a cycle dotted', () => {
    const cyc = normalizeTask(taskBuilder().withSubtask({ id: 1, upstreams: [2] }).withSubtask({ id: 2, upstreams: [1] }).build());
    const d = buildDag(cyc);
    const t = toMermaid({ dag: d, subtasks: d.nodes, statusText: () => 'x' });
    assert.equal((t.match(/ -\.-> /g) ?? []).length, 1);
    assert.equal((t.match(/ --> /g) ?? []).length, 1);
  });
});

describe('panel webview: SVG export', () => {
  const layout = layoutDag(dag);
  const svg = toSvg({ title: `Task <${evil}>`, layout, subtasks: dag.nodes, statusText, palette });

  it('is one <svg> element of the layout size', () => {
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    assert.ok(svg.trim().endsWith('</svg>'));
    assert.equal((svg.match(/<polyline /g) ?? []).length, layout.edges.length);
    assert.equal((svg.match(/<circle /g) ?? []).length, 1, 'the wait node is a circle');
  });

  it('contains no markup from the data', () => {
    assert.doesNotMatch(svg, /<script|<b>/);
    assert.ok(svg.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
    // Every tag in the output is one the exporter writes.
    const tags = new Set([...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]));
    assert.deepEqual([...tags].sort(), ['circle', 'defs', 'g', 'marker', 'path', 'polyline', 'rect', 'svg', 'text', 'title']);
  });

  it('colours edges by their target status and uses the palette', () => {
    const failedColour = palette.status.FAILED;
    assert.ok(svg.includes(`stroke="${failedColour}" marker-end="url(#arrow-FAILED)"`));
    assert.ok(svg.includes(`fill="${palette.background}"`));
  });

  it('draws edges broken out of a cycle dashed', () => {
    const out = toSvg({ title: 't', layout, subtasks: dag.nodes, statusText, palette, brokenEdges: [{ source: 3, target: 1 }] });
    assert.equal((out.match(/<line [^>]*stroke-dasharray/g) ?? []).length, 1);
  });
});
