// The task view's action state, pure (no DOM): one task or subtask action at a time. From the click until
// a snapshot newer than the action has arrived, every action button is disabled and shows the pending
// state: the host's answer "done" only says OCP accepted the POST, and the snapshot shown at that moment
// is stale (it still offers the action that was just sent). Failed, refused or cancelled actions sent
// nothing that changes the task, so they release the buttons at once.
import type { ActionKind, ActionOutcome, SnapshotPayload } from '../panel/protocol';

export interface PendingAction {
  kind: ActionKind;
  subtaskId?: number;
}

export class ActionGate {
  private current?: PendingAction;
  /** Set once the host said "done": the buttons come back with a snapshot fetched after this (host clock). */
  private after?: number;
  /** updatedAt of the newest snapshot seen (host clock). */
  private lastUpdate = -Infinity;

  get pending(): PendingAction | undefined {
    return this.current;
  }

  /** Starts an action; false (and nothing changes) while another one is pending. */
  request(kind: ActionKind, subtaskId?: number): boolean {
    if (this.current) return false;
    this.current = subtaskId === undefined ? { kind } : { kind, subtaskId };
    this.after = undefined;
    return true;
  }

  /**
   * The host said what became of the action. `postedAt` is when OCP answered the POST (host clock); without
   * it, a snapshot fetched after the newest one seen so far counts as newer.
   */
  result(outcome: ActionOutcome, postedAt?: number): void {
    if (!this.current) return;
    if (outcome !== 'done') {
      this.current = undefined;
      return;
    }
    this.after = Math.max(this.lastUpdate, typeof postedAt === 'number' && Number.isFinite(postedAt) ? postedAt : -Infinity);
  }

  /**
   * A snapshot arrived; true when it released a pending action. Released by one fetched after the POST, or
   * when polling stopped on rejected credentials (no newer snapshot can come; the host refuses actions then).
   */
  snapshot(snap: Pick<SnapshotPayload, 'updatedAt' | 'state'>): boolean {
    const at = snap.updatedAt;
    const newer = at !== undefined && this.after !== undefined && at > this.after;
    if (at !== undefined && at > this.lastUpdate) this.lastUpdate = at;
    if (!this.current || this.after === undefined) return false;
    if (newer || snap.state === 'stopped:auth') {
      this.current = undefined;
      this.after = undefined;
      return true;
    }
    return false;
  }
}
