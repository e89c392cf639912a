// The part of CanvasRenderingContext2D the Painter (draw.ts) uses, and a stand-in for it that records SVG elements
// instead of pixels. A small graph is drawn as SVG (graph.ts): in the frame a 2D canvas first draws, its bitmap is
// allocated and composited in software, which costs more than the whole SVG of a few subtasks; the Painter, the
// culling and the look stay the same either way.

import { escapeXml } from './export';

/** What draw.ts calls on its context: a real CanvasRenderingContext2D or an SvgContext. */
export type PaintContext = Pick<CanvasRenderingContext2D,
  'arc' | 'beginPath' | 'bezierCurveTo' | 'closePath' | 'fill' | 'fillStyle' | 'fillText' | 'font' | 'globalAlpha'
  | 'lineTo' | 'lineWidth' | 'measureText' | 'moveTo' | 'rect' | 'setLineDash' | 'stroke' | 'strokeRect' | 'strokeStyle'
  | 'textBaseline'>;

let measuring: CanvasRenderingContext2D | null | undefined;

/** A detached canvas' context, only to measure text (it never gets a bitmap: nothing is drawn on it). */
function measurer(): CanvasRenderingContext2D | null {
  if (measuring === undefined) measuring = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  return measuring;
}

/**
 * Makes the context that measures text and measures a string in `font`: the first measurement in a new document
 * costs milliseconds (the 2D context made, the font and its fallbacks loaded). A webview calls this while it waits
 * for its first message, so that this is not part of the panel's first frame.
 */
export function warmTextMeasure(font: string): void {
  const m = measurer();
  if (!m) return;
  m.font = font;
  m.measureText('Wait node 0');
}

/** Numbers in the markup: two decimals are far below a pixel at any zoom the panel allows. */
function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}


export const SVG_NS = 'http://www.w3.org/2000/svg';

/** One SVG element drawn: its tag, attributes in order, and its text. */
interface Shape {
  tag: 'path' | 'rect' | 'text';
  attrs: [string, string][];
  text?: string;
  /** A filled path (no stroke yet): its outline, drawn next with the same opacity, joins it (see stroke()). */
  filled?: { d: string; alpha: number };
}

const BASELINE: Partial<Record<CanvasTextBaseline, string>> = { top: 'text-before-edge', hanging: 'hanging', middle: 'central', bottom: 'text-after-edge', ideographic: 'ideographic' };

export class SvgContext implements PaintContext {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  /** The font family the SVG's root element sets: text in it inherits it and gets no font-family of its own. */
  inheritedFontFamily?: string;
  private d = '';
  private dash?: string;
  private out: Shape[] = [];

  /** Starts a new drawing (what was drawn so far is dropped). */
  reset(): void {
    this.out = [];
    this.d = '';
    this.dash = undefined;
  }

  /** The SVG elements drawn since reset(), as markup (what the tests read). */
  markup(): string {
    return this.out.map((e) => {
      const attrs = e.attrs.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
      return e.text === undefined ? `<${e.tag}${attrs}/>` : `<${e.tag}${attrs}>${escapeXml(e.text)}</${e.tag}>`;
    }).join('');
  }

  /** The SVG elements drawn since reset(), made in `parent`'s document and appended to it (no markup parsed). */
  appendTo(parent: Element): void {
    const doc = parent.ownerDocument;
    for (const e of this.out) {
      const el = doc.createElementNS(SVG_NS, e.tag);
      for (const [k, v] of e.attrs) el.setAttribute(k, v);
      if (e.text !== undefined) el.textContent = e.text;
      parent.append(el);
    }
  }

  beginPath(): void {
    this.d = '';
  }

  moveTo(x: number, y: number): void {
    this.d += `M${num(x)} ${num(y)}`;
  }

  lineTo(x: number, y: number): void {
    this.d += `L${num(x)} ${num(y)}`;
  }

  bezierCurveTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void {
    this.d += `C${num(c1x)} ${num(c1y)} ${num(c2x)} ${num(c2y)} ${num(x)} ${num(y)}`;
  }

  closePath(): void {
    this.d += 'Z';
  }

