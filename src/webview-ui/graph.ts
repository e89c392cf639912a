// The graph renderer: one <canvas> for edges and nodes (an SVG element for graphs of up to SVG_MAX_SUBTASKS,
// drawn by the same Painter), drawn for the visible window only (viewportCull), batched by colour (draw.ts),
// redrawn on requestAnimationFrame after a pan, zoom or status change. DOM overlays sit on top (overlay.ts):
// the keyboard cursor, a tooltip, pulsing rings on running subtasks. The camera is camera.ts, pointer input
// pointer.ts; this class owns the drawing surfaces and the keyboard.
import { prepareCull, viewportCull, type Layout } from '../core/model/layout';
import { CameraState, type Camera } from './camera';
import { h } from './dom';
import { Painter } from './draw';
import type { GraphModel } from './model';
import { navDirection, navigate } from './nav';
import { Overlay } from './overlay';
import type { Palette } from './palette';
import { bindPointer } from './pointer';
import { SVG_NS, SvgContext } from './svgContext';

export type { Camera } from './camera';

export interface GraphCallbacks {
  /** A node was clicked, or Enter was pressed on the cursor. */
  activate(i: number): void;
  /** The keyboard cursor moved (for announcements). */
  cursorMoved(i: number): void;
  /** The user panned or zoomed (auto-focus stops following). */
  userMoved(): void;
  /** Where the cursor starts when the user first presses an arrow key. */
  initialCursor(): number | undefined;
  /** A frame with nodes in it was drawn. */
  drawn?(): void;
  /**
   * The element changed size (the camera has kept its centre and the selection in view; a redraw follows this
   * call, so a camera move made here is drawn in the same frame). `presizeMissed`: the size given to presize()
   * was not the one the element got.
   */
  resized?(presizeMissed: boolean): void;
}

/**
 * Graphs of at most this many subtasks are drawn as SVG (svgContext.ts) instead of on the canvas: the first draw of
 * a 2D canvas (bitmap, software compositing) costs more than the SVG of a few subtasks. Larger graphs use the canvas.
 */
export const SVG_MAX_SUBTASKS = 20;

/** Canvas sizes are rounded up to multiples of this (device px). */
const CANVAS_TILE = 128;
/** Room around the layout for selection and match outlines (layout px). */
const BOX_PAD = 8;
/** Room right of the layout for the arcs of edges broken to undo a cycle (layout px; see draw.ts). */
const ARC_PAD = 64;

type IdleApi = { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (h: number) => void };

/**
 * Builds a layout's cull index after the first paint (which culls by a scan), when the page is idle, if the
 * layout is still shown then; returns a cancel function.
 */
function prepareWhenIdle(layout: Layout, shown: () => Layout | undefined): () => void {
  const run = () => { if (shown() === layout) prepareCull(layout); };
  const g = globalThis as IdleApi;
  if (g.requestIdleCallback) {
    const h = g.requestIdleCallback(run, { timeout: 500 });
    return () => g.cancelIdleCallback?.(h);
  }
  const t = setTimeout(run, 50);
  return () => clearTimeout(t);
}

export class GraphCanvas {
  readonly element: HTMLDivElement;
  /** The canvas, its context and painter, made on its first draw (a small graph never needs them). */
  private surface?: { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D; painter: Painter };
  /** The SVG surface of small graphs, made when first needed. */
  private svg?: { element: SVGSVGElement; ctx: SvgContext; painter: Painter };
  private readonly overlay: Overlay;
  private readonly resizeObserver: ResizeObserver;
  /** The frame that starts the ResizeObserver: the one after the first draw (0: not asked for yet, -1: started). */
  private observeFrame = 0;
  private pointer?: { dragging(): boolean };
  private readonly view: CameraState;
  private model?: GraphModel;
  private palette?: Palette;
  private dpr = 1;
  private frame = 0;
  /** Cancels the pending idle build of the cull index. */
  private cancelPrepare?: () => void;
  private dim?: Uint8Array;
  private match?: Uint8Array;
  private selected?: number;
  private cursor?: number;
  private hoverAt?: { x: number; y: number };
  /** Where the canvas sits in the graph element (CSS px). */
  private canvasAt = { left: 0, top: 0 };
  /** The element's size is known: read (lazily, when first needed: after the caller's DOM writes, one layout) or presized. */
  private measured = false;
  /** The size came from presize() and has not been checked against the layout yet (the frame after the first draw). */
  private presized = false;

  constructor(private readonly callbacks: GraphCallbacks, label: string) {
    this.element = h('div', { class: 'graph', tabindex: 0, role: 'application', 'aria-label': label });
    this.overlay = new Overlay(this.element);
    this.view = new CameraState(() => this.model?.layout, () => this.model?.dag.roots[0]);
    this.resizeObserver = new ResizeObserver(() => this.resize());
  }

