// The panel benchmark's page script (bundled by esbuild, loaded by a plain HTML page in headless Chromium).
// Exposes window.bench: mount OCP Explorer's task view (src/webview-ui/view.ts) or the dagre + SVG
// baseline on the same normalised task, and time first paint, a status update of every node, pan/zoom
// frames. Timings start at the beginning of an animation frame and end when that frame's rendering
// (style, layout, paint on the main thread) is done, so they do not include waiting for vsync.
import { normalizeTask, type Task } from '../../src/core/model/task';
import type { PanelStrings } from '../../src/panel/protocol';
import { mountTaskView, type TaskView } from '../../src/webview-ui/view';
import { generatedTask } from '../../test/unit/builders';
import takeOverSample from '../../test/fixtures/ocp-docs/take-over-cluster.json';
import { mountBaseline, type BaselineView, type Camera } from './baseline';
import { shapeTask, type Shape } from './shapes';

export type Side = 'ours' | 'baseline';

interface Open {
  side: Side;
  n: number;
  container: HTMLElement;
  ours?: TaskView;
  base?: BaselineView;
  flips: number;
}

const STRINGS: Partial<PanelStrings> = {
  'status.PENDING': 'Pending', 'status.READY': 'Ready', 'status.RUNNING': 'Running', 'status.CANCELING': 'Canceling',
  'status.FAILED': 'Failed', 'status.SUCCESSFUL': 'Successful', 'status.UNKNOWN': 'Unknown',
  taskTitle: 'Task #{0}', progress: '{0}/{1} done', graphLabel: 'Task {0} graph',
};

/** Every status moves on (PENDING→READY→RUNNING→SUCCESSFUL→PENDING), so an update changes every node. */
const NEXT: Record<string, Task['subtasks'][number]['status']> = { PENDING: 'READY', READY: 'RUNNING', RUNNING: 'SUCCESSFUL', SUCCESSFUL: 'PENDING' };

const templates = new Map<number, [Task, Task]>();
let open: Open | undefined;

/** The 26-subtask takeover sample of the OCP docs, or a generated OCP-shaped DAG of n subtasks. */
function rawTask(n: number): unknown {
  if (n === 26) return takeOverSample;
  const b = generatedTask(n);
  // JSON ids grow in creation order, which is a topological order: finish the first 45 %, run the next 2 %.
  const ids = b.ids().sort((x, y) => x - y);
  const some: Record<number, string> = {};
  ids.forEach((id, i) => { some[id] = i < 0.45 * n ? 'SUCCESSFUL' : i < 0.47 * n ? 'RUNNING' : 'PENDING'; });
  return b.statuses('PENDING', some).build();
}

function prepare(n: number): number {
  if (!templates.has(n)) {
    const x = normalizeTask(rawTask(n));
    const y: Task = { ...x, subtasks: x.subtasks.map((s) => ({ ...s, status: NEXT[s.status] ?? 'PENDING', rawStatus: NEXT[s.status] ?? 'PENDING' })) };
    templates.set(n, [x, y]);
  }
  return templates.get(n)![0].subtasks.length;
}

/** A fresh copy, as a postMessage from the extension host would deliver it. */
function task(n: number, variant: number): Task {
  prepare(n);
  return structuredClone(templates.get(n)![variant % 2]);
}

const frame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

