// The details pane of one subtask: its fields, its legal actions, and its log (fetched by the host,
// refreshed while the subtask runs). Everything is inserted as text.
import type { SubtaskAction } from '../core/model/dag';
import type { Subtask } from '../core/model/task';
import type { ActionKind, LogMessage, PanelStrings } from '../panel/protocol';
import { button, h, setText, show } from './dom';
import { elapsed, fmt, formatTime } from './format';
import { statusClass, statusStyle, statusText } from './style';

export interface DetailsCallbacks {
  close(): void;
  action(kind: ActionKind, subtaskId: number): void;
  refreshLog(subtaskId: number): void;
  /** The whole log of the subtask in an editor (the host opens it). */
  openLog(subtaskId: number): void;
}

const ACTION_OF: Record<SubtaskAction, ActionKind> = { retry: 'retrySubtask', skip: 'skipSubtask', cancel: 'cancelSubtask' };

type Field = 'name' | 'description' | 'id' | 'status' | 'operation' | 'start' | 'finish' | 'duration' | 'timeout' | 'runCount' | 'nodeType' | 'executor';
const FIELDS: Field[] = ['name', 'description', 'id', 'status', 'operation', 'start', 'finish', 'duration', 'timeout', 'runCount', 'nodeType', 'executor'];

export class Details {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'details-heading' });
  private readonly values = new Map<Field, HTMLElement>();
  private readonly actions = h('div', { class: 'details-actions', role: 'group' });
  private readonly pendingNote = h('span', { class: 'pending', hidden: true });
  private readonly logPre = h('pre', { class: 'log', tabindex: 0 });
  private readonly logNote = h('div', { class: 'log-note', hidden: true });
  private readonly buttons = new Map<SubtaskAction, HTMLButtonElement>();
  private readonly openLogButton: HTMLButtonElement;
  private sub?: Subtask;
  private followLog = true;

  constructor(private readonly s: PanelStrings, private readonly locale: string, private readonly cb: DetailsCallbacks) {
    const dl = h('dl', { class: 'fields' });
    for (const f of FIELDS) {
      const dd = h('dd');
      this.values.set(f, dd);
      dl.append(h('dt', {}, s[f]), dd);
    }
    for (const a of ['retry', 'skip', 'cancel'] as SubtaskAction[]) {
      const label = a === 'retry' ? s.retrySubtask : a === 'skip' ? s.skipSubtask : s.cancelSubtask;
      const b = button(label, () => this.sub && cb.action(ACTION_OF[a], this.sub.id), { hidden: true, class: a === 'retry' ? 'primary' : undefined });
      this.buttons.set(a, b);
      this.actions.append(b);
    }
    this.openLogButton = button(s.openLogInEditor, () => this.sub && cb.openLog(this.sub.id), { class: 'open-log' });
    this.actions.setAttribute('aria-label', s.actions);
    this.actions.append(this.pendingNote);
    this.logPre.setAttribute('aria-label', s.log);
    this.logPre.addEventListener('scroll', () => {
      const p = this.logPre;
      this.followLog = p.scrollTop + p.clientHeight >= p.scrollHeight - 4;
    });
    this.element = h('aside', { class: 'details', hidden: true, 'aria-labelledby': 'details-heading' },
      h('div', { class: 'details-head' }, this.heading, button('\u2715', () => cb.close(), { class: 'icon', title: s.close, 'aria-label': s.close })),
      dl,
      this.actions,
      h('div', { class: 'log-head' }, h('h3', {}, s.log), button(s.refreshLog, () => this.sub && cb.refreshLog(this.sub.id)), this.openLogButton),
      this.logNote,
      this.logPre,
    );
  }

  get subtaskId(): number | undefined {
    return this.element.hidden ? undefined : this.sub?.id;
  }

  /** Opens the pane on a subtask (the log shows "loading" until the host answers). */
  open(sub: Subtask, legal: readonly SubtaskAction[], pending: boolean): void {
    const changed = this.sub?.id !== sub.id || this.element.hidden;
    this.element.hidden = false;
    if (changed) {
      this.logPre.textContent = this.s.logLoading;
      this.logNote.hidden = true;
      this.followLog = true;
    }
    this.update(sub, legal, pending);
  }

  update(sub: Subtask, legal: readonly SubtaskAction[], pending: boolean): void {
    this.sub = sub;
    const s = this.s;
    setText(this.heading, sub.name);
    this.openLogButton.title = fmt(s.openLogTitle, sub.id);
    const v = (f: Field, text: string | undefined): void => setText(this.values.get(f)!, text === undefined || text === '' ? s.empty : text);
    v('name', sub.name);
    v('description', sub.description);
    v('id', String(sub.id));
    const st = this.values.get('status')!;
    st.className = statusClass(sub.status);
    v('status', `${statusStyle(sub.status).icon} ${statusText(sub, s)}`);
    v('operation', sub.operation === 'UNKNOWN' ? sub.rawOperation : sub.operation);
    v('start', formatTime(sub.startTime, this.locale));
    v('finish', formatTime(sub.finishTime, this.locale));
    v('timeout', sub.timeout !== undefined ? fmt(s.seconds, sub.timeout) : undefined);
    v('runCount', sub.runTime !== undefined ? String(sub.runTime) : undefined);
    v('nodeType', sub.isWaitNode && !sub.nodeType ? s.waitNode : sub.nodeType);
    v('executor', sub.executor);
    this.tick(Date.now());
    for (const [a, b] of this.buttons) {
      show(b, legal.includes(a));
      b.disabled = pending;
    }
    this.pendingNote.hidden = !pending;
    setText(this.pendingNote, s.actionPending);
  }

  tick(now: number): void {
    const sub = this.sub;
    if (!sub) return;
    const running = sub.status === 'RUNNING' || sub.status === 'CANCELING';
    setText(this.values.get('duration')!, elapsed(sub.startTime, running ? undefined : sub.finishTime, now, this.locale) || this.s.empty);
  }

  setLog(msg: LogMessage): void {
    if (msg.subtaskId !== this.sub?.id) return;
    const text = msg.error ? msg.error : msg.text === '' ? this.s.logEmpty : msg.text;
    this.logPre.classList.toggle('error', !!msg.error);
    if (this.logPre.textContent !== text) {
      this.logPre.textContent = text;
      if (this.followLog) this.logPre.scrollTop = this.logPre.scrollHeight;
    }
    this.logNote.hidden = !msg.truncated;
    setText(this.logNote, msg.truncated ? this.s.logTruncated : '');
  }

  close(): void {
    this.element.hidden = true;
  }
}
