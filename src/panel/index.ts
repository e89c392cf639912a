// The task panels: at most one per task (opening it again reveals it), restored after a window reload
// by a WebviewPanelSerializer (state = {connectionId, taskId}, nothing else). The services build the
// manager; registerTaskPanels() registers its serializer once from activate().
import * as vscode from 'vscode';
import { taskKey } from '../ids';
import { parsePanelState, VIEW_TYPE } from './protocol';
import { TaskPanel, webviewOptions, type PanelHost } from './taskPanel';

export { TaskPanel, type PanelHost } from './taskPanel';

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

  constructor(private readonly services: PanelHost) {}

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
      webviewOptions(this.services.extensionUri),
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

const key = taskKey;

/** Registers the serializer for `ocp.task` (panels restored after a reload go to the manager). */
export function registerTaskPanels(context: vscode.ExtensionContext, manager: TaskPanelManager): void {
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, manager.serializer));
}
