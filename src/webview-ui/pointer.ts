// Pointer input on the graph: drag to pan (after a few pixels, so a click stays a click), click to
// activate the node under the pointer, hover for the tooltip, wheel to zoom about the pointer.
export interface PointerHandlers {
  /** Canvas point of a client point. */
  local(e: { clientX: number; clientY: number }): { x: number; y: number };
  /** The camera position when a drag starts. */
  origin(): { x: number; y: number };
  /** The drag began moving (the user panned). */
  dragStarted(): void;
  /** Moves the camera to `origin` minus the drag distance (screen pixels). */
  dragTo(origin: { x: number; y: number }, dx: number, dy: number): void;
  /** A click (no drag) at a canvas point. */
  click(x: number, y: number): void;
  /** The pointer hovers at a canvas point (undefined: it left, or the wheel turned). */
  hover(at: { x: number; y: number } | undefined): void;
  /** Zoom by `factor` about a canvas point. */
  wheel(factor: number, x: number, y: number): void;
  /** Height of the canvas, for page-wise wheel deltas. */
  pageHeight(): number;
}

/** Drags shorter than this (px) are clicks. */
const DRAG_SLOP = 3;

/** Binds the pointer and wheel listeners; returns whether a drag is in progress (for the tooltip). */
export function bindPointer(el: HTMLElement, on: PointerHandlers): { dragging(): boolean } {
  let drag: { x: number; y: number; origin: { x: number; y: number }; moved: boolean; id: number } | undefined;
  el.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    el.setPointerCapture(e.pointerId);
    drag = { x: e.clientX, y: e.clientY, origin: on.origin(), moved: false, id: e.pointerId };
  });
  el.addEventListener('pointermove', (e) => {
    const d = drag;
    if (d && d.id === e.pointerId) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved && Math.hypot(dx, dy) > DRAG_SLOP) {
        d.moved = true;
        el.classList.add('panning');
        on.dragStarted();
      }
      if (d.moved) on.dragTo(d.origin, dx, dy);
      return;
    }
    on.hover(on.local(e));
  });
  const end = (e: PointerEvent, click: boolean): void => {
    const d = drag;
    if (!d || d.id !== e.pointerId) return;
    drag = undefined;
    el.classList.remove('panning');
    if (click && !d.moved) {
      const p = on.local(e);
      on.click(p.x, p.y);
    }
  };
  el.addEventListener('pointerup', (e) => end(e, true));
  el.addEventListener('pointercancel', (e) => end(e, false));
  el.addEventListener('pointerleave', () => on.hover(undefined));
  el.addEventListener('wheel', (e) => {
    e.preventDefault();
    on.hover(undefined);
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? on.pageHeight() : 1;
    const p = on.local(e);
    on.wheel(Math.exp(-e.deltaY * unit * 0.0015), p.x, p.y);
  }, { passive: false });
  return { dragging: () => drag !== undefined };
}
