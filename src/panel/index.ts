// The task panels: at most one per task (opening it again reveals it), restored after a window reload
// by a WebviewPanelSerializer (state = {connectionId, taskId}, nothing else). registerTaskPanels() is
// called once from activate(); the manager is also reachable from the services (taskPanels()), which
// the extension's exports carry to tests.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { parsePanelState, VIEW_TYPE } from './protocol';
import { TaskPanel, webviewOptions } from './taskPanel';

export { TaskPanel } from './taskPanel';

export class TaskPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, TaskPanel>();
  private readonly opened = new vscode.EventEmitter<TaskPanel>();
  /** Fires when a panel is created or restored. */
  readonly onDidOpen = this.opened.event;

  readonly serializer: vscode.WebviewPanelSerializer = {
    deserializeWebviewPanel: async (panel, state) => {
      this.restore(panel, state);
    },
  };

  constructor(private readonly services: Services) {}

  /** Opens the panel of a task, or reveals it when it is already open. */
  open(connectionId: string, taskId: number, options: { preserveFocus?: boolean; viewColumn?: vscode.ViewColumn } = {}): TaskPanel {
    const existing = this.get(connectionId, taskId);
    if (existing) {
      existing.reveal(options.preserveFocus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('Task #{0}', taskId),
      { viewColumn: options.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      webviewOptions(this.services.context.extensionUri),
    );
    return this.adopt(panel, connectionId, taskId);
  }

  /**
   * Takes over a panel VS Code restored after a reload. A state that is malformed, names a connection that
   * no longer exists, or a task already open elsewhere closes the restored panel. Returns the panel kept.
   */
  restore(panel: vscode.WebviewPanel, rawState: unknown): TaskPanel | undefined {
    const state = parsePanelState(rawState);
    if (!state || !this.services.connections.get(state.connectionId) || this.get(state.connectionId, state.taskId)) {
      this.services.log.info(`task panel not restored: ${state ? `connection ${state.connectionId} is gone or task #${state.taskId} is already open` : 'no usable state'}`);
      panel.dispose();
      return undefined;
    }
    return this.adopt(panel, state.connectionId, state.taskId);
  }

  get(connectionId: string, taskId: number): TaskPanel | undefined {
    return this.panels.get(key(connectionId, taskId));
  }

  list(): TaskPanel[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    for (const p of this.list()) p.dispose();
    this.opened.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, connectionId: string, taskId: number): TaskPanel {
    const p = new TaskPanel(this.services, panel, connectionId, taskId);
    const k = key(connectionId, taskId);
    this.panels.set(k, p);
    p.onDidDispose(() => {
      if (this.panels.get(k) === p) this.panels.delete(k);
    });
    this.opened.fire(p);
    return p;
  }
}

function key(connectionId: string, taskId: number): string {
  return `${connectionId}\u0000${taskId}`;
}

/** Creates the panel manager, registers the serializer for `ocp.task`, and attaches the manager to the services. */
export function registerTaskPanels(services: Services): TaskPanelManager {
  const manager = new TaskPanelManager(services);
  services.taskPanels = manager;
  services.context.subscriptions.push(manager, vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, manager.serializer));
  return manager;
}

/** The panel manager registered on these services. */
export function taskPanels(services: Services): TaskPanelManager {
  const m = services.taskPanels;
  if (!m) throw new Error('the task panels are not registered (registerTaskPanels was not called)');
  return m;
}
