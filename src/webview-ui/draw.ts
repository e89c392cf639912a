// Drawing the graph on its 2D context, batched by colour (one path per status and dimming): edges with
// arrows, edges broken to undo a cycle, nodes (full or, zoomed far out, plain blocks), search matches and
// the selection. Labels are truncated to the node width once per name and width.
import type { Rect } from '../core/model/layout';
import type { GraphModel } from './model';
import type { Palette } from './palette';
import { STATUS_KEYS, statusStyle } from './style';
import type { PaintContext } from './svgContext';

/** Below this zoom nodes are drawn as coloured blocks without text. */
export const COMPACT_SCALE = 0.45;
const GROUPS = STATUS_KEYS.length * 2;

interface Clip {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** What to draw besides the model: filter state and the selection. */
export interface Marks {
  dim?: Uint8Array;
  match?: Uint8Array;
  selected?: number;
}

/** The font of the subtasks' names, the text that is measured (to be cut to its box). */
export function labelFont(family: string): string {
  return `12px ${family}`;
}

export class Painter {
  private labels: (string | undefined)[] = [];
  /** Truncated labels by width and name: OCP tasks repeat names ("Wait node", per-host steps) many times. */
  private readonly truncated = new Map<string, string>();
  private readonly groups: number[][] = Array.from({ length: GROUPS }, () => []);
  private dim?: Uint8Array;
  private match?: Uint8Array;
  private selected?: number;
  private model?: GraphModel;

  constructor(private readonly ctx: PaintContext) {}

  /** Drops every cached label (new palette or font, new layout). */
  forgetLabels(all: boolean): void {
    this.labels = [];
    if (all) this.truncated.clear();
  }

  /** Forgets the cached labels of nodes whose name changed. */
  renamed(indices: readonly number[]): void {
    for (const i of indices) this.labels[i] = undefined;
  }

  /**
   * Draws the culled `nodes` and `edges` with the context already transformed to layout coordinates at
   * zoom `s`.
   */
  draw(m: GraphModel, p: Palette, marks: Marks, nodes: number[], edges: number[], s: number, view: Rect): void {
    this.model = m;
    this.dim = marks.dim;
    this.match = marks.match;
    this.selected = marks.selected;
    const lw = Math.max(1.5, 1 / s);
    this.drawEdges(m, p, edges, s, lw, view);
    this.drawBroken(m, p, lw, view);
    if (s < COMPACT_SCALE) this.drawCompact(m, p, nodes);
    else this.drawFull(m, p, nodes, lw);
    this.drawMarks(m, p, nodes, lw);
  }

  alpha(i: number): number {
    return this.dim && this.dim[i] ? 0.3 : 1;
  }

  /**
   * Adds the part of a polyline inside `clip` to the current path. An edge of a wide fan-out can be millions
   * of pixels long; handing the canvas only the visible part keeps rasterising cheap whatever the layout size.
   */
  private clippedPolyline(pts: readonly number[], clip: Clip): void {
    const ctx = this.ctx;
    let open = false; // the path ends at this segment's start
    for (let i = 0; i + 3 < pts.length; i += 2) {
      const ax = pts[i];
      const ay = pts[i + 1];
      const dx = pts[i + 2] - ax;
      const dy = pts[i + 3] - ay;
      // Liang–Barsky: the segment a + t·d, t in [t0, t1], inside the rectangle.
      let t0 = 0;
      let t1 = 1;
      const edge = (p: number, q: number): boolean => {
        if (p === 0) return q >= 0;
        const r = q / p;
        if (p < 0) {
          if (r > t1) return false;
          if (r > t0) t0 = r;
        } else {
          if (r < t0) return false;
          if (r < t1) t1 = r;
        }
        return true;
      };
      if (!(edge(-dx, ax - clip.x0) && edge(dx, clip.x1 - ax) && edge(-dy, ay - clip.y0) && edge(dy, clip.y1 - ay))) {
        open = false;
        continue;
      }
      if (!open || t0 > 0) ctx.moveTo(ax + t0 * dx, ay + t0 * dy);
      ctx.lineTo(ax + t1 * dx, ay + t1 * dy);
      open = t1 === 1;
    }
  }