  /** Pointer and keyboard input: bound in the frame after the first draw (observeFromNextFrame). */
  private bindInput(): void {
    this.pointer = bindPointer(this.element, {
      local: (e) => this.local(e),
      origin: () => ({ x: this.view.cam.x, y: this.view.cam.y }),
      dragStarted: () => {
        this.overlay.hideTip();
        this.callbacks.userMoved();
      },
      dragTo: (o, dx, dy) => {
        const c = this.view.cam;
        this.view.cam = { ...c, x: o.x - dx / c.s, y: o.y - dy / c.s };
        this.requestDraw();
      },
      click: (x, y) => {
        const i = this.hitTest(x, y);
        if (i === undefined) return;
        this.cursor = i;
        this.callbacks.activate(i);
        this.requestDraw();
      },
      hover: (at) => {
        this.hoverAt = at;
        if (at) this.requestDraw();
        else this.overlay.hideTip();
      },
      wheel: (factor, x, y) => {
        this.zoomBy(factor, x, y);
        this.callbacks.userMoved();
      },
      pageHeight: () => this.view.height,
    });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    if (this.observeFrame > 0) cancelAnimationFrame(this.observeFrame);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.cancelPrepare?.();
  }

  setPalette(p: Palette): void {
    this.palette = p;
    this.surface?.painter.forgetLabels(true);
    this.svg?.painter.forgetLabels(true);
    this.requestDraw();
  }

  /** A new model; `layoutChanged` drops the per-node caches. */
  setModel(model: GraphModel | undefined, layoutChanged: boolean): void {
    this.model = model;
    // A small graph is culled by a scan of its few edges: no index to build.
    if (layoutChanged && model && model.subs.length > SVG_MAX_SUBTASKS) {
      this.cancelPrepare?.();
      this.cancelPrepare = prepareWhenIdle(model.layout, () => this.model?.layout);
    }
    if (layoutChanged) {
      this.surface?.painter.forgetLabels(false);
      this.svg?.painter.forgetLabels(false);
      this.selected = undefined;
      this.cursor = undefined;
      this.dim = undefined;
      this.match = undefined;
    }
    this.requestDraw();
  }

  /** Forgets the cached (truncated) labels of nodes whose name changed. */
  renamed(indices: readonly number[]): void {
    this.surface?.painter.renamed(indices);
    this.svg?.painter.renamed(indices);
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
    return { ...this.view.cam };
  }

  /**
   * The size the element is about to have, as its owner knows it from the space it mounted the view in: the
   * first draw uses it instead of forcing a layout to read it (then the frame's style and layout run once, with
   * the graph already drawn). The next frame compares it with the first one's layout: a wrong one is corrected
   * (drawn again then) and the element marked `data-presize="missed: …"` with both sizes. Ignored once the size
   * is known.
   */
  presize(width: number, height: number): void {
    if (this.measured) return;
    this.measured = true;
    this.presized = true;
    this.view.width = Math.max(0, width);
    this.view.height = Math.max(0, height);
    this.dpr = window.devicePixelRatio || 1;
  }

  size(): { width: number; height: number } {
    this.ensureMeasured();
    return { width: this.view.width, height: this.view.height };
  }

  // ---- camera moves (camera.ts), each followed by a redraw ----

  zoomBy(factor: number, px?: number, py?: number): void {
    this.ensureMeasured();
    this.view.zoomBy(factor, px, py);
    this.requestDraw();
  }

  zoomTo(scale: number, px?: number, py?: number): void {
    this.ensureMeasured();
    this.view.zoomTo(scale, px, py);
    this.requestDraw();
  }

  panBy(dx: number, dy: number): void {
    this.ensureMeasured();
    this.view.panBy(dx, dy);
    this.requestDraw();
  }

  setCamera(c: Camera): void {
    this.ensureMeasured();
    this.view.set(c);
    this.requestDraw();
  }

  /** Shows the whole graph (never above 100 %). */
  fit(): void {
    this.ensureMeasured();
    if (this.view.fit()) this.requestDraw();
  }

  /** Centres node i, at `scale` if given. */
  centerOn(i: number, scale?: number): void {
    this.ensureMeasured();
    if (this.view.centerOn(i, scale)) this.requestDraw();
  }

  /** Scrolls node i into view if any part of it is outside. */
  ensureVisible(i: number): void {
    this.ensureMeasured();
    if (this.view.ensureVisible(i)) this.requestDraw();
  }

  /** The top of the graph at 100 %, centred on the first root. */
  showTop(): void {
    this.ensureMeasured();
    if (this.view.showTop()) this.requestDraw();
  }

  // ---- input ----

