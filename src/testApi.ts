// The narrow, typed API the extension's own integration tests get from activate() in ExtensionMode.Test
// (and never otherwise): the trees to read, the inventory and tracker to watch, the panels, and a way to
// answer prompts with a script. Nothing here hands out a client, a secret or the settings.
import type * as vscode from 'vscode';
import type { ConnectionConfig } from './connections/config';
import type { Task } from './core/model/task';
import type { PageDecoder } from './core/ocp/pageDecoder';
import type { TaskTracker } from './core/tasks/tracker';
import type { Inventory } from './inventory/store';
import type { TaskPanelManager } from './panel';
import type { Services } from './services';
import type { BusyEntry } from './views/busy';
import type { ExplorerProvider } from './views/explorer';
import type { ExplorerNode } from './views/explorerNodes';
import type { TasksNode, TasksProvider } from './views/tasks';
import type { Prompter } from './wizards/prompter';

export interface TestApi {
  /** Read: getChildren/getTreeItem; refreshAll/refreshNode as the Refresh command does. */
  readonly explorer: Pick<ExplorerProvider, 'getChildren' | 'getTreeItem' | 'refreshAll' | 'refreshNode' | 'getFilter'>;
  readonly explorerView: Pick<vscode.TreeView<ExplorerNode>, 'visible' | 'description'>;
  readonly tasks: Pick<TasksProvider, 'getChildren' | 'getTreeItem' | 'refresh' | 'tasksOf' | 'runningCount'>;
  readonly tasksView: Pick<vscode.TreeView<TasksNode>, 'visible' | 'description'>;
  readonly inventory: Pick<Inventory, 'clustersOf' | 'tenantsOf' | 'reloadClusters' | 'loadedClusters' | 'forget'>;
  readonly autoRefresh: { readonly count: number };
  readonly connections: { get(id: string): ConnectionConfig | undefined; list(): ConnectionConfig[]; isAuthFailed(id: string): boolean; readonly pageDecoder: { readonly stats: PageDecoder['stats'] } };
  readonly busy: { get(key: string): BusyEntry | undefined };
  readonly taskHost: { readonly tracker: TaskTracker; latest(connectionId: string, taskId: number): Task | undefined };
  readonly taskPanels: TaskPanelManager;
  /** The prompter every wizard and confirmation asks; a test sets a scripted one and puts the original back. */
  prompter: Prompter;
  readonly context: Pick<vscode.ExtensionContext, 'secrets' | 'globalStorageUri' | 'logUri'>;
  readonly log: Pick<vscode.LogOutputChannel, 'info' | 'logLevel'>;
  /** Commands that failed (not cancelled), newest last. */
  readonly commandFailures: readonly { command: string; message: string }[];
}

export function testApi(s: Services): TestApi {
  return {
    explorer: s.explorer,
    explorerView: s.explorerView,
    tasks: s.tasks,
    tasksView: s.tasksView,
    inventory: s.inventory,
    autoRefresh: s.autoRefresh,
    connections: s.connections,
    busy: s.busy,
    taskHost: s.taskHost,
    taskPanels: s.taskPanels,
    get prompter() { return s.prompter; },
    set prompter(p: Prompter) { s.prompter = p; },
    context: s.context,
    log: s.log,
    commandFailures: s.commandFailures,
  };
}
