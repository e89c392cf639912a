// The graph renderer: one <canvas> for edges and nodes, drawn for the visible window only (viewportCull),
// batched by colour, redrawn on requestAnimationFrame after a pan, zoom or status change. A few DOM
// overlays sit on top: the keyboard cursor, a tooltip, and pulsing rings on running subtasks (CSS
// animation, off under prefers-reduced-motion). Zoomed far out, nodes become plain coloured blocks.
import type { Dag } from '../core/model/dag';
import { viewportCull, type Layout } from '../core/model/layout';
import type { Subtask } from '../core/model/task';
import { h } from './dom';
import { navDirection, navigate } from './nav';
import type { Palette } from './palette';
import { STATUS_KEYS, statusStyle } from './style';

export interface GraphModel {
  dag: Dag;
  layout: Layout;
  /** Current subtasks by node index (replaced on every snapshot). */
  subs: Subtask[];
  /** STATUS_KEYS index per node. */
  status: Uint8Array;
  /** The status text shown on node i. */
  statusLabel(i: number): string;
}

export interface GraphCallbacks {
  /** A node was clicked, or Enter was pressed on the cursor. */
  activate(i: number): void;
  /** The keyboard cursor moved (for announcements). */
  cursorMoved(i: number): void;
  /** The user panned or zoomed (auto-focus stops following). */
  userMoved(): void;
  /** Where the cursor starts when the user first presses an arrow key. */
  initialCursor(): number | undefined;
}

export interface Camera {
  /** Layout coordinates at the canvas' top-left corner, and the zoom factor. */
  x: number;
  y: number;
  s: number;
}

const MIN_SCALE = 0.02;
const MAX_SCALE = 4;
/** Below this zoom nodes are drawn as coloured blocks without text. */
const COMPACT_SCALE = 0.45;
const MAX_PULSES = 64;
const GROUPS = STATUS_KEYS.length * 2;

export class GraphCanvas {
  readonly element: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly overlay: HTMLDivElement;
  private readonly cursorEl: HTMLDivElement;
  private readonly tip: HTMLDivElement;
  private readonly pulses: HTMLDivElement[] = [];
  private readonly resizeObserver: ResizeObserver;
  private model?: GraphModel;
  private palette?: Palette;
  private labels: (string | undefined)[] = [];
  /** Truncated labels by width and name: OCP tasks repeat names ("Wait node", per-host steps) many times. */
  private truncated = new Map<string, string>();
  private cam: Camera = { x: 0, y: 0, s: 1 };
  private width = 0;
  private height = 0;
  private dpr = 1;
  private frame = 0;
  private dim?: Uint8Array;
  private match?: Uint8Array;
  private selected?: number;
  private cursor?: number;
  private drag?: { x: number; y: number; camX: number; camY: number; moved: boolean; id: number };
  private hoverAt?: { x: number; y: number };
  private readonly groups: number[][] = Array.from({ length: GROUPS }, () => []);

