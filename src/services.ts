// The extension's services, built once in activate() and handed to views, commands and the panel.
import * as vscode from 'vscode';
import { ConnectionManager } from './connections/manager';
import type { TaskPanelManager } from './panel';
import { TaskHost } from './tasks/host';
import { BusyRegistry } from './views/busy';
import { ExplorerProvider } from './views/explorer';
import type { ExplorerNode } from './views/explorerNodes';
import { TasksProvider, type TasksNode } from './views/tasks';
import { VsCodePrompter, type Prompter } from './wizards/prompter';

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  connections: ConnectionManager;
  busy: BusyRegistry;
  explorer: ExplorerProvider;
  explorerView: vscode.TreeView<ExplorerNode>;
  tasks: TasksProvider;
  tasksView: vscode.TreeView<TasksNode>;
  statusBar: vscode.StatusBarItem;
  /** The task tracker and what it drives in VS Code (Tasks view, notifications, persistence). */
  taskHost: TaskHost;
  /** The task panels; set by registerTaskPanels() during activation. */
  taskPanels?: TaskPanelManager;
  /** Asks the user; tests replace it with a scripted one through the extension's exports. */
  prompter: Prompter;
  /** Called on a 401: stops polling the connection and asks once for new credentials. */
  authFailed(connectionId: string): void;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = vscode.window.createOutputChannel('OCP Explorer', { log: true });
  const connections = new ConnectionManager(context.secrets, log);
  const busy = new BusyRegistry();
  // eslint-disable-next-line prefer-const -- bound once everything below exists
  let services: Services;
  const authFailed = (connectionId: string) => onAuthFailed(services, connectionId);

  const explorer = new ExplorerProvider(connections, busy, authFailed);
  const explorerView = vscode.window.createTreeView('ocp.explorer', { treeDataProvider: explorer, showCollapseAll: true });
  explorer.attach(explorerView);
  const tasks = new TasksProvider(connections, authFailed);
  const tasksView = vscode.window.createTreeView('ocp.tasks', { treeDataProvider: tasks });
  tasks.attach(tasksView);
  tasks.clusterName = (connectionId, clusterId) => explorer.loadedClusters(connectionId)?.find((c) => c.id === clusterId)?.name;
  const namesKnown = explorer.onDidLoadClusters(() => tasks.redraw());

  const statusBar = vscode.window.createStatusBarItem('ocp.runningTasks', vscode.StatusBarAlignment.Left, 10);
  statusBar.name = vscode.l10n.t('OCP running tasks');
  statusBar.command = 'ocp.tasks.focus';
  const showCount = (n: number) => {
    statusBar.text = `$(sync~spin) ${vscode.l10n.t('OCP: {0} running', n)}`;
    statusBar.tooltip = vscode.l10n.t('{0} OCP tasks running. Click to show the Tasks view.', n);
    if (n > 0) statusBar.show(); else statusBar.hide();
  };
  tasks.onDidChangeRunning(showCount);

  const taskHost = new TaskHost(context.workspaceState, connections, busy, explorer, tasks, log, authFailed);

  services = { context, log, connections, busy, explorer, explorerView, tasks, tasksView, statusBar, taskHost, prompter: new VsCodePrompter(), authFailed };
  context.subscriptions.push(log, connections, busy, explorer, explorerView, tasks, tasksView, statusBar, taskHost, namesKnown);
  return services;
}

function onAuthFailed(s: Services, connectionId: string): void {
  if (!s.connections.markAuthFailed(connectionId)) return; // asked already: never loop
  const conn = s.connections.get(connectionId);
  s.log.warn(`OCP rejected the credentials of connection ${conn?.name ?? connectionId}; polling stopped until they change`);
  const enter = vscode.l10n.t('Enter Credentials');
  void vscode.window.showWarningMessage(
    vscode.l10n.t('OCP "{0}" rejected the credentials. Nothing more is sent to it until you enter new ones (OCP locks out clients after repeated failures).', conn?.name ?? connectionId),
    enter,
  ).then((pick) => { if (pick === enter) void vscode.commands.executeCommand('ocp.enterSecret', { connectionId }); });
}
