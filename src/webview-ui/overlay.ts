// DOM overlays above the graph canvas: the keyboard cursor, the tooltip of the hovered node, and pulsing
// rings on running subtasks (a CSS animation, off under prefers-reduced-motion).
import type { ScreenRect } from './camera';
import { h } from './dom';
import { STATUS_KEYS, statusStyle } from './style';

const MAX_PULSES = 64;

export class Overlay {
  /** The overlay's element and its parts, made when first needed (a panel's first frame usually needs none). */
  private el?: HTMLDivElement;
  private cursorEl?: HTMLDivElement;
  private tip?: HTMLDivElement;
  private readonly pulses: HTMLDivElement[] = [];

  /** `host`: the graph's element; the overlay is put last in it, above the drawing surfaces. */
  constructor(private readonly host: HTMLElement) {}

  /** The overlay's element once made (the drawing surfaces go below it). */
  get element(): HTMLDivElement | undefined {
    return this.el;
  }

  private root(): HTMLDivElement {
    return this.el ??= this.host.appendChild(h('div', { class: 'overlay', 'aria-hidden': 'true' }));
  }

  /**
   * Places a ring on each animated (running, canceling) node among `nodes`, at most MAX_PULSES, and hides
   * the rest. `status` is the STATUS_KEYS index per node.
   */
  placePulses(nodes: readonly number[], status: Uint8Array, round: (i: number) => boolean, rect: (i: number) => ScreenRect | undefined): void {
    let used = 0;
    for (const i of nodes) {
      if (used >= MAX_PULSES) break;
      if (!statusStyle(STATUS_KEYS[status[i]]).animated) continue;
      const r = rect(i);
      if (!r) continue;
      let el = this.pulses[used];
      if (!el) {
        el = h('div', { class: 'pulse' });
        this.pulses.push(el);
        this.root().prepend(el);
      }
      el.hidden = false;
      el.className = `pulse st-${STATUS_KEYS[status[i]]}${round(i) ? ' round' : ''}`;
      el.style.transform = `translate(${r.left}px, ${r.top}px)`;
      el.style.width = `${r.width}px`;
      el.style.height = `${r.height}px`;
      used++;
    }
    for (let i = used; i < this.pulses.length; i++) this.pulses[i].hidden = true;
  }

  placeCursor(r: ScreenRect | undefined): void {
    if (!r) {
      if (this.cursorEl) this.cursorEl.hidden = true;
      return;
    }
    const el = this.cursorEl ??= this.root().appendChild(h('div', { class: 'cursor' }));
    el.hidden = false;
    el.style.transform = `translate(${r.left - 4}px, ${r.top - 4}px)`;
    el.style.width = `${r.width + 8}px`;
    el.style.height = `${r.height + 8}px`;
  }

  hideTip(): void {
    if (this.tip) this.tip.hidden = true;
  }

  /** Shows `text` near canvas point (x, y), kept inside a width × height canvas. */
  showTip(text: string, x: number, y: number, width: number, height: number): void {
    const tip = this.tip ??= this.root().appendChild(h('div', { class: 'tip', role: 'tooltip' }));
    tip.textContent = text;
    tip.hidden = false;
    const left = Math.min(x + 12, Math.max(0, width - tip.offsetWidth - 4));
    const top = Math.min(y + 16, Math.max(0, height - tip.offsetHeight - 4));
    tip.style.transform = `translate(${left}px, ${top}px)`;
  }
}
