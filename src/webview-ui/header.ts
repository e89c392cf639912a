// The panel header: task name, id, status (icon + colour + text), creator, k/n done, elapsed and start
// time, the legal task actions, Refresh and Follow.
import type { TaskAction } from '../core/model/dag';
import type { Task } from '../core/model/task';
import type { ActionKind, PanelStrings, SnapshotPayload } from '../panel/protocol';
import { button, h, setText, show } from './dom';
import { elapsed, fmt, formatTime } from './format';
import { statusClass, statusStyle, statusText } from './style';

export interface HeaderCallbacks {
  action(kind: ActionKind): void;
  refresh(): void;
  follow(): void;
}

export class Header {
  readonly element: HTMLElement;
  private readonly title = h('h1', { class: 'title' });
  private readonly idEl = h('span', { class: 'task-id' });
  private readonly badge = h('span', { class: 'badge' });
  private readonly creator = h('span', { class: 'meta-item' });
  private readonly started = h('span', { class: 'meta-item' });
  private readonly elapsedEl = h('span', { class: 'meta-item' });
  private readonly progressText = h('span', { class: 'meta-item' });
  private readonly bar = h('div', { class: 'bar' });
  private readonly progress = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0 }, this.bar);
  private readonly retry: HTMLButtonElement;
  private readonly rollback: HTMLButtonElement;
  private readonly followBtn: HTMLButtonElement;
  private task?: Task;

  constructor(private readonly s: PanelStrings, private readonly taskId: number, private readonly locale: string, cb: HeaderCallbacks) {
    this.retry = button(s.retryTask, () => cb.action('retryTask'), { class: 'primary', hidden: true });
    this.rollback = button(s.rollbackTask, () => cb.action('rollbackTask'), { hidden: true });
    this.followBtn = button(s.follow, () => cb.follow(), { title: s.followTitle, 'aria-pressed': 'true' });
    const actions = h('div', { class: 'header-actions' }, this.retry, this.rollback, button(s.refresh, () => cb.refresh()), this.followBtn);
    this.element = h('header', { class: 'header' },
      h('div', { class: 'title-row' }, this.title, this.idEl, this.badge, actions),
      h('div', { class: 'meta' }, this.progressText, this.elapsedEl, this.started, this.creator),
      this.progress,
    );
    setText(this.title, fmt(s.taskTitle, taskId));
    setText(this.idEl, `#${taskId}`);
  }

  update(snap: SnapshotPayload, legal: readonly TaskAction[], done: number, total: number, pending: ActionKind | undefined): void {
    const t = snap.task;
    this.task = t;
    const s = this.s;
    setText(this.title, t?.name || snap.name || fmt(s.taskTitle, this.taskId));
    const status = t ? { status: t.status as string, rawStatus: t.rawStatus } : { status: snap.lastStatus ?? 'UNKNOWN', rawStatus: snap.lastStatus ?? '' };
    this.badge.className = `badge ${statusClass(status.status)}`;
    setText(this.badge, `${statusStyle(status.status).icon} ${t || snap.lastStatus ? statusText(status, s) : s.loading}`);
    setText(this.creator, t?.creator ? `${s.creator}: ${t.creator}` : '');
    setText(this.started, t?.startTime !== undefined ? `${s.started}: ${formatTime(t.startTime, this.locale)}` : '');
    setText(this.progressText, t ? fmt(s.progress, done, total) : '');
    this.progress.setAttribute('aria-valuemax', String(total));
    this.progress.setAttribute('aria-valuenow', String(done));
    this.progress.setAttribute('aria-label', fmt(s.progress, done, total));
    this.bar.style.width = `${total > 0 ? (100 * done) / total : 0}%`;
    this.bar.className = `bar ${statusClass(status.status)}`;
    show(this.retry, legal.includes('retry'));
    show(this.rollback, legal.includes('rollback'));
    this.retry.disabled = this.rollback.disabled = pending !== undefined;
    this.tick(Date.now());
  }

  /** Updates the elapsed time (called every second while the task runs). */
  tick(now: number): void {
    const t = this.task;
    const e = t ? elapsed(t.startTime, t.status === 'RUNNING' ? undefined : t.finishTime, now, this.locale) : '';
    setText(this.elapsedEl, e ? `${this.s.elapsed}: ${e}` : '');
  }

  setFollowing(on: boolean): void {
    this.followBtn.setAttribute('aria-pressed', String(on));
  }
}