  private local(e: { clientX: number; clientY: number }): { x: number; y: number } {
    // Relative to the graph element: the canvas covers only the part of it the graph is drawn on.
    const r = this.element.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  /** The node under canvas point (px, py), if any. */
  hitTest(px: number, py: number): number | undefined {
    const m = this.model;
    if (!m) return undefined;
    const { x, y, s } = this.view.cam;
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

  // ---- canvas ----

  /**
   * Reads the size the first time it is needed (a camera move, a draw) rather than at mount: read after the
   * first snapshot has written the panel's DOM, it costs one layout instead of two in the first frame.
   */
  private ensureMeasured(): void {
    if (!this.measured && this.element.isConnected) this.resize(false);
  }

  private resize(redraw = true): void {
    this.measured = true;
    const presized = this.presized;
    this.presized = false;
    const r = this.element.getBoundingClientRect();
    const width = Math.max(0, Math.round(r.width));
    const height = Math.max(0, Math.round(r.height));
    const dpr = window.devicePixelRatio || 1;
    // The first ResizeObserver callback reports the size ensureMeasured() or presize() already applied: drawing
    // again would draw a second time in the same frame.
    if (width === this.view.width && height === this.view.height && dpr === this.dpr) return;
    if (presized) this.element.dataset.presize = `missed: ${this.view.width}×${this.view.height} presized, ${width}×${height} laid out`;
    // Before the first snapshot only the size is taken; after it the centre and the selection stay in view.
    if (this.model) this.view.resize(width, height, this.selected ?? this.cursor);
    else { this.view.width = width; this.view.height = height; }
    this.dpr = dpr;
    // The first read (ensureMeasured, redraw false) is no change of size: its caller is about to draw.
    if (!redraw) return;
    this.callbacks.resized?.(presized);
    // Before the first snapshot there is nothing to draw (the snapshot draws).
    if (this.model) this.drawNow();
  }

  /**
   * Sizes and places the canvas over the part of the window the graph covers (`box`, canvas pixels). A small
   * graph gets a small canvas: the canvas' whole bitmap goes to the compositor every frame it changes (in
   * software without a GPU), so a window-sized one costs ~10 ms per frame even for one subtask. The bitmap
   * is only reallocated when it must grow, or when it is over four times larger than needed; sizes are
   * rounded up to whole tiles so that panning a small graph does not reallocate every frame.
   */
  private placeCanvas(c: HTMLCanvasElement, ctx: CanvasRenderingContext2D, box: { left: number; top: number; width: number; height: number }): void {
    const tile = (v: number, max: number): number => Math.min(max, Math.ceil(v / CANVAS_TILE) * CANVAS_TILE);
    const needW = Math.max(1, Math.round(box.width * this.dpr));
    const needH = Math.max(1, Math.round(box.height * this.dpr));
    const fullW = Math.max(1, Math.round(this.view.width * this.dpr));
    const fullH = Math.max(1, Math.round(this.view.height * this.dpr));
    if (c.width < needW || c.height < needH || c.width * c.height > 4 * Math.max(needW * needH, CANVAS_TILE * CANVAS_TILE) || c.width > fullW || c.height > fullH) {
      c.width = tile(needW, fullW);
      c.height = tile(needH, fullH);
      c.style.width = `${c.width / this.dpr}px`;
      c.style.height = `${c.height / this.dpr}px`;
    } else {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, c.width, c.height);
    }
    // Keep the canvas inside the window (its far edge may overhang the box, never the window).
    const left = Math.max(0, Math.min(box.left, this.view.width - c.width / this.dpr));
    const top = Math.max(0, Math.min(box.top, this.view.height - c.height / this.dpr));
    if (left !== this.canvasAt.left || top !== this.canvasAt.top) {
      c.style.transform = left === 0 && top === 0 ? '' : `translate(${left}px, ${top}px)`;
      this.canvasAt = { left, top };
    }
  }

  /** The part of the window (canvas pixels) the layout covers, with room for outlines and cycle arcs. */
  private graphBox(layout: Layout): { left: number; top: number; width: number; height: number } {
    const { x, y, s } = this.view.cam;
    const pad = Math.max(8, BOX_PAD * s);
    const left = Math.max(0, Math.floor(-x * s - pad));
    const top = Math.max(0, Math.floor(-y * s - pad));
    const right = Math.min(this.view.width, Math.ceil((layout.width - x) * s + pad + (layout.brokenEdges.length > 0 ? ARC_PAD * s : 0)));
    const bottom = Math.min(this.view.height, Math.ceil((layout.height - y) * s + pad));
    return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
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
    const m = this.model;
    const p = this.palette;
    // Without a task nothing is drawn and nothing needs the size.
    if (m) {
      this.ensureMeasured();
      this.observeFromNextFrame();
    }
    let visible: number[] = [];
    const drawable = !!(m && p && this.view.width > 0 && m.subs.length > 0);
    const small = drawable && m!.subs.length <= SVG_MAX_SUBTASKS;
    if (drawable && !small) visible = this.drawCanvas(m!, p!);
    else this.clearCanvas();
    if (small) visible = this.drawSvg(m!, p!);
    else if (this.svg) this.svg.element.replaceChildren();
    if (drawable) this.callbacks.drawn?.();
    this.overlay.placePulses(visible, m?.status ?? new Uint8Array(0), (i) => !!m?.subs[i].isWaitNode, (i) => this.view.toScreen(i));
    this.overlay.placeCursor(this.cursor === undefined ? undefined : this.view.toScreen(this.cursor));
    this.updateTip();
  }

  /**
   * The size is observed, and input bound, from the frame after the first draw on: in that one the size was just
   * read or presized (an observer's first callback would cost the frame a callback and a read), and no one can
   * click or type into a graph not yet on screen. The next frame's callback, before anything else changes the
   * DOM, checks a presized size against the first frame's layout (still clean: the read forces nothing).
   */
  private observeFromNextFrame(): void {
    if (this.observeFrame !== 0) return;
    this.observeFrame = requestAnimationFrame(() => {
      this.observeFrame = -1;
      if (this.presized) this.resize();
      this.resizeObserver.observe(this.element);
      this.bindInput();
    });
  }

  /** Nothing on the canvas, and no bitmap held for it. */
  private clearCanvas(): void {
    const c = this.surface?.canvas;
    if (!c || (c.width === 0 && c.height === 0)) return;
    c.width = 0;
    c.height = 0;
  }

  /** Draws the visible part on the canvas (sized to it); returns the nodes drawn. */
  private drawCanvas(m: GraphModel, p: Palette): number[] {
    if (!this.surface) {
      // No bitmap until it is placed (a default canvas is 300×150).
      const canvas = h('canvas', { 'aria-hidden': 'true', width: 0, height: 0 });
      const ctx = canvas.getContext('2d', { alpha: true });
      if (!ctx) throw new Error('canvas 2D is not available');
      this.element.insertBefore(canvas, this.element.firstChild);
      this.surface = { canvas, ctx, painter: new Painter(ctx) };
    }
    const { canvas, ctx, painter } = this.surface;
    const box = this.graphBox(m.layout);
    this.placeCanvas(canvas, ctx, box);
    const { x, y, s } = this.view.cam;
    const rect = this.view.visible();
    const cull = viewportCull(m.layout, rect);
    const k = this.dpr * s;
    ctx.setTransform(k, 0, 0, k, -(x * s + this.canvasAt.left) * this.dpr, -(y * s + this.canvasAt.top) * this.dpr);
    painter.draw(m, p, { dim: this.dim, match: this.match, selected: this.selected }, cull.nodes, cull.edges, s, rect);
    return cull.nodes;
  }

  /** Draws the visible part of a small graph as SVG over the whole graph element; returns the nodes drawn. */
  private drawSvg(m: GraphModel, p: Palette): number[] {
    if (!this.svg) {
      const element = document.createElementNS(SVG_NS, 'svg');
      element.setAttribute('aria-hidden', 'true');
      element.classList.add('graph-svg');
      this.element.insertBefore(element, this.overlay.element ?? null);
      const ctx = new SvgContext();
      this.svg = { element, ctx, painter: new Painter(ctx) };
    }
    const { element, ctx, painter } = this.svg;
    // The texts inherit the panel's font family from the root (one attribute, not one a text).
    if (ctx.inheritedFontFamily !== p.fontFamily) {
      element.setAttribute('font-family', p.fontFamily);
      ctx.inheritedFontFamily = p.fontFamily;
    }
    const { x, y, s } = this.view.cam;
    const rect = this.view.visible();
    const cull = viewportCull(m.layout, rect);
    ctx.reset();
    painter.draw(m, p, { dim: this.dim, match: this.match, selected: this.selected }, cull.nodes, cull.edges, s, rect);
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `matrix(${s} 0 0 ${s} ${-x * s} ${-y * s})`);
    ctx.appendTo(g);
    element.replaceChildren(g);
    return cull.nodes;
  }

  private updateTip(): void {
    const at = this.hoverAt;
    const m = this.model;
    const i = at && !this.pointer?.dragging() ? this.hitTest(at.x, at.y) : undefined;
    if (!m || i === undefined || !at) {
      this.overlay.hideTip();
      return;
    }
    const s = m.subs[i];
    this.overlay.showTip(`${s.name} (#${s.id})\n${m.statusLabel(i)}`, at.x, at.y, this.view.width, this.view.height);
  }
}