/** Resolves after the current task and the rendering of the frame it is part of. */
function afterRendering(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

export interface FrameTiming {
  /** The work itself (script: mount, update, draw calls), inside the frame callback. */
  script: number;
  /** From the start of the frame's callback (where the work runs) until that frame has been rendered. */
  rendered: number;
  /** Until the next animation frame callback: a double requestAnimationFrame, so it includes waiting for vsync. */
  nextFrame: number;
}

/** Runs `work` in the next animation frame callback and times it (see FrameTiming). */
function timeFrame(work: () => void): Promise<FrameTiming> {
  return new Promise((resolve, reject) => requestAnimationFrame(() => {
    const t0 = performance.now();
    try {
      work();
    } catch (e) {
      reject(e);
      return;
    }
    const script = performance.now() - t0;
    let rendered = 0;
    void afterRendering().then(() => { rendered = performance.now() - t0; });
    requestAnimationFrame(() => resolve({ script, rendered: rendered || performance.now() - t0, nextFrame: performance.now() - t0 }));
  }));
}

function close(): void {
  if (!open) return;
  open.ours?.dispose();
  open.base?.dispose();
  open.container.remove();
  open = undefined;
}

/** The empty container the next mount uses, already laid out (closeAndSettle). */
let ready: HTMLElement | undefined;

function stage(): HTMLElement {
  const container = document.createElement('div');
  container.className = 'bench-stage';
  document.body.append(container);
  return container;
}

function mount(side: Side, n: number, t: Task): Open {
  close();
  const container = ready ?? stage();
  ready = undefined;
  const o: Open = { side, n, container, flips: 0 };
  if (side === 'ours') {
    o.ours = mountTaskView(container, { post: () => undefined }, STRINGS, { taskId: t.id, settings: { locale: 'en-US' } });
    o.ours.update({ task: t, state: 'polling', updatedAt: Date.now() });
  } else {
    o.base = mountBaseline(container, t);
  }
  open = o;
  return o;
}

/**
 * Closes the open view and lets a frame render without it, with the empty container the next opening mounts in:
 * the teardown of the last run (style and layout after removing its DOM) is not part of the next opening, and
 * the container has been laid out, as a webview's document has before the panel's first snapshot arrives.
 */
async function closeAndSettle(): Promise<void> {
  close();
  ready ??= stage();
  await frame();
  await afterRendering();
}

/** Open to first paint: mount + first snapshot (+ the view's pending draw), timed as in timeFrame. */
async function firstPaint(side: Side, n: number): Promise<FrameTiming> {
  const t = task(n, 0);
  await closeAndSettle();
  return timeFrame(() => {
    const o = mount(side, n, t);
    o.ours?.flush();
  });
}

/** Reference for the fixed cost: one frame that adds a bare window-sized 2D canvas and fills a pixel. */
async function bareCanvas(): Promise<FrameTiming> {
  await closeAndSettle();
  let canvas: HTMLCanvasElement | undefined;
  const t = await timeFrame(() => {
    canvas = document.createElement('canvas');
    canvas.width = innerWidth * devicePixelRatio;
    canvas.height = innerHeight * devicePixelRatio;
    canvas.className = 'bench-stage';
    document.body.append(canvas);
    canvas.getContext('2d')!.fillRect(0, 0, 1, 1);
  });
  canvas?.remove();
  return t;
}

/** Mounts and waits two frames (for update, pan/zoom and heap figures). */
async function openView(side: Side, n: number): Promise<number> {
  const t = task(n, 0);
  const o = mount(side, n, t);
  o.ours?.flush();
  await frame();
  await frame();
  return t.subtasks.length;
}

/** A snapshot in which every subtask's status changed, applied and drawn, until the frame is rendered. */
async function updateAll(): Promise<FrameTiming> {
  const o = open;
  if (!o) throw new Error('nothing open');
  o.flips++;
  const t = task(o.n, o.flips);
  await afterRendering();
  return timeFrame(() => {
    if (o.ours) {
      o.ours.update({ task: t, state: 'polling', updatedAt: Date.now() });
      o.ours.flush();
    } else o.base!.update(t);
  });
}

interface Viewport {
  camera(): Camera;
  setCamera(c: Camera): void;
  size(): { width: number; height: number };
  draw(): void;
}

function viewport(o: Open): Viewport {
  if (o.ours) {
    const g = o.ours.graph;
    return { camera: () => g.camera(), setCamera: (c) => g.setCamera(c), size: () => g.size(), draw: () => o.ours!.flush() };
  }
  const b = o.base!;
  return { camera: () => b.camera(), setCamera: (c) => b.setCamera(c), size: () => ({ width: o.container.clientWidth, height: o.container.clientHeight }), draw: () => undefined };
}

/**
 * `frames` programmatic frames from 100 % at the top-left: a third panning, a third zooming out around the
 * centre (down to `finalScale`), a third panning there. Per frame: the interval between animation frames and
 * the main-thread time from the frame's start until it was rendered.
 */
async function panZoom(frames = 120, finalScale = 0.08): Promise<{ intervals: number[]; work: number[]; scales: number[]; finalScale: number }> {
  const o = open;
  if (!o) throw new Error('nothing open');
  const v = viewport(o);
  v.setCamera({ x: 0, y: 0, s: 1 });
  v.draw();
  await frame();
  await frame();
  const third = Math.ceil(frames / 3);
  const factor = Math.pow(finalScale, 1 / third);
  const step = (i: number) => {
    const c = v.camera();
    if (i < third || i >= 2 * third) v.setCamera({ ...c, x: c.x + 12 / c.s, y: c.y + 9 / c.s });
    else {
      const { width, height } = v.size();
      const s = c.s * factor;
      const lx = c.x + width / 2 / c.s;
      const ly = c.y + height / 2 / c.s;
      v.setCamera({ s, x: lx - width / 2 / s, y: ly - height / 2 / s });
    }
    v.draw();
  };
  const intervals: number[] = [];
  const work: number[] = [];
  const scales: number[] = [];
  await new Promise<void>((resolve, reject) => {
    let i = 0;
    let last = -1;
    const tick = (ts: number) => {
      if (last >= 0) intervals.push(ts - last);
      last = ts;
      if (i === frames) {
        resolve();
        return;
      }
      const t0 = performance.now();
      try {
        step(i++);
      } catch (e) {
        reject(e);
        return;
      }
      void afterRendering().then(() => {
        work.push(performance.now() - t0);
        scales.push(v.camera().s);
        requestAnimationFrame(tick);
      });
    };
    requestAnimationFrame(tick);
  });
  return { intervals, work, scales, finalScale: v.camera().s };
}

/** What is on screen (sanity checks for the runner). */
function info(): { side?: Side; n?: number; svgElements: number; canvases: number; domNodes: number } {
  return {
    side: open?.side,
    n: open?.n,
    svgElements: document.querySelectorAll('svg *').length,
    canvases: document.querySelectorAll('canvas').length,
    domNodes: document.getElementsByTagName('*').length,
  };
}

const shapes = new Map<string, Task>();

/** Builds a large task of one shape (kept for the runs; each run opens a structured clone). */
function prepareShape(shape: Shape, n: number): number {
  const key = `${shape}:${n}`;
  if (!shapes.has(key)) shapes.set(key, shapeTask(shape, n));
  return shapes.get(key)!.subtasks.length;
}

/**
 * Opens a prepared large task in our view (build + layout + first paint, timed as firstPaint), then watches
 * for long tasks (over 50 ms, the browser's threshold) during `watchMs` of idle time after that frame.
 */
async function openShape(shape: Shape, n: number, watchMs = 1000): Promise<FrameTiming & { longTasks: number[] }> {
  const t = structuredClone(shapes.get(`${shape}:${n}`)!);
  await closeAndSettle();
  const timing = await timeFrame(() => {
    const o = mount('ours', n, t);
    o.ours?.flush();
  });
  const longTasks: number[] = [];
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
  obs.observe({ type: 'longtask' });
  await new Promise((r) => setTimeout(r, watchMs));
  obs.disconnect();
  return { ...timing, longTasks };
}

const api = { prepare, firstPaint, bareCanvas, openView, updateAll, panZoom, close, info, prepareShape, openShape };
export type BenchApi = typeof api;
(window as unknown as { bench: BenchApi }).bench = api;
