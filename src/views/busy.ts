// BusyRegistry: which targets have an operation under way ("Stopping…"), so the explorer can show a
// spinner and a temporary description, and so a second operation on the same target can be refused.
// Keyed by ids.ts targetKey; each entry remembers its connection, so releasing a task's targets needs no
// key parsing.
import * as vscode from 'vscode';


export interface BusyEntry {
  label: string;
  taskId?: number;
}

interface Stored extends BusyEntry {
  connectionId?: string;
}

export class BusyRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Stored>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  get(key: string): BusyEntry | undefined {
    const e = this.entries.get(key);
    return e ? { label: e.label, ...(e.taskId !== undefined ? { taskId: e.taskId } : {}) } : undefined;
  }

  /** The first busy entry whose key starts with one of `prefixes` (e.g. any zone of a cluster). */
  within(prefixes: string[]): BusyEntry | undefined {
    for (const [key, e] of this.entries) {
      if (prefixes.some((p) => key.startsWith(p))) return { label: e.label, ...(e.taskId !== undefined ? { taskId: e.taskId } : {}) };
    }
    return undefined;
  }

  /** Marks a target busy; false when it already is (the caller refuses the second operation). */
  claim(key: string, entry: BusyEntry & { connectionId?: string }): boolean {
    if (this.entries.has(key)) return false;
    this.entries.set(key, { ...entry });
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
      if (e.taskId === taskId && e.connectionId === connectionId) {
        this.entries.delete(k);
        released.push(k);
      }
    }
    for (const k of released) this.changed.fire(k);
    return released;
  }

  /** Releases every target of a connection (it was removed: its tasks are no longer tracked, so none would end). */
  releaseConnection(connectionId: string): string[] {
    const released = [...this.entries].filter(([, e]) => e.connectionId === connectionId).map(([k]) => k);
    for (const k of released) {
      this.entries.delete(k);
      this.changed.fire(k);
    }
    return released;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
