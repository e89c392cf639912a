// The task view: header, banners, toolbar (search, status chips, zoom, Graph/List, export), the graph
// canvas, the list and the details pane. Independent of VS Code: it gets strings and a `post` function,
// so a benchmark can mount it in a plain page. Snapshots are whole tasks; diffSnapshot() (diff.ts) decides
// whether the layout is rebuilt or only the changed subtasks are patched. This file wires the parts.
import { buildDag, focusSubtask, subtaskActions, taskActions, taskProgress, type Dag } from '../core/model/dag';
import { layoutDag } from '../core/model/layout';
import type { Task } from '../core/model/task';
import type { ActionKind, ActionResultMessage, HostMessage, PanelSettings, PanelStrings, SnapshotPayload, WebviewMessage } from '../panel/protocol';
import { ActionGate } from './actions';
import { Banners, hasBannerText } from './banners';
import { Details } from './details';
import { diffSnapshot, lazyKey, type LayoutKey } from './diff';
import { h, setText, show } from './dom';
import { toMermaid, toSvg } from './export';
import { computeFilter, stepMatch } from './filter';
import { fmt } from './format';
import { GraphCanvas } from './graph';
import type { GraphModel } from './model';
import { Header } from './header';
import { ListView } from './list';
import { readPalette, watchTheme, type Palette } from './palette';
import { STATUS_KEYS, statusStyle, statusText } from './style';
import { Toolbar, type ViewMode } from './toolbar';

export interface ViewHost {
  post(msg: WebviewMessage): void;
}

export interface MountOptions {
  taskId?: number;
  settings?: PanelSettings;
  /** Open the details of this subtask once it is known. */
  selectedSubtaskId?: number;
}

export interface TaskView {
  /** Applies a whole-task snapshot. */
  update(snapshot: SnapshotPayload): void;
  /** Dispatches any host message (snapshot, log, actionResult; init is handled by the caller). */
  handle(msg: HostMessage): void;
  /** Draws a pending frame now (benchmarks measure up to here). */
  flush(): void;
  readonly graph: GraphCanvas;
  dispose(): void;
}

interface Model extends GraphModel {
  key: LayoutKey;
  task: Task;
  /** What is wrong with the graph (dangling references, cycles), computed with the layout. */
  problems: string[];
}

const UNKNOWN_INDEX = STATUS_KEYS.indexOf('UNKNOWN');
/** No chip chosen (before the toolbar is made). */
const NO_CHIPS: ReadonlySet<number> = new Set();
/** The header and toolbar are shown by then even if the graph has not drawn (a panel opened in the background). */
const REVEAL_AFTER_MS = 200;
/**
 * The height of the slot that stands in for the header and the toolbar until the graph's first frame: their
 * content on one row (the title row, the meta line and the progress bar; one row of buttons) in em of the
 * panel's font, plus their padding and border in px (media/panel.css `.header`, `.toolbar`). Set here, not in
 * the CSS, so that the view knows the graph's room before any layout (presizeGraph). Should it differ from the
 * header's and the toolbar's, the graph moves once when they come in (and is re-centred).
 */
const SLOTS = [{ em: 3.77, px: 9 }, { em: 1.615, px: 13 }];

