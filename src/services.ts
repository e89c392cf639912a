// The extension's services, built once in activate() and handed to commands. Everything is built here, in
// floor order (settings → connections → inventory → views → task host → panels), and nothing is set later.
import * as vscode from 'vscode';
import { ConnectionManager } from './connections/manager';
import { AutoRefresh } from './inventory/autoRefresh';
import { Inventory } from './inventory/store';
import { LogDocuments } from './logs/logDocuments';
import { OutcomeUnknownRegistry } from './operations/outcome';
import { TaskPanelManager } from './panel';
import { Settings } from './settings';
import { TaskHost } from './tasks/host';
import { BusyRegistry } from './views/busy';
import { ExplorerProvider } from './views/explorer';
import type { ExplorerNode } from './views/explorerNodes';
import { TasksProvider, type TasksNode } from './views/tasks';
import { VsCodePrompter, type Prompter } from './wizards/prompter';

export interface Services {
  context: vscode.ExtensionContext;
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  settings: Settings;
  connections: ConnectionManager;
  /** Clusters, tenants and OCP info per connection: the one data store of the trees and the commands. */
  inventory: Inventory;
  autoRefresh: AutoRefresh;
  busy: BusyRegistry;
  /** Operations whose POST failed with an unknown outcome (OCP may be doing them). */
  outcomeUnknown: OutcomeUnknownRegistry;
  explorer: ExplorerProvider;
  explorerView: vscode.TreeView<ExplorerNode>;
  tasks: TasksProvider;
  tasksView: vscode.TreeView<TasksNode>;
  statusBar: vscode.StatusBarItem;
  /** The task tracker and what it drives in VS Code (Tasks view, notifications, persistence). */
  taskHost: TaskHost;
  taskPanels: TaskPanelManager;
  /** Subtask logs opened in editors (the ocp-log scheme). */
  logDocuments: LogDocuments;
  /** Asks the user; the extension's own tests replace it with a scripted one (test mode only). */
  prompter: Prompter;
  /** The last command failures (command id and message), newest last; at most 50. For the test API. */
  readonly commandFailures: { command: string; message: string }[];
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = vscode.window.createOutputChannel('OCP Explorer', { log: true });
  const settings = new Settings(undefined, (line) => log.warn(line));
  const connections = new ConnectionManager(context.secrets, log, settings);
  const inventory = new Inventory(connections);
  const autoRefresh = new AutoRefresh(inventory, settings, (id) => connections.isAuthFailed(id));
  const busy = new BusyRegistry();
  const outcomeUnknown = new OutcomeUnknownRegistry();

  const explorer = new ExplorerProvider(connections, inventory, busy);
  const explorerView = vscode.window.createTreeView('ocp.explorer', { treeDataProvider: explorer, showCollapseAll: true, canSelectMany: true });
  explorer.attach(explorerView);
  autoRefresh.setVisible(explorerView.visible);
  const visibility = explorerView.onDidChangeVisibility((e) => autoRefresh.setVisible(e.visible));
  const tasks = new TasksProvider(connections, inventory, settings);
  const tasksView = vscode.window.createTreeView('ocp.tasks', { treeDataProvider: tasks });
  tasks.attach(tasksView);

  const statusBar = vscode.window.createStatusBarItem('ocp.runningTasks', vscode.StatusBarAlignment.Left, 10);
  statusBar.name = vscode.l10n.t('OCP running tasks');
  statusBar.command = 'ocp.tasks.focus';
  const showCount = (n: number) => {
    statusBar.text = `$(sync~spin) ${vscode.l10n.t('OCP: {0} running', n)}`;
    statusBar.tooltip = vscode.l10n.t('{0} OCP tasks running. Click to show the Tasks view.', n);
    if (n > 0) statusBar.show(); else statusBar.hide();
  };
  const running = tasks.onDidChangeRunning(showCount);

  const taskHost = new TaskHost(context.workspaceState, connections, busy, inventory, tasks, log, settings);
  const rejected = connections.onDidRejectCredentials((id) => credentialsRejected(connections, id));
  const logDocuments = new LogDocuments(connections, taskHost.tracker, settings, log);

  const base = {
    context, extensionUri: context.extensionUri, log, settings, connections, inventory, autoRefresh, busy, outcomeUnknown,
    explorer, explorerView, tasks, tasksView, statusBar, taskHost, logDocuments, prompter: new VsCodePrompter() as Prompter, commandFailures: [],
  };
  // The panels read the prompter at each use (tests replace it), so they get the services object itself.
  const services: Services = Object.assign(base, { taskPanels: new TaskPanelManager(base) });
  context.subscriptions.push(
    services.taskPanels, logDocuments, taskHost, tasksView, tasks, explorerView, explorer, visibility, autoRefresh, inventory,
    busy, statusBar, running, rejected, connections, settings, log,
  );
  return services;
}

/** The one notification for rejected credentials (the connection is silent until new ones are entered). */
function credentialsRejected(connections: ConnectionManager, connectionId: string): void {
  const conn = connections.get(connectionId);
  const enter = vscode.l10n.t('Enter Credentials');
  void vscode.window.showWarningMessage(
    vscode.l10n.t('OCP "{0}" rejected the credentials. Nothing more is sent to it until you enter new ones (OCP locks out clients after repeated failures).', conn?.name ?? connectionId),
    enter,
  ).then((pick) => { if (pick === enter) void vscode.commands.executeCommand('ocp.enterSecret', { connectionId }); });
}
