// The graph's camera, pure (no DOM): which layout point is at the canvas' top-left corner and the zoom
// factor, with the moves the panel makes (zoom about a point, pan, fit, centre on a node, scroll a node
// into view, show the top). The canvas size is set by whoever owns the canvas.
import type { Layout } from '../core/model/layout';

export interface Camera {
  /** Layout coordinates at the canvas' top-left corner, and the zoom factor. */
  x: number;
  y: number;
  s: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;

/** A node's box on screen (canvas pixels). */
export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export class CameraState {
  cam: Camera = { x: 0, y: 0, s: 1 };
  width = 0;
  height = 0;

  /** `layout` gives the current layout (undefined before the first snapshot); `roots` the DAG's root nodes. */
  constructor(private readonly layout: () => Pick<Layout, 'nodes' | 'width' | 'height'> | undefined, private readonly firstRoot: () => number | undefined) {}

  clampScale(s: number): number {
    return Math.min(MAX_SCALE, Math.max(Math.min(MIN_SCALE, this.fitScale()), s));
  }

  /** The scale that shows the whole layout, never above 1. */
  fitScale(): number {
    const l = this.layout();
    if (!l || l.width === 0 || this.width === 0) return 1;
    return Math.min(1, this.width / l.width, this.height / l.height);
  }

  zoomTo(scale: number, px = this.width / 2, py = this.height / 2): void {
    const s = this.clampScale(scale);
    const lx = this.cam.x + px / this.cam.s;
    const ly = this.cam.y + py / this.cam.s;
    this.cam = { x: lx - px / s, y: ly - py / s, s };
  }

  /** Zooms by `factor` keeping the layout point under (px, py) (canvas pixels; default the centre) in place. */
  zoomBy(factor: number, px = this.width / 2, py = this.height / 2): void {
    this.zoomTo(this.cam.s * factor, px, py);
  }

  panBy(dx: number, dy: number): void {
    this.cam = { ...this.cam, x: this.cam.x - dx / this.cam.s, y: this.cam.y - dy / this.cam.s };
  }

  /**
   * The canvas changed size (the details pane opened or closed, the window was resized): the layout point at
   * the centre stays at the centre, and node `keep` (the selection), if given, is scrolled into view.
   */
  resize(width: number, height: number, keep?: number): void {
    const { x, y, s } = this.cam;
    if (this.width > 0 && this.height > 0) this.cam = { s, x: x + (this.width - width) / (2 * s), y: y + (this.height - height) / (2 * s) };
    this.width = width;
    this.height = height;
    if (keep !== undefined) this.ensureVisible(keep);
  }

  set(c: Camera): void {
    this.cam = { ...c, s: this.clampScale(c.s) };
  }

  /** Moves the camera to `c`; true when that changed it (a caller redraws only then). */
  private moveTo(c: Camera): boolean {
    const was = this.cam;
    this.cam = c;
    return c.s !== was.s || c.x !== was.x || c.y !== was.y;
  }

  /** Shows the whole graph (never above 100 %); true when the camera moved (false without a layout). */
  fit(): boolean {
    const l = this.layout();
    if (!l) return false;
    const s = this.clampScale(this.fitScale());
    return this.moveTo({ s, x: l.width / 2 - this.width / (2 * s), y: l.height / 2 - this.height / (2 * s) });
  }

  /** Centres node i, at `scale` if given; true when the camera moved (false if there is no node i). */
  centerOn(i: number, scale?: number): boolean {
    const n = this.layout()?.nodes[i];
    if (!n) return false;
    const s = scale === undefined ? this.cam.s : this.clampScale(scale);
    return this.moveTo({ s, x: n.x + n.w / 2 - this.width / (2 * s), y: n.y + n.h / 2 - this.height / (2 * s) });
  }

  /** Centres node i if any part of it is outside the canvas; true when the camera moved. */
  ensureVisible(i: number): boolean {
    const n = this.layout()?.nodes[i];
    if (!n) return false;
    const { x, y, s } = this.cam;
    const vw = this.width / s;
    const vh = this.height / s;
    if (n.x < x || n.y < y || n.x + n.w > x + vw || n.y + n.h > y + vh) return this.centerOn(i);
    return false;
  }

  /** The top of the graph at 100 %, centred on the first root; true when the camera moved (false without a root). */
  showTop(): boolean {
    const l = this.layout();
    const root = this.firstRoot();
    if (!l || root === undefined) return false;
    const n = l.nodes[root];
    return this.moveTo({ s: 1, x: n.x + n.w / 2 - this.width / 2, y: 0 });
  }

  /** Node i's box in canvas pixels. */
  toScreen(i: number): ScreenRect | undefined {
    const n = this.layout()?.nodes[i];
    if (!n) return undefined;
    const { x, y, s } = this.cam;
    return { left: (n.x - x) * s, top: (n.y - y) * s, width: n.w * s, height: n.h * s };
  }

  /** The visible part of the layout (layout coordinates). */
  visible(): { x: number; y: number; w: number; h: number } {
    const { x, y, s } = this.cam;
    return { x, y, w: this.width / s, h: this.height / s };
  }
}