  private drawEdges(m: GraphModel, p: Palette, edges: number[], s: number, lw: number, view: Rect): void {
    const pad = 16 / s;
    const clip: Clip = { x0: view.x - pad, y0: view.y - pad, x1: view.x + view.w + pad, y1: view.y + view.h + pad };
    const ctx = this.ctx;
    const groups = this.groups;
    for (const g of groups) g.length = 0;
    for (const k of edges) {
      const e = m.layout.edges[k];
      const dimmed = this.dim && (this.dim[e.to] || this.dim[e.from]) ? 1 : 0;
      groups[m.status[e.to] * 2 + dimmed].push(k);
    }
    const arrows = s >= 0.3;
    ctx.lineWidth = lw;
    ctx.setLineDash([]);
    for (let g = 0; g < GROUPS; g++) {
      const list = groups[g];
      if (list.length === 0) continue;
      const colour = p.status[STATUS_KEYS[g >> 1]];
      ctx.globalAlpha = g & 1 ? 0.25 : 1;
      ctx.strokeStyle = colour;
      ctx.beginPath();
      for (const k of list) this.clippedPolyline(m.layout.edges[k].points, clip);
      ctx.stroke();
      if (!arrows) continue;
      ctx.fillStyle = colour;
      ctx.beginPath();
      for (const k of list) {
        const pts = m.layout.edges[k].points;
        const n = pts.length;
        const ex = pts[n - 2];
        const ey = pts[n - 1];
        if (ex < clip.x0 || ex > clip.x1 || ey < clip.y0 || ey > clip.y1) continue;
        const ang = Math.atan2(ey - pts[n - 3], ex - pts[n - 4]);
        const a = 7;
        ctx.moveTo(ex, ey);
        ctx.lineTo(ex - a * Math.cos(ang - 0.45), ey - a * Math.sin(ang - 0.45));
        ctx.lineTo(ex - a * Math.cos(ang + 0.45), ey - a * Math.sin(ang + 0.45));
        ctx.closePath();
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }

  /** Edges left out to break a cycle: dashed, in the warning colour, centre to centre. */
  private drawBroken(m: GraphModel, p: Palette, lw: number, view: Rect): void {
    const broken = m.layout.brokenEdges;
    if (broken.length === 0) return;
    const ctx = this.ctx;
    ctx.strokeStyle = p.warning;
    ctx.lineWidth = lw;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    const x1 = view.x + view.w;
    const y1 = view.y + view.h;
    for (const b of broken) {
      const f = m.layout.nodes[m.dag.indexOf.get(b.source) ?? -1];
      const t = m.layout.nodes[m.dag.indexOf.get(b.target) ?? -1];
      if (!f || !t) continue;
      // Only arcs whose box (ends and control points) meets the view: a task of many cycles has many.
      const left = Math.min(f.x, t.x);
      const right = Math.max(f.x + f.w, t.x + t.w) + 60;
      const top = Math.min(f.y, t.y);
      const bottom = Math.max(f.y + f.h, t.y + t.h);
      if (right < view.x || left > x1 || bottom < view.y || top > y1) continue;
      ctx.moveTo(f.x + f.w, f.y + f.h / 2);
      ctx.bezierCurveTo(f.x + f.w + 60, f.y + f.h / 2, t.x + t.w + 60, t.y + t.h / 2, t.x + t.w, t.y + t.h / 2);
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }

  private groupNodes(m: GraphModel, nodes: number[], filter: (i: number) => boolean): number[][] {
    const groups = this.groups;
    for (const g of groups) g.length = 0;
    for (const i of nodes) if (filter(i)) groups[m.status[i] * 2 + (this.dim && this.dim[i] ? 1 : 0)].push(i);
    return groups;
  }

  private drawCompact(m: GraphModel, p: Palette, nodes: number[]): void {
    const ctx = this.ctx;
    const groups = this.groupNodes(m, nodes, () => true);
    for (let g = 0; g < GROUPS; g++) {
      const list = groups[g];
      if (list.length === 0) continue;
      ctx.globalAlpha = g & 1 ? 0.25 : 1;
      ctx.fillStyle = p.status[STATUS_KEYS[g >> 1]];
      ctx.beginPath();
      for (const i of list) {
        const n = m.layout.nodes[i];
        ctx.rect(n.x, n.y, n.w, n.h);
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }

  private drawFull(m: GraphModel, p: Palette, nodes: number[], lw: number): void {
    const ctx = this.ctx;
    const L = m.layout.nodes;
    const isBox = (i: number): boolean => !m.subs[i].isWaitNode;
    // Backgrounds.
    for (const dimmed of [0, 1]) {
      ctx.globalAlpha = dimmed ? 0.3 : 1;
      ctx.fillStyle = p.nodeBackground;
      ctx.beginPath();
      for (const i of nodes) {
        if (!isBox(i) || (this.dim && this.dim[i] ? 1 : 0) !== dimmed) continue;
        const n = L[i];
        ctx.rect(n.x, n.y, n.w, n.h);
      }
      ctx.fill();
    }
    // Borders, status stripes and wait nodes, by colour.
    const groups = this.groupNodes(m, nodes, () => true);
    ctx.lineWidth = lw;
    for (let g = 0; g < GROUPS; g++) {
      const list = groups[g];
      if (list.length === 0) continue;
      const st = statusStyle(STATUS_KEYS[g >> 1]);
      ctx.globalAlpha = g & 1 ? 0.3 : 1;
      ctx.strokeStyle = ctx.fillStyle = p.status[st.key];
      ctx.setLineDash(st.dashed ? [5, 3] : []);
      ctx.beginPath();
      for (const i of list) {
        const n = L[i];
        if (isBox(i)) ctx.rect(n.x, n.y, n.w, n.h);
        else {
          ctx.moveTo(n.x + n.w, n.y + n.h / 2);
          ctx.arc(n.x + n.w / 2, n.y + n.h / 2, n.w / 2, 0, Math.PI * 2);
        }
      }
      ctx.stroke();
      ctx.beginPath();
      for (const i of list) {
        const n = L[i];
        if (isBox(i)) ctx.rect(n.x, n.y, 4, n.h);
        else {
          ctx.moveTo(n.x + n.w / 2 + n.w / 2 - 2, n.y + n.h / 2);
          ctx.arc(n.x + n.w / 2, n.y + n.h / 2, n.w / 2 - 2, 0, Math.PI * 2);
        }
      }
      ctx.fill();
    }
    ctx.setLineDash([]);
    // Text: icons, names, statuses; one font per pass.
    const font = p.fontFamily;
    ctx.textBaseline = 'alphabetic';
    ctx.font = `13px ${font}`;
    for (let g = 0; g < GROUPS; g++) {
      const list = groups[g];
      if (list.length === 0) continue;
      const st = statusStyle(STATUS_KEYS[g >> 1]);
      ctx.globalAlpha = g & 1 ? 0.3 : 1;
      ctx.fillStyle = p.status[st.key];
      for (const i of list) if (isBox(i)) ctx.fillText(st.icon, L[i].x + 9, L[i].y + 17);
    }
    ctx.font = labelFont(font);
    ctx.fillStyle = p.foreground;
    for (const i of nodes) {
      if (!isBox(i)) continue;
      ctx.globalAlpha = this.alpha(i);
      ctx.fillText(this.label(i, L[i].w - 32), L[i].x + 24, L[i].y + 15);
    }
    ctx.font = `10px ${font}`;
    ctx.fillStyle = p.muted;
    for (const i of nodes) {
      if (!isBox(i)) continue;
      ctx.globalAlpha = this.alpha(i);
      ctx.fillText(m.statusLabel(i), L[i].x + 24, L[i].y + 29);
    }
    ctx.globalAlpha = 1;
  }

  /** Search matches and the selected node, outlined. */
  private drawMarks(m: GraphModel, p: Palette, nodes: number[], lw: number): void {
    const ctx = this.ctx;
    const L = m.layout.nodes;
    if (this.match) {
      ctx.strokeStyle = p.match;
      ctx.lineWidth = lw * 2;
      ctx.beginPath();
      for (const i of nodes) if (this.match[i]) ctx.rect(L[i].x - 3, L[i].y - 3, L[i].w + 6, L[i].h + 6);
      ctx.stroke();
    }
    const sel = this.selected;
    if (sel !== undefined && L[sel]) {
      ctx.strokeStyle = p.focus;
      ctx.lineWidth = lw * 2;
      ctx.strokeRect(L[sel].x - 2, L[sel].y - 2, L[sel].w + 4, L[sel].h + 4);
    }
  }

  private label(i: number, max: number): string {
    const cached = this.labels[i];
    if (cached !== undefined) return cached;
    const name = this.model?.subs[i].name ?? '';
    const key = `${max}\u0000${name}`;
    const known = this.truncated.get(key);
    if (known !== undefined) return (this.labels[i] = known);
    let out = name;
    if (this.ctx.measureText(name).width > max) {
      let lo = 0;
      let hi = name.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.ctx.measureText(`${name.slice(0, mid)}\u2026`).width <= max) lo = mid;
        else hi = mid - 1;
      }
      out = `${name.slice(0, lo)}\u2026`;
    }
    this.truncated.set(key, out);
    this.labels[i] = out;
    return out;
  }
}
