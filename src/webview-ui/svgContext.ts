// The part of CanvasRenderingContext2D the Painter (draw.ts) uses, and a stand-in for it that writes SVG markup
// instead of pixels. A small graph is drawn as SVG (graph.ts): in the frame a 2D canvas first draws, its bitmap is
// allocated and composited in software, which costs more than the whole SVG of a few subtasks; the Painter, the
// culling and the look stay the same either way.

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

/** Numbers in the markup: two decimals are far below a pixel at any zoom the panel allows. */
function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function attr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function text(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const BASELINE: Partial<Record<CanvasTextBaseline, string>> = { top: 'text-before-edge', hanging: 'hanging', middle: 'central', bottom: 'text-after-edge', ideographic: 'ideographic' };

export class SvgContext implements PaintContext {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  private d = '';
  private dash = '';
  private out: string[] = [];

  /** Starts a new drawing (the markup so far is dropped). */
  reset(): void {
    this.out = [];
    this.d = '';
    this.dash = '';
  }

  /** The SVG elements drawn since reset(). */
  markup(): string {
    return this.out.join('');
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
    this.dash = segments.length ? ` stroke-dasharray="${segments.map(num).join(' ')}"` : '';
  }

  private opacity(): string {
    return this.globalAlpha < 1 ? ` opacity="${num(this.globalAlpha)}"` : '';
  }

  stroke(): void {
    if (!this.d) return;
    this.out.push(`<path d="${this.d}" fill="none" stroke="${attr(String(this.strokeStyle))}" stroke-width="${num(this.lineWidth)}"${this.dash}${this.opacity()}/>`);
  }

  fill(): void {
    if (!this.d) return;
    this.out.push(`<path d="${this.d}" fill="${attr(String(this.fillStyle))}"${this.opacity()}/>`);
  }

  strokeRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="none" stroke="${attr(String(this.strokeStyle))}" stroke-width="${num(this.lineWidth)}"${this.dash}${this.opacity()}/>`);
  }

  fillText(s: string, x: number, y: number): void {
    const baseline = BASELINE[this.textBaseline];
    // Presentation attributes, not a style attribute: the panel's Content Security Policy allows no inline style.
    const f = /^\s*([\d.]+)px\s+(.+)$/.exec(this.font);
    const font = f ? ` font-size="${f[1]}" font-family="${attr(f[2])}"` : '';
    this.out.push(`<text x="${num(x)}" y="${num(y)}" fill="${attr(String(this.fillStyle))}"${font}${baseline ? ` dominant-baseline="${baseline}"` : ''}${this.opacity()}>${text(s)}</text>`);
  }

  measureText(s: string): TextMetrics {
    const m = measurer();
    // Without a document (unit tests) an estimate: 0.6 em a character.
    if (!m) return { width: s.length * 0.6 * (Number(/([\d.]+)px/.exec(this.font)?.[1]) || 10) } as TextMetrics;
    m.font = this.font;
    return m.measureText(s);
  }
}
