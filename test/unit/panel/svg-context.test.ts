// The SVG stand-in for the 2D context (svgContext.ts) that small graphs are drawn with: the Painter's calls
// become SVG markup with the same geometry, colours, dashes and opacity, text escaped; a whole graph drawn
// through it has a label and a status per subtask.
import * as assert from 'node:assert/strict';
import { buildDag, layoutDag, normalizeTask } from '../../../src/core/model';
import { Painter } from '../../../src/webview-ui/draw';
import type { GraphModel } from '../../../src/webview-ui/model';
import type { Palette } from '../../../src/webview-ui/palette';
import { STATUS_KEYS, statusStyle } from '../../../src/webview-ui/style';
import { SvgContext } from '../../../src/webview-ui/svgContext';
import { chain } from '../builders';

const PALETTE: Palette = {
  background: '#1f1f1f', foreground: '#cccccc', muted: '#9d9d9d', nodeBackground: '#202020', warning: '#cca700',
  border: '#313131', focus: '#0078d4', match: '#74879f', contrast: '', fontFamily: 'system-ui, "Ubuntu", sans-serif',
  status: Object.fromEntries(STATUS_KEYS.map((k, i) => [k, `#00000${i}`])) as Palette['status'],
};

describe('panel webview: SVG drawing of small graphs', () => {
  it('turns paths, fills, strokes, dashes and opacity into SVG with the same numbers', () => {
    const c = new SvgContext();
    c.beginPath();
    c.moveTo(1, 2);
    c.lineTo(3.14159, 4);
    c.bezierCurveTo(5, 6, 7, 8, 9, 10);
    c.closePath();
    c.strokeStyle = '#ff0000';
    c.lineWidth = 1.5;
    c.setLineDash([4, 3]);
    c.globalAlpha = 0.3;
    c.stroke();
    c.setLineDash([]);
    c.globalAlpha = 1;
    c.beginPath();
    c.rect(10, 20, 30, 40);
    c.fillStyle = '#00ff00';
    c.fill();
    assert.equal(c.markup(),
      '<path d="M1 2L3.14 4C5 6 7 8 9 10Z" fill="none" stroke="#ff0000" stroke-width="1.5" stroke-dasharray="4 3" opacity="0.3"/>'
      + '<path d="M10 20h30v40h-30Z" fill="#00ff00"/>');
    c.reset();
    assert.equal(c.markup(), '');
  });

  it('joins the outline of the path just filled to its element (same path, same opacity), and only then', () => {
    const c = new SvgContext();
    c.beginPath();
    c.rect(0, 0, 10, 10);
    c.fillStyle = '#111';
    c.fill();
    c.strokeStyle = '#222';
    c.setLineDash([5, 3]);
    c.stroke();
    c.setLineDash([]);
    assert.equal(c.markup(), '<path d="M0 0h10v10h-10Z" fill="#111" stroke="#222" stroke-width="1" stroke-dasharray="5 3"/>');
    // Another path, or the same one at another opacity, is an element of its own.
    c.reset();
    c.beginPath();
    c.rect(0, 0, 10, 10);
    c.fill();
    c.beginPath();
    c.rect(0, 0, 4, 10);
    c.stroke();
    c.fill();
    c.globalAlpha = 0.3;
    c.stroke();
    assert.equal(c.markup(), '<path d="M0 0h10v10h-10Z" fill="#111"/><path d="M0 0h4v10h-4Z" fill="none" stroke="#222" stroke-width="1"/>'
      + '<path d="M0 0h4v10h-4Z" fill="#111"/><path d="M0 0h4v10h-4Z" fill="none" stroke="#222" stroke-width="1" opacity="0.3"/>');
  });

  it('draws a whole turn of arc as a circle and a part of one as an arc', () => {
    const c = new SvgContext();
    c.beginPath();
    c.arc(50, 50, 10, 0, Math.PI * 2);
    c.fill();
    assert.match(c.markup(), /d="M60 50A10 10 0 1 1 40 50A10 10 0 1 1 60 50"/);
    c.reset();
    c.beginPath();
    c.arc(0, 0, 10, 0, Math.PI / 2);
    c.stroke();
    assert.match(c.markup(), /d="M10 0A10 10 0 0 1 0 10"/);
  });

  it('writes text with its font as presentation attributes (no inline style: the panel CSP) and escapes it', () => {
    const c = new SvgContext();
    c.font = '12px system-ui, "Ubuntu"';
    c.fillStyle = '#ccc';
    c.fillText('a <b> & "c"', 24, 15);
    assert.equal(c.markup(), '<text x="24" y="15" fill="#ccc" font-size="12" font-family="system-ui, &#34;Ubuntu&#34;">a &#60;b&#62; &#38; &#34;c&#34;</text>');
    assert.ok(!c.markup().includes('style='));
    // A text in the family the SVG's root sets inherits it.
    c.reset();
    c.inheritedFontFamily = 'system-ui, "Ubuntu"';
    c.fillText('x', 1, 2);
    c.font = '12px serif';
    c.fillText('y', 1, 2);
    assert.equal(c.markup(), '<text x="1" y="2" fill="#ccc" font-size="12">x</text><text x="1" y="2" fill="#ccc" font-size="12" font-family="serif">y</text>');
    assert.ok(c.measureText('abcd').width > c.measureText('ab').width);
  });

  it('draws every subtask of a small graph with its name and status, a dimmed one faded', () => {
    const task = normalizeTask(chain(3).build());
    const dag = buildDag(task);
    const layout = layoutDag(dag);
    const status = new Uint8Array(dag.nodes.length);
    dag.nodes.forEach((n, i) => (status[i] = statusStyle(n.status).index));
    const m: GraphModel = { dag, layout, subs: dag.nodes.slice(), status, statusLabel: (i) => `status ${i}` };
    const c = new SvgContext();
    const dim = new Uint8Array(dag.nodes.length);
    dim[1] = 1;
    const view = { x: -100, y: -100, w: layout.width + 200, h: layout.height + 200 };
    new Painter(c).draw(m, PALETTE, { dim }, dag.nodes.map((_, i) => i), layout.edges.map((_, i) => i), 1, view);
    const svg = c.markup();
    for (let i = 0; i < dag.nodes.length; i++) {
      assert.ok(svg.includes(`>status ${i}</text>`), `status of node ${i}`);
      assert.ok(svg.includes(`>${dag.nodes[i].name}</text>`), `name of node ${i}`);
    }
    assert.match(svg, /opacity="0\.3">status 1<\/text>/, 'the dimmed node is faded');
    assert.doesNotMatch(svg, /opacity="0\.3">status 0<\/text>/);
    assert.ok((svg.match(/<path /g) ?? []).length >= 2, 'edges and node boxes are paths');
  });
});
