// The baseline task graph for the panel benchmark, as a straightforward implementation would build it:
// @dagrejs/dagre computes the layout from upstreams, then every node and edge becomes SVG (a group with a
// rect and two texts per subtask, a circle per "Wait node", a path with an arrow per edge). Pan and zoom
// set the transform of one root group; a status update rewrites the attributes of the changed nodes and
// of the edges into them.
import { Graph, layout } from '@dagrejs/dagre';
import type { Task } from '../../src/core/model/task';

const SVG = 'http://www.w3.org/2000/svg';

export interface Camera {
  x: number;
  y: number;
  s: number;
}

interface NodeEls {
  shape: SVGElement;
  status?: SVGTextElement;
  /** Edges ending in this node (coloured by their target's status). */
  inEdges: SVGPathElement[];
}

export interface BaselineView {
  update(task: Task): void;
  setCamera(c: Camera): void;
  camera(): Camera;
  dispose(): void;
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function colours(): Record<string, string> {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    FAILED: v('--vscode-testing-iconFailed'),
    RUNNING: v('--vscode-progressBar-background'),
    CANCELING: v('--vscode-charts-orange'),
    READY: v('--vscode-charts-yellow'),
    PENDING: v('--vscode-descriptionForeground'),
    SUCCESSFUL: v('--vscode-testing-iconPassed'),
    UNKNOWN: v('--vscode-disabledForeground'),
    background: v('--vscode-editorWidget-background'),
    foreground: v('--vscode-foreground'),
  };
}

export function mountBaseline(container: HTMLElement, task: Task): BaselineView {
  const c = colours();
  const g = new Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 36, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(task.subtasks.map((s) => s.id));
  for (const s of task.subtasks) g.setNode(String(s.id), s.isWaitNode ? { width: 14, height: 14 } : { width: 200, height: 36 });
  for (const s of task.subtasks) for (const u of s.upstreams) if (ids.has(u)) g.setEdge(String(u), String(s.id));
  layout(g);

  const svg = el('svg', { width: '100%', height: '100%' });
  svg.style.display = 'block';
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: c.foreground }));
  defs.append(marker);
  const root = el('g', {});
  svg.append(defs, root);

  const byId = new Map<number, NodeEls>();
  const status = new Map<number, string>();
  const edgesLayer = el('g', {});
  const nodesLayer = el('g', {});
  root.append(edgesLayer, nodesLayer);
  for (const s of task.subtasks) {
    const n = g.node(String(s.id)) as { x: number; y: number; width: number; height: number };
    const colour = c[s.status] ?? c.UNKNOWN;
    status.set(s.id, s.status);
    if (s.isWaitNode) {
      const shape = el('circle', { cx: n.x, cy: n.y, r: n.width / 2, fill: colour, stroke: colour });
      nodesLayer.append(shape);
      byId.set(s.id, { shape, inEdges: [] });
      continue;
    }
    const group = el('g', { transform: `translate(${n.x - n.width / 2},${n.y - n.height / 2})` });
    const shape = el('rect', { width: n.width, height: n.height, rx: 3, fill: c.background, stroke: colour, 'stroke-width': 1.5 });
    const name = el('text', { x: 10, y: 15, 'font-size': 12, fill: c.foreground });
    name.textContent = s.name;
    const st = el('text', { x: 10, y: 29, 'font-size': 10, fill: colour });
    st.textContent = s.status;
    group.append(shape, name, st);
    nodesLayer.append(group);
    byId.set(s.id, { shape, status: st, inEdges: [] });
  }
  for (const e of g.edges()) {
    const points = (g.edge(e) as { points: { x: number; y: number }[] }).points;
    const target = Number(e.w);
    const colour = c[status.get(target) ?? 'UNKNOWN'] ?? c.UNKNOWN;
    const path = el('path', { d: `M${points.map((p) => `${p.x},${p.y}`).join('L')}`, fill: 'none', stroke: colour, 'stroke-width': 1.5, 'marker-end': 'url(#arrow)' });
    edgesLayer.append(path);
    byId.get(target)?.inEdges.push(path);
  }
  container.append(svg);

  let cam: Camera = { x: 0, y: 0, s: 1 };
  const apply = () => root.setAttribute('transform', `scale(${cam.s}) translate(${-cam.x},${-cam.y})`);
  apply();

  return {
    update(next: Task) {
      for (const s of next.subtasks) {
        if (status.get(s.id) === s.status) continue;
        const els = byId.get(s.id);
        if (!els) continue;
        status.set(s.id, s.status);
        const colour = c[s.status] ?? c.UNKNOWN;
        els.shape.setAttribute('stroke', colour);
        if (els.status) {
          els.status.setAttribute('fill', colour);
          els.status.textContent = s.status;
        } else els.shape.setAttribute('fill', colour);
        for (const p of els.inEdges) p.setAttribute('stroke', colour);
      }
    },
    setCamera(next: Camera) {
      cam = { ...next };
      apply();
    },
    camera: () => ({ ...cam }),
    dispose() {
      svg.remove();
    },
  };
}