  rect(x: number, y: number, w: number, h: number): void {
    this.d += `M${num(x)} ${num(y)}h${num(w)}v${num(h)}h${num(-w)}Z`;
  }

  /** A clockwise arc; a whole turn (or more) is a circle. The canvas' line from the current point is a move here. */
  arc(x: number, y: number, r: number, start: number, end: number, counterclockwise = false): void {
    const at = (a: number) => `${num(x + r * Math.cos(a))} ${num(y + r * Math.sin(a))}`;
    let sweep = counterclockwise ? start - end : end - start;
    if (sweep >= 2 * Math.PI - 1e-9) {
      const half = counterclockwise ? start - Math.PI : start + Math.PI;
      const flag = counterclockwise ? 0 : 1;
      this.d += `M${at(start)}A${num(r)} ${num(r)} 0 1 ${flag} ${at(half)}A${num(r)} ${num(r)} 0 1 ${flag} ${at(start)}`;
      return;
    }
    sweep = ((sweep % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    this.d += `M${at(start)}A${num(r)} ${num(r)} 0 ${sweep > Math.PI ? 1 : 0} ${counterclockwise ? 0 : 1} ${at(end)}`;
  }

  setLineDash(segments: number[]): void {
    this.dash = segments.length ? segments.map(num).join(' ') : undefined;
  }

  /** Dash and opacity, as the last attributes of a stroked or filled shape. */
  private finish(attrs: [string, string][], dashed: boolean): [string, string][] {
    if (dashed && this.dash !== undefined) attrs.push(['stroke-dasharray', this.dash]);
    if (this.globalAlpha < 1) attrs.push(['opacity', num(this.globalAlpha)]);
    return attrs;
  }

  /**
   * The outline of the path just filled (same path, same opacity) becomes that element's stroke: SVG paints an
   * element's fill, then its stroke, as the canvas did; one element less to style, lay out and paint.
   */
  stroke(): void {
    if (!this.d) return;
    const stroke: [string, string][] = [['stroke', String(this.strokeStyle)], ['stroke-width', num(this.lineWidth)]];
    const last = this.out[this.out.length - 1];
    if (last?.filled && last.filled.d === this.d && last.filled.alpha === this.globalAlpha) {
      last.attrs = this.finish([['d', this.d], last.attrs[1], ...stroke], true);
      last.filled = undefined;
      return;
    }
    this.out.push({ tag: 'path', attrs: this.finish([['d', this.d], ['fill', 'none'], ...stroke], true) });
  }

  fill(): void {
    if (!this.d) return;
    this.out.push({ tag: 'path', attrs: this.finish([['d', this.d], ['fill', String(this.fillStyle)]], false), filled: { d: this.d, alpha: this.globalAlpha } });
  }

  strokeRect(x: number, y: number, w: number, h: number): void {
    this.out.push({ tag: 'rect', attrs: this.finish([['x', num(x)], ['y', num(y)], ['width', num(w)], ['height', num(h)], ['fill', 'none'], ['stroke', String(this.strokeStyle)], ['stroke-width', num(this.lineWidth)]], true) });
  }

  fillText(s: string, x: number, y: number): void {
    const baseline = BASELINE[this.textBaseline];
    // Presentation attributes, not a style attribute: the panel's Content Security Policy allows no inline style.
    const f = /^\s*([\d.]+)px\s+(.+)$/.exec(this.font);
    const attrs: [string, string][] = [['x', num(x)], ['y', num(y)], ['fill', String(this.fillStyle)]];
    if (f) attrs.push(['font-size', f[1]]);
    if (f && f[2] !== this.inheritedFontFamily) attrs.push(['font-family', f[2]]);
    if (baseline) attrs.push(['dominant-baseline', baseline]);
    this.out.push({ tag: 'text', attrs: this.finish(attrs, false), text: s });
  }

  measureText(s: string): TextMetrics {
    const m = measurer();
    // Without a document (unit tests) an estimate: 0.6 em a character.
    if (!m) return { width: s.length * 0.6 * (Number(/([\d.]+)px/.exec(this.font)?.[1]) || 10) } as TextMetrics;
    m.font = this.font;
    return m.measureText(s);
  }
}
