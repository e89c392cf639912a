// The task view's action state, pure (no DOM): one task or subtask action at a time. While one is pending
// every action button is disabled and shows the pending state.
import type { ActionKind, ActionOutcome } from '../panel/protocol';

export interface PendingAction {
  kind: ActionKind;
  subtaskId?: number;
}

export class ActionGate {
  private current?: PendingAction;

  get pending(): PendingAction | undefined {
    return this.current;
  }

  /** Starts an action; false (and nothing changes) while another one is pending. */
  request(kind: ActionKind, subtaskId?: number): boolean {
    if (this.current) return false;
    this.current = subtaskId === undefined ? { kind } : { kind, subtaskId };
    return true;
  }

  /** The host said what became of the action. */
  result(_outcome: ActionOutcome): void {
    this.current = undefined;
  }
}
