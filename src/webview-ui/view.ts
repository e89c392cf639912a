// The task view: header, toolbar (search, status chips, zoom, Graph/List, export), the graph canvas, the
// list, the details pane and the banners. Independent of VS Code: it gets strings and a `post` function,
// so a benchmark can mount it in a plain page. Snapshots are whole tasks; the view keeps the layout
// while layoutKey is unchanged and patches only the subtasks whose fields changed (diff by id).
import { buildDag, focusSubtask, subtaskActions, taskActions, taskProgress, type Dag } from '../core/model/dag';
import { layoutDag, layoutKey } from '../core/model/layout';
import type { Subtask, Task } from '../core/model/task';
import type { ActionKind, ActionResultMessage, HostMessage, LogMessage, PanelSettings, PanelStrings, SnapshotPayload, WebviewMessage } from '../panel/protocol';
import { Details } from './details';
import { button, h, setText, show } from './dom';
import { toMermaid, toSvg } from './export';
import { fmt } from './format';
import { GraphCanvas, type GraphModel } from './graph';
import { Header } from './header';
import { ListView } from './list';
import { readPalette, watchTheme, type Palette } from './palette';
import { normalizeQuery, subtaskMatches } from './search';
import { STATUS_KEYS, statusClass, statusStyle, statusText, type StatusKey } from './style';

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
  key: string;
  task: Task;
  /** What is wrong with the graph (dangling references, cycles), computed with the layout. */
  problems: string[];
}

const UNKNOWN_INDEX = STATUS_KEYS.indexOf('UNKNOWN');

