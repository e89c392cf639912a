// The inventory's auto-refresh schedule: every `ocp.explorer.autoRefreshSeconds` while the Explorer is
// visible (never while hidden), one cycle at a time, over the connections already loaded. Debounced: a
// connection (re)loaded less than one interval ago (a manual refresh, an operation) is not fetched again.
// A silenced connection (OCP rejected its credentials) is never fetched. Manual refreshes do not come here.
import * as vscode from 'vscode';
import type { Settings } from '../settings';
import type { Inventory } from './store';

/** setInterval's largest delay; longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class AutoRefresh implements vscode.Disposable {
  private timer?: ReturnType<typeof setInterval>;
  private visible = false;
  private running = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Completed cycles (for tests and benchmarks). */
  count = 0;

  constructor(
    private readonly inventory: Inventory,
    private readonly settings: Settings,
    private readonly silenced: (connectionId: string) => boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.disposables.push(settings.onDidChange((e) => { if (e.affects('explorer.autoRefreshSeconds')) this.schedule(); }));
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const d of this.disposables) d.dispose();
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible && (this.timer !== undefined) === this.wanted()) return;
    this.visible = visible;
    this.schedule();
  }

  private intervalMs(): number {
    // At most one cycle a second, whatever a (workspace) setting says: OCP throttles each user.
    const seconds = this.settings.get('explorer.autoRefreshSeconds');
    return seconds > 0 ? Math.min(MAX_TIMER_MS, Math.max(1, seconds) * 1000) : 0;
  }

  private wanted(): boolean {
    return this.visible && this.intervalMs() > 0;
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.wanted()) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs());
  }

  /** One cycle over every loaded connection; skipped while the previous one runs or while hidden. */
  async run(): Promise<void> {
    if (this.running || !this.visible) return;
    this.running = true;
    try {
      this.count++;
      const interval = this.intervalMs();
      const due = this.inventory.loadedConnections().filter((id) => {
        if (this.silenced(id)) return false;
        const at = this.inventory.clusterState(id)?.loadedAt;
        return at === undefined || this.now() - at >= interval / 2;
      });
      await Promise.all(due.map((id) => this.inventory.reloadClusters(id)));
    } finally {
      this.running = false;
    }
  }
}
