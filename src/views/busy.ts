// BusyRegistry: which tree nodes have an operation under way ("Stopping…"), so the explorer can show a
// spinner and a temporary description, and so a second operation on the same target can be refused.
import * as vscode from 'vscode';

export interface BusyEntry {
  label: string;
  taskId?: number;
}

export type TargetKind = 'connection' | 'cluster' | 'tenant';

export function targetKey(connectionId: string, kind: TargetKind, id: number | string): string {
  return `${connectionId}/${kind}/${id}`;
}

export class BusyRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, BusyEntry>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  get(key: string): BusyEntry | undefined {
    return this.entries.get(key);
  }

  /** Marks a target busy; false when it already is (the caller refuses the second operation). */
  claim(key: string, entry: BusyEntry): boolean {
    if (this.entries.has(key)) return false;
    this.entries.set(key, entry);
    this.changed.fire(key);
    return true;
  }

  update(key: string, entry: Partial<BusyEntry>): void {
    const e = this.entries.get(key);
    if (!e) return;
    Object.assign(e, entry);
    this.changed.fire(key);
  }

  release(key: string): void {
    if (this.entries.delete(key)) this.changed.fire(key);
  }

  /** Releases every target waiting on a task (called when the task ends). */
  releaseTask(connectionId: string, taskId: number): string[] {
    const released: string[] = [];
    for (const [k, e] of this.entries) {
      if (e.taskId === taskId && k.startsWith(`${connectionId}/`)) {
        this.entries.delete(k);
        released.push(k);
      }
    }
    for (const k of released) this.changed.fire(k);
    return released;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