/** True when the fields shown anywhere in the panel are equal. */
function sameSubtask(a: Subtask, b: Subtask): boolean {
  return a.status === b.status && a.rawStatus === b.rawStatus && a.name === b.name && a.description === b.description
    && a.rawOperation === b.rawOperation && a.startTime === b.startTime && a.finishTime === b.finishTime
    && a.runTime === b.runTime && a.timeout === b.timeout && a.executor === b.executor && a.nodeType === b.nodeType
    && a.prohibitSkip === b.prohibitSkip;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `t` has exactly the model's subtasks and edges (the layout key cannot have changed; no hashing needed). */
function sameShape(m: Model, t: Task): boolean {
  if (t.subtasks.length !== m.subs.length) return false;
  for (const s of t.subtasks) {
    const i = m.dag.indexOf.get(s.id);
    if (i === undefined) return false;
    const p = m.subs[i];
    if (p.parallelIdx !== s.parallelIdx || p.seriesId !== s.seriesId || p.isWaitNode !== s.isWaitNode
      || !sameList(p.upstreams, s.upstreams) || !sameList(p.downstreams, s.downstreams)) return false;
  }
  return true;
}

/** Mounts the task view into `container`. `strings` come from the host's init message (keys are shown when missing). */
export function mountTaskView(container: HTMLElement, host: ViewHost, strings: Partial<PanelStrings>, options: MountOptions = {}): TaskView {
  const s = new Proxy(strings as PanelStrings, { get: (t, k: string) => (t as Record<string, string>)[k] ?? k });
  const locale = options.settings?.locale ?? navigator.language;
  const taskId = options.taskId ?? 0;

  let model: Model | undefined;
  let snapshot: SnapshotPayload | undefined;
  let palette: Palette = readPalette();
  let userMoved = false;
  let firstFocus = true;
  let pending: { kind: ActionKind; subtaskId?: number } | undefined;
  let wantedSelection = options.selectedSubtaskId;
  let matches: number[] = [];
  let matchPos = -1;
  const chips = new Set<number>();
  let ticker: ReturnType<typeof setInterval> | undefined;
  const statusLabels: string[] = STATUS_KEYS.map((k) => statusText({ status: k }, s));
  let mode: 'graph' | 'list' = 'graph';

  const post = (m: WebviewMessage): void => host.post(m);
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });

  // ---- header, banners, toolbar ----
  const header = new Header(s, taskId, locale, {
    action: (kind) => requestAction(kind),
    refresh: () => post({ type: 'refresh' }),
    follow: () => {
      userMoved = false;
      header.setFollowing(true);
      autoFocus();
    },
  });
  const problemBanner = h('div', { class: 'banner warning', role: 'status', hidden: true });
  const pollBanner = h('div', { class: 'banner warning', role: 'status', hidden: true });
  const actionText = h('span');
  const actionBanner = h('div', { class: 'banner error', role: 'alert', hidden: true }, actionText,
    button('\u2715', () => { actionBanner.hidden = true; }, { class: 'icon', title: s.close, 'aria-label': s.close }));

  const search = h('input', { type: 'search', class: 'search', placeholder: s.searchPlaceholder, 'aria-label': s.search });
  const matchCount = h('span', { class: 'match-count', 'aria-live': 'polite' });
  const chipBox = h('div', { class: 'chips', role: 'group', 'aria-label': s.filterStatus });
  const chipButtons = STATUS_KEYS.map((k, idx) => {
    const b = button('', () => toggleChip(idx), { class: `chip ${statusClass(k)}`, 'aria-pressed': 'false', hidden: true });
    chipBox.append(b);
    return b;
  });
  const graphBtn = button(s.graphView, () => setMode('graph'), { 'aria-pressed': 'true' });
  const listBtn = button(s.listView, () => setMode('list'), { 'aria-pressed': 'false' });
  const zoomGroup = h('div', { class: 'group' },
    button('\u2212', () => zoom(1 / 1.25), { title: s.zoomOut, 'aria-label': s.zoomOut }),
    button('+', () => zoom(1.25), { title: s.zoomIn, 'aria-label': s.zoomIn }),
    button(s.fit, () => { graph.fit(); moved(); }),
    button(s.actualSize, () => actualSize()),
  );
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': s.toolbarLabel },
    h('div', { class: 'group' }, search, matchCount),
    chipBox,
    zoomGroup,
    h('div', { class: 'group' }, graphBtn, listBtn),
    h('div', { class: 'group' }, button(s.copySvg, () => copy('svg')), button(s.copyMermaid, () => copy('mermaid'))),
  );

  // ---- graph, list, details ----
  const graph = new GraphCanvas({
    activate: (i) => select(i),
    cursorMoved: (i) => announce(i),
    userMoved: () => moved(),
    initialCursor: () => focusIndex(),
  }, fmt(s.graphLabel, taskId));
  const list = new ListView(s, locale, (i) => select(i));
  const details = new Details(s, locale, {
    close: () => closeDetails(),
    action: (kind, subtaskId) => requestAction(kind, subtaskId),
    refreshLog: (subtaskId) => post({ type: 'requestLog', subtaskId }),
  });
  const placeholder = h('div', { class: 'placeholder' }, s.loading);
  const stage = h('div', { class: 'stage' }, graph.element, list.element, placeholder);
  const root = h('div', { class: 'task-view' },
    header.element, problemBanner, pollBanner, actionBanner, toolbar,
    h('div', { class: 'body' }, stage, details.element),
    announcer,
  );
  container.append(root);
  graph.setPalette(palette);
  graph.measure();
  const unwatch = watchTheme(() => {
    palette = readPalette();
    graph.setPalette(palette);
  });
  const resizeObs = new ResizeObserver(() => { if (!userMoved) autoFocus(); });
  resizeObs.observe(graph.element);
  root.addEventListener('keydown', onKey);

  function moved(): void {
    if (!userMoved) header.setFollowing(false);
    userMoved = true;
  }

  function zoom(f: number): void {
    graph.zoomBy(f);
    moved();
  }

  function actualSize(): void {
    const c = graph.getCursor() ?? (details.subtaskId !== undefined ? model?.dag.indexOf.get(details.subtaskId) : undefined);
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
    if (!m || userMoved || mode !== 'graph' || graph.size().width === 0) return;
    const i = focusIndex();
    if (i !== undefined) graph.centerOn(i, firstFocus ? 1 : undefined);
    else if (firstFocus) {
      const l = m.layout;
      const fits = l.width * 0.5 <= graph.size().width && l.height * 0.5 <= graph.size().height;
      if (fits) graph.fit();
      else graph.showTop();
    }
    firstFocus = false;
  }

  function announce(i: number): void {
    const m = model;
    if (!m) return;
    setText(announcer, fmt(s.announce, m.subs[i].name, statusLabel(i)));
  }

  // ---- snapshots ----
  function update(snap: SnapshotPayload): void {
    snapshot = snap;
    const t = snap.task;
    if (!t) {
      updateBanners(snap);
      setText(placeholder, snap.error ? fmt(s.pollError, snap.error) : s.loading);
      showPlaceholder(true);
      header.update(snap, [], 0, 0, pending?.kind);
      return;
    }
    const key = model && sameShape(model, t) ? model.key : layoutKey(t);
    let changed: number[];
    let structure = false;
    if (!model || model.key !== key) {
      const dag = buildDag(t);
      const layout = layoutDag(dag);
      const status = new Uint8Array(dag.nodes.length);
      dag.nodes.forEach((n, i) => (status[i] = statusStyle(n.status).index));
      model = { key, task: t, dag, layout, subs: dag.nodes.slice(), status, statusLabel, problems: dag.problems.map((p) => p.message) };
      changed = dag.nodes.map((_, i) => i);
      structure = true;
      firstFocus = firstFocus || !userMoved;
      matchPos = -1;
    } else {
      const m = model;
      changed = [];
      const renamed: number[] = [];
      const byId = new Map<number, Subtask>();
      for (const sub of t.subtasks) byId.set(sub.id, sub);
      for (let i = 0; i < m.subs.length; i++) {
        const next = byId.get(m.subs[i].id);
        if (!next) continue;
        if (!sameSubtask(m.subs[i], next)) {
          changed.push(i);
          if (next.name !== m.subs[i].name) renamed.push(i);
          m.status[i] = statusStyle(next.status).index;
        }
        m.subs[i] = next;
      }
      m.task = t;
      graph.renamed(renamed);
    }
    const m = model;
    updateBanners(snap);
    showPlaceholder(m.subs.length === 0);
    if (m.subs.length === 0) setText(placeholder, s.noSubtasks);
    const { done, total } = taskProgress(t);
    header.update(snap, taskActions(t), done, total, pending?.kind);
    graph.setModel(m, structure);
    list.setModel(m, structure);
    if (!structure) list.patch(changed);
    updateChips();
    if (structure || changed.length > 0) applyFilter(false);
    refreshDetails(structure);
    if (wantedSelection !== undefined && m.dag.indexOf.has(wantedSelection)) {
      const i = m.dag.indexOf.get(wantedSelection)!;
      wantedSelection = undefined;
      select(i);
    }
    autoFocus();
    setTicker(t.status === 'RUNNING');
  }

  function showPlaceholder(on: boolean): void {
    show(placeholder, on);
    show(graph.element, !on && mode === 'graph');
    if (on) list.show(false);
    else if (mode === 'list' && !list.visible) list.show(true);
  }

  function updateBanners(snap: SnapshotPayload): void {
    const t = snap.task;
    if (t && model) {
      const problems = [...model.problems, ...t.issues];
      show(problemBanner, problems.length > 0);
      if (problems.length > 0) {
        const shown = problems.slice(0, 3).join(' ');
        setText(problemBanner, fmt(s.brokenGraph, problems.length > 3 ? `${shown} ${fmt(s.andMore, problems.length - 3)}` : shown));
      }
    } else show(problemBanner, false);
    const pollText = snap.state === 'stopped:auth' ? s.authStopped
      : snap.state === 'rateLimited' ? s.rateLimited
      : snap.state === 'backoff' && snap.error ? fmt(s.pollError, snap.error) : '';
    show(pollBanner, pollText !== '' && !!t);
    setText(pollBanner, pollText);
  }

  function setTicker(on: boolean): void {
    if (on && !ticker) {
      ticker = setInterval(() => {
        const now = Date.now();
        header.tick(now);
        details.tick(now);
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
    const wasOpen = details.subtaskId;
    details.open(sub, subtaskActions(m.task, sub), pending !== undefined);
    if (wasOpen !== sub.id) post({ type: 'selectSubtask', subtaskId: sub.id });
  }

  function closeDetails(): void {
    if (details.subtaskId === undefined) return;
    details.close();
    graph.setSelected(undefined);
    post({ type: 'selectSubtask', subtaskId: null });
    graph.element.focus();
  }

  function refreshDetails(structure: boolean): void {
    const id = details.subtaskId;
    const m = model;
    if (id === undefined || !m) return;
    const i = m.dag.indexOf.get(id);
    if (i === undefined) {
      closeDetails();
      return;
    }
    if (structure) graph.setSelected(i);
    details.update(m.subs[i], subtaskActions(m.task, m.subs[i]), pending !== undefined);
  }

  function requestAction(kind: ActionKind, subtaskId?: number): void {
    if (pending) return;
    pending = { kind, subtaskId };
    actionBanner.hidden = true;
    rerenderPending();
    post(subtaskId === undefined ? { type: 'action', kind } : { type: 'action', kind, subtaskId });
  }

  function rerenderPending(): void {
    if (snapshot) {
      const t = snapshot.task;
      const p = t ? taskProgress(t) : { done: 0, total: 0 };
      header.update(snapshot, t ? taskActions(t) : [], p.done, p.total, pending?.kind);
    }
    refreshDetails(false);
  }

  function actionResult(msg: ActionResultMessage): void {
    pending = undefined;
    rerenderPending();
    if (msg.outcome === 'failed' || msg.outcome === 'refused') {
      const label = s[msg.kind];
      setText(actionText, msg.outcome === 'failed' ? fmt(s.actionFailed, label, msg.message ?? '') : fmt(s.actionRefused, label));
      actionBanner.hidden = false;
    }
  }

  function showLog(msg: LogMessage): void {
    details.setLog(msg);
  }

  // ---- search and status chips ----
  function updateChips(): void {
    const m = model;
    const counts = new Array<number>(STATUS_KEYS.length).fill(0);
    if (m) for (let i = 0; i < m.status.length; i++) counts[m.status[i]]++;
    chipButtons.forEach((b, idx) => {
      show(b, counts[idx] > 0 || chips.has(idx));
      const key = STATUS_KEYS[idx] as StatusKey;
      setText(b, `${statusStyle(key).icon} ${statusLabels[idx]} ${counts[idx]}`);
    });
  }

  function toggleChip(idx: number): void {
    if (chips.has(idx)) chips.delete(idx);
    else chips.add(idx);
    chipButtons[idx].setAttribute('aria-pressed', String(chips.has(idx)));
    applyFilter(false);
  }

  /** Recomputes dimming (search and chips) and the match list; `jump` moves to the next match. */
  function applyFilter(jump: boolean, backwards = false): void {
    const m = model;
    const q = normalizeQuery(search.value);
    if (!m || (q === '' && chips.size === 0)) {
      graph.setHighlight(undefined, undefined);
      list.setFilter(undefined);
      matches = [];
      setText(matchCount, '');
      return;
    }
    const n = m.subs.length;
    const dim = new Uint8Array(n);
    const match = q ? new Uint8Array(n) : undefined;
    const found: number[] = [];
    for (const i of m.dag.order) {
      const okStatus = chips.size === 0 || chips.has(m.status[i]);
      const okQuery = q === '' || subtaskMatches(m.subs[i], q);
      if (okStatus && okQuery) {
        if (match) match[i] = 1;
        found.push(i);
      } else dim[i] = 1;
    }
    matches = q ? found : [];
    graph.setHighlight(dim, match);
    list.setFilter(dim);
    if (jump && matches.length > 0) {
      matchPos = (matchPos + (backwards ? -1 : 1) + matches.length) % matches.length;
      const i = matches[matchPos];
      graph.setCursor(i);
      if (mode === 'graph') graph.ensureVisible(i);
      else list.focusRow(i);
      moved();
      announce(i);
    } else if (matchPos >= matches.length) matchPos = -1;
    setText(matchCount, q === '' ? '' : matches.length === 0 ? s.noMatches : fmt(s.matches, Math.max(1, matchPos + 1), matches.length));
  }

  search.addEventListener('input', () => {
    matchPos = -1;
    applyFilter(false);
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      applyFilter(true, e.shiftKey);
    } else if (e.key === 'Escape' && search.value !== '') {
      e.preventDefault();
      e.stopPropagation();
      search.value = '';
      applyFilter(false);
    }
  });

  // ---- modes, keys, export ----
  function setMode(next: 'graph' | 'list'): void {
    mode = next;
    graphBtn.setAttribute('aria-pressed', String(next === 'graph'));
    listBtn.setAttribute('aria-pressed', String(next === 'list'));
    zoomGroup.hidden = next !== 'graph';
    const empty = !model || model.subs.length === 0;
    show(graph.element, next === 'graph' && !empty);
    list.show(next === 'list' && !empty);
    if (next === 'graph') graph.requestDraw();
  }

  function onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    if (e.key === 'Escape' && details.subtaskId !== undefined) {
      e.preventDefault();
      closeDetails();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      search.focus();
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
      case 'log': showLog(msg); break;
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
      unwatch();
      resizeObs.disconnect();
      graph.dispose();
      setTicker(false);
      root.remove();
    },
  };
}
