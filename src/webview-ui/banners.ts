// The task view's banners: problems of the graph (dangling references, cycles, the task's own issues), the
// poll state (credentials rejected, rate limited, retrying after an error) and a failed or refused action.
import type { ActionResultMessage, PanelStrings, SnapshotPayload } from '../panel/protocol';
import { button, h, setText, show } from './dom';
import { fmt } from './format';

/** At most this many problems are spelled out; the rest are counted. */
const SHOWN_PROBLEMS = 3;

/** The text of the problem banner ('' for none). */
export function problemText(s: Pick<PanelStrings, 'brokenGraph' | 'andMore'>, problems: readonly string[]): string {
  if (problems.length === 0) return '';
  const shown = problems.slice(0, SHOWN_PROBLEMS).join(' ');
  return fmt(s.brokenGraph, problems.length > SHOWN_PROBLEMS ? `${shown} ${fmt(s.andMore, problems.length - SHOWN_PROBLEMS)}` : shown);
}

/** The text of the poll banner ('' for none). */
export function pollText(s: Pick<PanelStrings, 'authStopped' | 'rateLimited' | 'pollError'>, snap: SnapshotPayload): string {
  return snap.state === 'stopped:auth' ? s.authStopped
    : snap.state === 'rateLimited' ? s.rateLimited
    : snap.state === 'backoff' && snap.error ? fmt(s.pollError, snap.error) : '';
}

type BannerStrings = Pick<PanelStrings, 'brokenGraph' | 'andMore' | 'authStopped' | 'rateLimited' | 'pollError'>;

/** The texts of the problem and the poll banners for a snapshot ('' for none; none without a task). */
function bannerTexts(s: BannerStrings, snap: SnapshotPayload, graphProblems: readonly string[] | undefined): { problem: string; poll: string } {
  const t = snap.task;
  if (!t) return { problem: '', poll: '' };
  return { problem: graphProblems ? problemText(s, [...graphProblems, ...t.issues]) : '', poll: pollText(s, snap) };
}

/** Whether the problem or the poll banner has something to say about this snapshot. */
export function hasBannerText(s: BannerStrings, snap: SnapshotPayload, graphProblems: readonly string[]): boolean {
  const { problem, poll } = bannerTexts(s, snap, graphProblems);
  return problem !== '' || poll !== '';
}

export class Banners {
  readonly problem = h('div', { class: 'banner warning', role: 'status', hidden: true });
  readonly poll = h('div', { class: 'banner warning', role: 'status', hidden: true });
  readonly action: HTMLElement;
  private readonly actionText = h('span');

  constructor(private readonly s: PanelStrings) {
    this.action = h('div', { class: 'banner error', role: 'alert', hidden: true }, this.actionText,
      button('\u2715', () => { this.action.hidden = true; }, { class: 'icon', title: s.close, 'aria-label': s.close }));
  }

  get elements(): HTMLElement[] {
    return [this.problem, this.poll, this.action];
  }

  /** `graphProblems`: undefined while no task is shown. */
  update(snap: SnapshotPayload, graphProblems: readonly string[] | undefined): void {
    const { problem, poll } = bannerTexts(this.s, snap, graphProblems);
    show(this.problem, problem !== '');
    if (problem !== '') setText(this.problem, problem);
    show(this.poll, poll !== '');
    setText(this.poll, poll);
  }

  hideAction(): void {
    this.action.hidden = true;
  }

  /** Shows why an action did not happen (failed or refused); other outcomes show nothing. */
  actionResult(msg: ActionResultMessage): void {
    if (msg.outcome !== 'failed' && msg.outcome !== 'refused') return;
    const label = this.s[msg.kind];
    setText(this.actionText, msg.outcome === 'failed' ? fmt(this.s.actionFailed, label, msg.message ?? '') : fmt(this.s.actionRefused, label));
    this.action.hidden = false;
  }
}
