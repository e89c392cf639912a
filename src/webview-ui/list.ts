// The "List" view: every subtask in topological order (dag.order) in a table, for screen readers and
// copying. Rows are built when the list is first shown; later snapshots patch only the changed rows.
// One row at a time is in the tab order (arrow keys move between rows, Enter opens the details). Each row has a
// button that opens the subtask's whole log in an editor (one click handler for the table).
import type { PanelStrings } from '../panel/protocol';
import { h, setText } from './dom';
import { elapsed, formatTime } from './format';
import type { GraphModel } from './model';
import { statusClass, statusStyle } from './style';

interface Row {
  tr: HTMLTableRowElement;
  status: HTMLTableCellElement;
  start: HTMLTableCellElement;
  duration: HTMLTableCellElement;
  name: HTMLTableCellElement;
}

export class ListView {
  readonly element: HTMLDivElement;
  private readonly body = h('tbody');
  private rows: Row[] = [];
  private model?: GraphModel;
  private built = false;
  private active = -1;
  private filter?: Uint8Array;

  constructor(private readonly s: PanelStrings, private readonly locale: string, private readonly activate: (i: number) => void, private readonly openLog?: (i: number) => void) {
    const head = h('tr', {}, ...[s.order, s.id, s.name, s.status, s.start, s.duration, s.log].map((t) => h('th', { scope: 'col' }, t)));
    const table = h('table', { class: 'list-table' }, h('caption', { class: 'sr-only' }, s.listLabel), h('thead', {}, head), this.body);
    this.element = h('div', { class: 'list', hidden: true }, table);
    this.body.addEventListener('click', (e) => {
      const i = this.rowOf(e.target);
      if (i !== undefined && (e.target as HTMLElement | null)?.closest?.('button.open-log')) {
        this.openLog?.(i);
        return;
      }
      if (i !== undefined) this.focusRow(i, true);
    });
    this.body.addEventListener('keydown', (e) => this.onKey(e));
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  setModel(model: GraphModel | undefined, structureChanged: boolean): void {
    this.model = model;
    if (structureChanged) {
      this.built = false;
      this.active = -1;
    }
    if (this.visible) this.build();
  }

  show(on: boolean): void {
    this.element.hidden = !on;
    if (on) this.build();
  }

  /** Re-renders the given rows (statuses or times changed). */
  patch(indices: readonly number[]): void {
    if (!this.built) return;
    for (const i of indices) this.fill(i);
  }

  /** Hides rows whose filter value is 1 (search and status chips). */
  setFilter(dim: Uint8Array | undefined): void {
    this.filter = dim;
    if (!this.built) return;
    this.rows.forEach((r, i) => {
      const hide = !!dim && dim[i] === 1;
      if (r.tr.hidden !== hide) r.tr.hidden = hide;
    });
  }

  /** Moves the row focus to node i (when the list is shown). */
  focusRow(i: number, activate = false): void {
    const r = this.rows[i];
    if (!r) return;
    if (this.active >= 0 && this.rows[this.active]) this.rows[this.active].tr.tabIndex = -1;
    this.active = i;
    r.tr.tabIndex = 0;
    r.tr.focus();
    if (activate) this.activate(i);
  }

  private build(): void {
    const m = this.model;
    if (this.built || !m) return;
    this.body.textContent = '';
    this.rows = new Array(m.subs.length);
    const frag = document.createDocumentFragment();
    m.dag.order.forEach((i, pos) => {
      const open = h('button', { type: 'button', class: 'open-log icon', tabindex: -1, title: this.s.openLogInEditor, 'aria-label': `${this.s.openLogInEditor} ${m.subs[i].id}` }, '\u2197');
      const cells = [h('td', {}, String(pos + 1)), h('td', {}, String(m.subs[i].id)), h('td'), h('td'), h('td'), h('td'), h('td', {}, open)];
      const tr = h('tr', { tabindex: -1, 'data-index': i }, ...cells);
      this.rows[i] = { tr, name: cells[2], status: cells[3], start: cells[4], duration: cells[5] };
      frag.append(tr);
    });
    this.body.append(frag);
    this.built = true;
    for (let i = 0; i < m.subs.length; i++) this.fill(i);
    const first = this.rows[m.dag.order[0]];
    if (first) {
      first.tr.tabIndex = 0;
      this.active = m.dag.order[0];
    }
    this.setFilter(this.filter);
  }

  private fill(i: number): void {
    const m = this.model;
    const r = this.rows[i];
    if (!m || !r) return;
    const sub = m.subs[i];
    setText(r.name, sub.name);
    r.status.className = statusClass(sub.status);
    setText(r.status, `${statusStyle(sub.status).icon} ${m.statusLabel(i)}`);
    setText(r.start, formatTime(sub.startTime, this.locale));
    const running = sub.status === 'RUNNING' || sub.status === 'CANCELING';
    setText(r.duration, elapsed(sub.startTime, running ? undefined : sub.finishTime, Date.now(), this.locale));
  }

  private rowOf(target: EventTarget | null): number | undefined {
    const tr = (target as HTMLElement | null)?.closest?.('tr[data-index]');
    return tr ? Number(tr.getAttribute('data-index')) : undefined;
  }

  private onKey(e: KeyboardEvent): void {
    const m = this.model;
    const i = this.rowOf(e.target);
    if (!m || i === undefined) return;
    if ((e.key === 'l' || e.key === 'L') && this.openLog && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      this.openLog(i);
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.activate(i);
      return;
    }
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'Home' ? -Infinity : e.key === 'End' ? Infinity : 0;
    if (step === 0) return;
    e.preventDefault();
    let pos = m.dag.position[i];
    const order = m.dag.order;
    const visible = (p: number): boolean => !this.rows[order[p]].tr.hidden;
    if (step === -Infinity) pos = 0;
    else if (step === Infinity) pos = order.length - 1;
    else pos += step;
    while (pos >= 0 && pos < order.length && !visible(pos)) pos += step === -Infinity ? 1 : step === Infinity ? -1 : step;
    if (pos >= 0 && pos < order.length) this.focusRow(order[pos]);
  }
}
