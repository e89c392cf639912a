/*
 * Simulated time. now() = simulated epoch ms, running at `speed` simulated ms per real ms (0 = paused).
 * Scheduled callbacks run in time order, each seeing now() == its own due time (so durations are exact even
 * when the real timer fires late), either from one real timer,
 * from runDue() (the server calls it before handling each request), or from advance().
 */
import { performance } from 'node:perf_hooks';

interface Ev { at: number; seq: number; fn: () => void }

export class SimClock {
  private anchorSim: number;
  private anchorReal: number;
  private speedValue: number;
  private frozenAt: number | null = null;
  private last = 0;
  private readonly heap: Ev[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerFor = Infinity;
  private stopped = false;

  constructor(startMs: number, speed = 1) {
    this.anchorSim = startMs;
    this.anchorReal = performance.now();
    this.speedValue = Math.max(0, speed);
  }

  now(): number {
    if (this.frozenAt !== null) return this.frozenAt;
    const v = this.anchorSim + (performance.now() - this.anchorReal) * this.speedValue;
    if (v > this.last) this.last = v;
    return Math.floor(this.last);
  }

  get speed(): number {
    return this.speedValue;
  }

  setSpeed(x: number): void {
    this.reanchor(this.now());
    this.speedValue = Math.max(0, x);
    this.arm();
  }

  /** Moves simulated time forward by ms, running every callback that falls due, in order. */
  advance(ms: number): void {
    const target = this.now() + Math.max(0, ms);
    this.drain(target);
    this.reanchor(target);
    this.arm();
  }

  schedule(at: number, fn: () => void): void {
    if (this.stopped) return;
    this.push({ at, seq: this.seq++, fn });
    if (at < this.timerFor) this.arm();
  }

  /** Runs callbacks whose time has come (by the running clock). */
  runDue(): void {
    this.drain(this.now());
    this.arm();
  }

  get pending(): number {
    return this.heap.length;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.length = 0;
  }

  private reanchor(sim: number): void {
    this.anchorSim = sim;
    this.anchorReal = performance.now();
    this.last = sim;
  }

  private drain(upTo: number): void {
    if (this.frozenAt !== null) return; // re-entrant call from inside a callback
    while (this.heap.length && this.heap[0].at <= upTo) {
      const ev = this.pop();
      this.frozenAt = ev.at;
      try {
        ev.fn();
      } catch (err) {
        console.error('[ocp-sim] scheduled callback failed:', err);
      } finally {
        this.frozenAt = null;
      }
    }
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerFor = Infinity;
    if (this.stopped || this.speedValue <= 0 || !this.heap.length) return;
    const at = this.heap[0].at;
    const delay = Math.min(0x7fffffff, Math.max(0, Math.ceil((at - this.now()) / this.speedValue)));
    this.timerFor = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerFor = Infinity;
      this.runDue();
    }, delay);
    this.timer.unref();
  }

  private push(ev: Ev): void {
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Ev {
    const h = this.heap;
    const top = h[0];
    const lastEv = h.pop()!;
    if (h.length) {
      h[0] = lastEv;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Ev, b: Ev): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