/** Mounts the task view into `container`. `strings` come from the host's init message (keys are shown when missing). */
export function mountTaskView(container: HTMLElement, host: ViewHost, strings: Partial<PanelStrings>, options: MountOptions = {}): TaskView {
  const s = new Proxy(strings as PanelStrings, { get: (t, k: string) => (t as Record<string, string>)[k] ?? k });
  const locale = options.settings?.locale ?? navigator.language;
  const taskId = options.taskId ?? 0;
  const statusLabels: string[] = STATUS_KEYS.map((k) => statusText({ status: k }, s));
  const post = (m: WebviewMessage): void => host.post(m);

  // What is shown, and what the user did to it.
  let model: Model | undefined;
  let snapshot: SnapshotPayload | undefined;
  let palette: Palette = readPalette();
  const follow = { userMoved: false, firstFocus: true };
  const search = { matches: [] as number[], pos: -1 };
  const actions = new ActionGate();
  let wantedSelection = options.selectedSubtaskId;
  let mode: ViewMode = 'graph';
  let ticker: ReturnType<typeof setInterval> | undefined;

  // The space the view gets, read before it is in the DOM (the container's layout is usually clean then: no
  // layout forced): the graph's first draw is sized from it (graph.presize), see presizeGraph().
  const room = container.getBoundingClientRect();
  const em = parseFloat(getComputedStyle(container).fontSize) || 13;
  const graph = new GraphCanvas({
    activate: (i) => select(i),
    cursorMoved: (i) => announce(i),
    userMoved: () => moved(),
    initialCursor: () => focusIndex(),
    drawn: () => revealSoon(),
    resized: (presizeMissed) => {
      // The first focus was made for a size the graph did not get: made again for the one it got.
      if (presizeMissed) follow.firstFocus = !follow.userMoved;
      if (!follow.userMoved) autoFocus();
    },
  }, fmt(s.graphLabel, taskId));
  /** Says what is shown instead of the graph (loading, an error, no subtasks); made when first needed. */
  let placeholder: HTMLElement | undefined;
  const stage = h('div', { class: 'stage' }, graph.element);
  const placeholderEl = (): HTMLElement => (placeholder ??= stage.appendChild(h('div', { class: 'placeholder' })));
  const body = h('div', { class: 'body' }, stage);
  // The first frame of a newly opened panel builds, styles, lays out and paints the graph alone: the header, the
  // banners, the toolbar and the screen reader's live region are made and put in the frame after (until then
  // an empty slot of the header's and the toolbar's height stands in, so the graph does not move); the list and
  // the details pane when first shown. The header's and the toolbar's ~180 elements cost more than drawing a
  // small task (bench: first paint, 1 subtask). Without a graph to show (or with a banner to show) they come at
  // once, and at the latest after REVEAL_AFTER_MS (a panel opened in the background draws nothing).
  const slotHeight = SLOTS.reduce((sum, k) => sum + Math.round(k.em * em) + k.px, 0);
  const slot = h('div', { class: 'slot' });
  slot.style.height = `${slotHeight}px`;
  const root = h('div', { class: 'task-view' }, slot, body);
  let chrome: { header: Header; banners: Banners; toolbar: Toolbar; announcer: HTMLElement } | undefined;
  let list: ListView | undefined;
  let details: Details | undefined;
  /** What the search and the chips dim (kept for a list made later). */
  let dimmed: Uint8Array | undefined;
  let revealFrame = 0;
  const revealTimer = setTimeout(() => reveal(), REVEAL_AFTER_MS);

  /** Makes the header, the banners, the toolbar and the live region, brings them up to date and puts them in. */
  function reveal(): NonNullable<typeof chrome> {
    if (chrome) return chrome;
    clearTimeout(revealTimer);
    const header = new Header(s, taskId, locale, {
      action: (kind) => requestAction(kind),
      refresh: () => post({ type: 'refresh' }),
      follow: () => {
        follow.userMoved = false;
        header.setFollowing(true);
        autoFocus();
      },
    });
    const toolbar = new Toolbar(s, statusLabels, {
      filter: (jump, backwards) => applyFilter(jump, backwards),
      queryEdited: () => { search.pos = -1; },
      zoom: (f) => zoom(f),
      fit: () => { graph.fit(); moved(); },
      actualSize: () => actualSize(),
      mode: (next) => setMode(next),
      copy: (format) => copy(format),
    });
    const banners = new Banners(s);
    const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });
    chrome = { header, banners, toolbar, announcer };
    updateHeader();
    if (snapshot) banners.update(snapshot, snapshot.task ? model?.problems : undefined);
    header.setFollowing(!follow.userMoved);
    toolbar.setCounts(model?.status);
    toolbar.setMode(mode);
    slot.replaceWith(header.element, ...banners.elements, toolbar.element);
    root.append(announcer);
    return chrome;
  }

  /** Reveals in the next frame: the one being drawn shows the graph alone. */
  function revealSoon(): void {
    if (chrome || revealFrame) return;
    revealFrame = requestAnimationFrame(() => reveal());
  }

  function listView(): ListView {
    if (list) return list;
    list = new ListView(s, locale, (i) => select(i), (i) => { const sub = model?.subs[i]; if (sub) post({ type: 'openLog', subtaskId: sub.id }); });
    stage.insertBefore(list.element, placeholder ?? null);
    list.setModel(model, true);
    list.setFilter(dimmed);
    return list;
  }

  function detailsPane(): Details {
    if (details) return details;
    details = new Details(s, locale, {
      close: () => closeDetails(),
      action: (kind, subtaskId) => requestAction(kind, subtaskId),
      refreshLog: (subtaskId) => post({ type: 'requestLog', subtaskId }),
      openLog: (subtaskId) => post({ type: 'openLog', subtaskId }),
    });
    body.append(details.element);
    return details;
  }

  container.append(root);
  // "Loading" until the first snapshot, unless it came with the mount (main.ts hands over the messages that
  // arrived before it in the same task).
  queueMicrotask(() => {
    if (!snapshot && !placeholder) setText(placeholderEl(), s.loading);
  });
  graph.setPalette(palette);
  const unwatch = watchTheme(() => {
    palette = readPalette();
    graph.setPalette(palette);
  });
  root.addEventListener('keydown', onKey);

  // ---- camera and focus ----
  function moved(): void {
    if (!follow.userMoved) chrome?.header.setFollowing(false);
    follow.userMoved = true;
  }

  function zoom(f: number): void {
    graph.zoomBy(f);
    moved();
  }

  function actualSize(): void {
    const open = details?.subtaskId;
    const c = graph.getCursor() ?? (open !== undefined ? model?.dag.indexOf.get(open) : undefined);
    if (c !== undefined) graph.centerOn(c, 1);
    else graph.zoomTo(1);
    moved();
  }

  function statusLabel(i: number): string {
    const m = model;
    if (!m) return '';
    return m.status[i] === UNKNOWN_INDEX ? statusText(m.subs[i], s) : statusLabels[m.status[i]];
  }

  function focusIndex(): number | undefined {
    const m = model;
    if (!m) return undefined;
    const f = focusSubtask({ ...m.dag, nodes: m.subs } as Dag);
    return f ? m.dag.indexOf.get(f.id) : undefined;
  }

  /** Centres the subtask to look at (FAILED > RUNNING > READY), unless the user moved the view. */
  function autoFocus(): void {
    const m = model;
    if (!m || follow.userMoved || mode !== 'graph' || graph.size().width === 0) return;
    const i = focusIndex();
    if (i !== undefined) graph.centerOn(i, follow.firstFocus ? 1 : undefined);
    else if (follow.firstFocus) {
      const l = m.layout;
      const fits = l.width * 0.5 <= graph.size().width && l.height * 0.5 <= graph.size().height;
      if (fits) graph.fit();
      else graph.showTop();
    }
    follow.firstFocus = false;
  }

  function announce(i: number): void {
    const m = model;
    if (!m) return;
    setText(reveal().announcer, fmt(s.announce, m.subs[i].name, statusLabel(i)));
  }

  // ---- snapshots ----
  /** Applies the task of a snapshot to the model; returns the changed node indices and whether the layout is new. */
  function applyTask(t: Task): { changed: number[]; structure: boolean } {
    const diff = diffSnapshot(model && { key: model.key, subs: model.subs, indexOf: model.dag.indexOf }, t);
    if (diff.kind === 'rebuild') {
      const dag = buildDag(t);
      const layout = layoutDag(dag);
      const status = new Uint8Array(dag.nodes.length);
      dag.nodes.forEach((n, i) => (status[i] = statusStyle(n.status).index));
      model = { key: diff.key, task: t, dag, layout, subs: dag.nodes.slice(), status, statusLabel, problems: dag.problems.map((p) => p.message) };
      follow.firstFocus = follow.firstFocus || !follow.userMoved;
      search.pos = -1;
      return { changed: dag.nodes.map((_, i) => i), structure: true };
    }
    const m = model!;
    // Same shape, same key: a key not computed yet is bound to this task (the older one is let go).
    if (typeof m.key !== 'string') m.key = lazyKey(t);
    for (const i of diff.changed) m.status[i] = statusStyle(diff.subs[i].status).index;
    m.subs = diff.subs;
    m.task = t;
    graph.renamed(diff.renamed);
    return { changed: diff.changed, structure: false };
  }

  function update(snap: SnapshotPayload): void {
    snapshot = snap;
    actions.snapshot(snap);
    const t = snap.task;
    if (!t) {
      chrome?.banners.update(snap, undefined);
      showPlaceholder(snap.error ? fmt(s.pollError, snap.error) : s.loading);
      updateHeader();
      return;
    }
    const { changed, structure } = applyTask(t);
    const m = model!;
    // A banner to show is shown with the header and the toolbar it sits between.
    if (chrome || hasBannerText(s, snap, m.problems)) reveal().banners.update(snap, m.problems);
    showPlaceholder(m.subs.length === 0 ? s.noSubtasks : undefined);
    updateHeader();
    graph.setModel(m, structure);
    list?.setModel(m, structure);
    if (!structure) list?.patch(changed);
    chrome?.toolbar.setCounts(m.status);
    if (structure || changed.length > 0) applyFilter(false);
    refreshDetails(structure);
    if (wantedSelection !== undefined && m.dag.indexOf.has(wantedSelection)) {
      const i = m.dag.indexOf.get(wantedSelection)!;
      wantedSelection = undefined;
      select(i);
    }
    presizeGraph();
    autoFocus();
    setTicker(t.status === 'RUNNING');
  }

  /**
   * Before the graph's first draw, while nothing but the slot stands above it (the header, the banners and the
   * toolbar not in yet, no details pane, the graph shown): the graph gets the room the view was mounted in less
   * the slot, so the first frame needs no layout forced to read its size. Otherwise (or should the layout turn out
   * otherwise) it is measured.
   */
  function presizeGraph(): void {
    if (chrome || details || mode !== 'graph' || (placeholder && !placeholder.hidden)) return;
    graph.presize(Math.round(room.width), Math.round(room.height) - slotHeight);
  }

  /** Shows `text` instead of the graph (or the list); undefined: the graph (or the list) again. */
  function showPlaceholder(text: string | undefined): void {
    const on = text !== undefined;
    // Nothing for the graph to draw first: the header and toolbar are what there is to see.
    if (on) reveal();
    if (on) setText(placeholderEl(), text);
    if (placeholder) show(placeholder, on);
    show(graph.element, !on && mode === 'graph');
    if (on) list?.show(false);
    else if (mode === 'list' && !listView().visible) listView().show(true);
  }

  /** The header says what the last snapshot says (and which action is pending). */
  function updateHeader(): void {
    const header = chrome?.header;
    if (!header || !snapshot) return;
    const t = snapshot.task;
    const p = t ? taskProgress(t) : { done: 0, total: 0 };
    header.update(snapshot, t ? taskActions(t) : [], p.done, p.total, actions.pending?.kind);
  }

  function setTicker(on: boolean): void {
    if (on && !ticker) {
      ticker = setInterval(() => {
        const now = Date.now();
        chrome?.header.tick(now);
        details?.tick(now);
      }, 1000);
    } else if (!on && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  }

  // ---- details and actions ----
  function select(i: number): void {
    const m = model;
    if (!m) return;
    const sub = m.subs[i];
    graph.setSelected(i);
    graph.setCursor(i);
    const pane = detailsPane();
    const wasOpen = pane.subtaskId;
    pane.open(sub, subtaskActions(m.task, sub), actions.pending !== undefined);
    if (wasOpen !== sub.id) post({ type: 'selectSubtask', subtaskId: sub.id });
  }

  function closeDetails(): void {
    if (details?.subtaskId === undefined) return;
    details.close();
    graph.setSelected(undefined);
    post({ type: 'selectSubtask', subtaskId: null });
    graph.element.focus();
  }

  function refreshDetails(structure: boolean): void {
    const id = details?.subtaskId;
    const m = model;
    if (!details || id === undefined || !m) return;
    const i = m.dag.indexOf.get(id);
    if (i === undefined) {
      closeDetails();
      return;
    }
    if (structure) graph.setSelected(i);
    details.update(m.subs[i], subtaskActions(m.task, m.subs[i]), actions.pending !== undefined);
  }

  function requestAction(kind: ActionKind, subtaskId?: number): void {
    if (!actions.request(kind, subtaskId)) return;
    chrome?.banners.hideAction();
    rerenderPending();
    post(subtaskId === undefined ? { type: 'action', kind } : { type: 'action', kind, subtaskId });
  }

  function rerenderPending(): void {
    updateHeader();
    refreshDetails(false);
  }

  function actionResult(msg: ActionResultMessage): void {
    actions.result(msg.outcome, msg.postedAt);
    rerenderPending();
    reveal().banners.actionResult(msg);
  }

  // ---- search and status chips ----
  /** Recomputes dimming (search and chips) and the match list; `jump` moves to the next match. */
  function applyFilter(jump: boolean, backwards = false): void {
    const m = model;
    // Before the toolbar is made nothing can be searched or chosen.
    const toolbar = chrome?.toolbar;
    const f = computeFilter(m && { subs: m.subs, status: m.status, order: m.dag.order }, toolbar?.search.value ?? '', toolbar?.chips ?? NO_CHIPS);
    graph.setHighlight(f.dim, f.match);
    dimmed = f.dim;
    list?.setFilter(f.dim);
    search.matches = f.matches;
    if (!f.dim || !toolbar) {
      toolbar?.setMatches('', 0, 0);
      return;
    }
    if (jump && search.matches.length > 0) {
      search.pos = stepMatch(search.pos, search.matches.length, backwards);
      const i = search.matches[search.pos];
      graph.setCursor(i);
      if (mode === 'graph') graph.ensureVisible(i);
      else listView().focusRow(i);
      moved();
      announce(i);
    } else if (search.pos >= search.matches.length) search.pos = -1;
    toolbar.setMatches(f.query, search.pos, search.matches.length);
  }

  // ---- modes, keys, export ----
  function setMode(next: ViewMode): void {
    mode = next;
    reveal().toolbar.setMode(next);
    const empty = !model || model.subs.length === 0;
    show(graph.element, next === 'graph' && !empty);
    if (next === 'list' && !empty) listView().show(true);
    else list?.show(false);
    if (next === 'graph') graph.requestDraw();
  }

  function onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    if (e.key === 'Escape' && details?.subtaskId !== undefined) {
      e.preventDefault();
      closeDetails();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      reveal().toolbar.search.focus();
      return;
    }
    if (mode !== 'graph' || target.closest('button, pre, .list')) return;
    switch (e.key) {
      case 'f': case 'F': graph.fit(); moved(); break;
      case '0': actualSize(); break;
      case '+': case '=': zoom(1.25); break;
      case '-': case '_': zoom(1 / 1.25); break;
      default: return;
    }
    e.preventDefault();
  }

  function copy(format: 'svg' | 'mermaid'): void {
    const m = model;
    if (!m) return;
    const text = format === 'mermaid'
      ? toMermaid({ dag: m.dag, subtasks: m.subs, statusText: statusLabel, palette: palette.status })
      : toSvg({ title: `${m.task.name} (#${m.task.id})`, layout: m.layout, brokenEdges: m.layout.brokenEdges, subtasks: m.subs, statusText: statusLabel, palette });
    post({ type: 'copy', format, text });
  }

  function handle(msg: HostMessage): void {
    switch (msg.type) {
      case 'snapshot': update(msg); break;
      case 'log': details?.setLog(msg); break;
      case 'actionResult': actionResult(msg); break;
      default: break; // init is handled by whoever mounted the view
    }
  }

  return {
    update,
    handle,
    flush: () => graph.drawNow(),
    graph,
    dispose() {
      clearTimeout(revealTimer);
      cancelAnimationFrame(revealFrame);
      unwatch();
      graph.dispose();
      setTicker(false);
      root.remove();
    },
  };
}