  constructor(private readonly callbacks: GraphCallbacks, label: string) {
    this.canvas = h('canvas', { 'aria-hidden': 'true' });
    this.cursorEl = h('div', { class: 'cursor', hidden: true });
    this.tip = h('div', { class: 'tip', hidden: true, role: 'tooltip' });
    this.overlay = h('div', { class: 'overlay', 'aria-hidden': 'true' }, this.cursorEl, this.tip);
    this.element = h('div', { class: 'graph', tabindex: 0, role: 'application', 'aria-label': label }, this.canvas, this.overlay);
    const ctx = this.canvas.getContext('2d', { alpha: true });
    if (!ctx) throw new Error('canvas 2D is not available');
    this.ctx = ctx;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.element);
    this.bindPointer();
    this.element.addEventListener('keydown', (e) => this.onKey(e));
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    if (this.frame) cancelAnimationFrame(this.frame);
  }

  setPalette(p: Palette): void {
    this.palette = p;
    this.labels = [];
    this.truncated.clear();
    this.requestDraw();
  }

  /** A new model; `layoutChanged` drops the per-node caches. */
  setModel(model: GraphModel | undefined, layoutChanged: boolean): void {
    this.model = model;
    if (layoutChanged) {
      this.labels = [];
      this.selected = undefined;
      this.cursor = undefined;
      this.dim = undefined;
      this.match = undefined;
    }
    this.requestDraw();
  }

  /** Forgets the cached (truncated) labels of nodes whose name changed. */
  renamed(indices: readonly number[]): void {
    for (const i of indices) this.labels[i] = undefined;
  }

  /** dim[i] = 1 draws node i faded; match[i] = 1 outlines it. Undefined: nothing dimmed / outlined. */
  setHighlight(dim: Uint8Array | undefined, match: Uint8Array | undefined): void {
    this.dim = dim;
    this.match = match;
    this.requestDraw();
  }

  setSelected(i: number | undefined): void {
    this.selected = i;
    this.requestDraw();
  }

  setCursor(i: number | undefined): void {
    this.cursor = i;
    this.requestDraw();
  }

  getCursor(): number | undefined {
    return this.cursor;
  }

  camera(): Camera {
    return { ...this.cam };
  }

  size(): { width: number; height: number } {
    return { width: this.width, height: this.height };
  }

  // ---- camera -------------------------------------------------------------------------------------

  private clampScale(s: number): number {
    return Math.min(MAX_SCALE, Math.max(Math.min(MIN_SCALE, this.fitScale()), s));
  }

  private fitScale(): number {
    const l = this.model?.layout;
    if (!l || l.width === 0 || this.width === 0) return 1;
    return Math.min(1, this.width / l.width, this.height / l.height);
  }

  /** Zooms by `factor` keeping the layout point under (px, py) (canvas pixels; default the centre) in place. */
  zoomBy(factor: number, px = this.width / 2, py = this.height / 2): void {
    this.zoomTo(this.cam.s * factor, px, py);
  }

  zoomTo(scale: number, px = this.width / 2, py = this.height / 2): void {
    const s = this.clampScale(scale);
    const lx = this.cam.x + px / this.cam.s;
    const ly = this.cam.y + py / this.cam.s;
    this.cam = { x: lx - px / s, y: ly - py / s, s };
    this.requestDraw();
  }

  panBy(dx: number, dy: number): void {
    this.cam = { ...this.cam, x: this.cam.x - dx / this.cam.s, y: this.cam.y - dy / this.cam.s };
    this.requestDraw();
  }

  setCamera(c: Camera): void {
    this.cam = { ...c, s: this.clampScale(c.s) };
    this.requestDraw();
  }

  /** Shows the whole graph (never above 100 %). */
  fit(): void {
    const l = this.model?.layout;
    if (!l) return;
    const s = this.clampScale(this.fitScale());
    this.cam = { s, x: l.width / 2 - this.width / (2 * s), y: l.height / 2 - this.height / (2 * s) };
    this.requestDraw();
  }

  /** Centres node i, at `scale` if given. */
  centerOn(i: number, scale?: number): void {
    const n = this.model?.layout.nodes[i];
    if (!n) return;
    const s = scale === undefined ? this.cam.s : this.clampScale(scale);
    this.cam = { s, x: n.x + n.w / 2 - this.width / (2 * s), y: n.y + n.h / 2 - this.height / (2 * s) };
    this.requestDraw();
  }

  /** Scrolls node i into view if any part of it is outside. */
  ensureVisible(i: number): void {
    const n = this.model?.layout.nodes[i];
    if (!n) return;
    const { x, y, s } = this.cam;
    const vw = this.width / s;
    const vh = this.height / s;
    if (n.x < x || n.y < y || n.x + n.w > x + vw || n.y + n.h > y + vh) this.centerOn(i);
  }

  /** The top of the graph at 100 %, centred on the first root. */
  showTop(): void {
    const l = this.model?.layout;
    const root = this.model?.dag.roots[0];
    if (!l || root === undefined) return;
    const n = l.nodes[root];
    this.cam = { s: 1, x: n.x + n.w / 2 - this.width / 2, y: 0 };
    this.requestDraw();
  }

  // ---- input --------------------------------------------------------------------------------------

  private local(e: { clientX: number; clientY: number }): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  /** The node under canvas point (px, py), if any. */
  hitTest(px: number, py: number): number | undefined {
    const m = this.model;
    if (!m) return undefined;
    const { x, y, s } = this.cam;
    const lx = x + px / s;
    const ly = y + py / s;
    const slack = 4 / s;
    const found = viewportCull(m.layout, { x: lx - slack, y: ly - slack, w: 2 * slack, h: 2 * slack }).nodes;
    let best: number | undefined;
    let bestD = Infinity;
    for (const i of found) {
      const n = m.layout.nodes[i];
      const d = Math.hypot(n.x + n.w / 2 - lx, n.y + n.h / 2 - ly);
      if (d < bestD) {
        best = i;
        bestD = d;
      }
    }
    return best;
  }

  private bindPointer(): void {
    const el = this.element;
    el.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      el.setPointerCapture(e.pointerId);
      this.drag = { x: e.clientX, y: e.clientY, camX: this.cam.x, camY: this.cam.y, moved: false, id: e.pointerId };
    });
    el.addEventListener('pointermove', (e) => {
      const d = this.drag;
      if (d && d.id === e.pointerId) {
        const dx = e.clientX - d.x;
        const dy = e.clientY - d.y;
        if (!d.moved && Math.hypot(dx, dy) > 3) {
          d.moved = true;
          this.element.classList.add('panning');
          this.hideTip();
          this.callbacks.userMoved();
        }
        if (d.moved) {
          this.cam = { ...this.cam, x: d.camX - dx / this.cam.s, y: d.camY - dy / this.cam.s };
          this.requestDraw();
        }
        return;
      }
      this.hoverAt = this.local(e);
      this.requestDraw();
    });
    const end = (e: PointerEvent, click: boolean): void => {
      const d = this.drag;
      if (!d || d.id !== e.pointerId) return;
      this.drag = undefined;
      this.element.classList.remove('panning');
      if (click && !d.moved) {
        const p = this.local(e);
        const i = this.hitTest(p.x, p.y);
        if (i !== undefined) {
          this.cursor = i;
          this.callbacks.activate(i);
          this.requestDraw();
        }
      }
    };
    el.addEventListener('pointerup', (e) => end(e, true));
    el.addEventListener('pointercancel', (e) => end(e, false));
    el.addEventListener('pointerleave', () => {
      this.hoverAt = undefined;
      this.hideTip();
    });
    el.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.hoverAt = undefined;
      this.hideTip();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.height : 1;
      const p = this.local(e);
      this.zoomBy(Math.exp(-e.deltaY * unit * 0.0015), p.x, p.y);
      this.callbacks.userMoved();
    }, { passive: false });
  }

  private onKey(e: KeyboardEvent): void {
    const m = this.model;
    if (!m || m.subs.length === 0) return;
    const dir = navDirection(e.key);
    if (dir) {
      e.preventDefault();
      const from = this.cursor ?? this.callbacks.initialCursor() ?? m.dag.order[0];
      const to = this.cursor === undefined ? from : navigate(m.dag, m.layout, from, dir);
      this.cursor = to;
      this.ensureVisible(to);
      this.callbacks.userMoved();
      this.callbacks.cursorMoved(to);
      this.requestDraw();
    } else if ((e.key === 'Enter' || e.key === ' ') && this.cursor !== undefined) {
      e.preventDefault();
      this.callbacks.activate(this.cursor);
    }
  }

  // ---- drawing ------------------------------------------------------------------------------------

  /** Reads the element's size now (also done on every resize); call once it is in the document. */
  measure(): void {
    this.resize();
  }

  private resize(): void {
    const r = this.element.getBoundingClientRect();
    const width = Math.max(0, Math.round(r.width));
    const height = Math.max(0, Math.round(r.height));
    const dpr = window.devicePixelRatio || 1;
    // The first ResizeObserver callback reports the size measure() already applied: resizing the canvas
    // again would reallocate its bitmap and draw a second time in the same frame.
    if (width === this.width && height === this.height && dpr === this.dpr && this.canvas.width > 0) return;
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    // Before the first snapshot there is nothing to draw (mount measures first, the snapshot draws).
    if (this.model) this.draw();
  }

  requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws now (and drops a pending frame). */
  drawNow(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
  }

  private draw(): void {
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const m = this.model;
    const p = this.palette;
    let pulses = 0;
    if (m && p && this.width > 0 && m.subs.length > 0) {
      const { x, y, s } = this.cam;
      const view = viewportCull(m.layout, { x, y, w: this.width / s, h: this.height / s });
      const k = this.dpr * s;
      ctx.setTransform(k, 0, 0, k, -x * k, -y * k);
      const lw = Math.max(1.5, 1 / s);
      this.drawEdges(m, p, view.edges, s, lw);
      this.drawBroken(m, p, lw);
      if (s < COMPACT_SCALE) this.drawCompact(m, p, view.nodes);
      else this.drawFull(m, p, view.nodes, lw);
      this.drawMarks(m, p, view.nodes, lw);
      pulses = this.placePulses(m, view.nodes);
    }
    for (let i = pulses; i < this.pulses.length; i++) this.pulses[i].hidden = true;
    this.placeCursor();
    this.updateTip();
  }

  private alpha(i: number): number {
    return this.dim && this.dim[i] ? 0.3 : 1;
  }

  private drawEdges(m: GraphModel, p: Palette, edges: number[], s: number, lw: number): void {
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
      for (const k of list) {
        const pts = m.layout.edges[k].points;
        ctx.moveTo(pts[0], pts[1]);
        for (let i = 2; i < pts.length; i += 2) ctx.lineTo(pts[i], pts[i + 1]);
      }
      ctx.stroke();
      if (!arrows) continue;
      ctx.fillStyle = colour;
      ctx.beginPath();
      for (const k of list) {
        const pts = m.layout.edges[k].points;
        const n = pts.length;
        const ex = pts[n - 2];
        const ey = pts[n - 1];
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
  private drawBroken(m: GraphModel, p: Palette, lw: number): void {
    const broken = m.layout.brokenEdges;
    if (broken.length === 0) return;
    const ctx = this.ctx;
    ctx.strokeStyle = p.warning;
    ctx.lineWidth = lw;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    for (const b of broken) {
      const f = m.layout.nodes[m.dag.indexOf.get(b.source) ?? -1];
      const t = m.layout.nodes[m.dag.indexOf.get(b.target) ?? -1];
      if (!f || !t) continue;
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
    ctx.font = `12px ${font}`;
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

  private toScreen(i: number): { left: number; top: number; width: number; height: number } | undefined {
    const n = this.model?.layout.nodes[i];
    if (!n) return undefined;
    const { x, y, s } = this.cam;
    return { left: (n.x - x) * s, top: (n.y - y) * s, width: n.w * s, height: n.h * s };
  }

  private placePulses(m: GraphModel, nodes: number[]): number {
    let used = 0;
    for (const i of nodes) {
      if (used >= MAX_PULSES) break;
      if (!statusStyle(STATUS_KEYS[m.status[i]]).animated) continue;
      const r = this.toScreen(i);
      if (!r) continue;
      let el = this.pulses[used];
      if (!el) {
        el = h('div', { class: 'pulse' });
        this.pulses.push(el);
        this.overlay.prepend(el);
      }
      el.hidden = false;
      el.className = `pulse st-${STATUS_KEYS[m.status[i]]}${m.subs[i].isWaitNode ? ' round' : ''}`;
      el.style.transform = `translate(${r.left}px, ${r.top}px)`;
      el.style.width = `${r.width}px`;
      el.style.height = `${r.height}px`;
      used++;
    }
    return used;
  }

  private placeCursor(): void {
    const r = this.cursor === undefined ? undefined : this.toScreen(this.cursor);
    this.cursorEl.hidden = !r;
    if (!r) return;
    this.cursorEl.style.transform = `translate(${r.left - 4}px, ${r.top - 4}px)`;
    this.cursorEl.style.width = `${r.width + 8}px`;
    this.cursorEl.style.height = `${r.height + 8}px`;
  }

  private hideTip(): void {
    this.tip.hidden = true;
  }

  private updateTip(): void {
    const at = this.hoverAt;
    const m = this.model;
    const i = at && !this.drag ? this.hitTest(at.x, at.y) : undefined;
    if (!m || i === undefined || !at) {
      this.hideTip();
      return;
    }
    const s = m.subs[i];
    this.tip.textContent = `${s.name} (#${s.id})\n${m.statusLabel(i)}`;
    this.tip.hidden = false;
    const left = Math.min(at.x + 12, Math.max(0, this.width - this.tip.offsetWidth - 4));
    const top = Math.min(at.y + 16, Math.max(0, this.height - this.tip.offsetHeight - 4));
    this.tip.style.transform = `translate(${left}px, ${top}px)`;
  }
}
