// Every command of the extension, registered in one place through the one run wrapper.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { addConnection } from './addConnection';
import { clearFilter } from './clearFilter';
import { copyConnectionCommand, openTenantTerminal } from './connectTenant';
import { clearTaskFilter } from './clearTaskFilter';
import { copyId, copyName } from './copy';
import { createCluster } from './createCluster';
import { editConnection } from './editConnection';
import { enterSecret } from './enterSecret';
import { failoverTenant } from './failoverTenant';
import { filterExplorer } from './filterExplorer';
import { filterTasks } from './filterTasks';
import { loadMoreTasks } from './loadMoreTasks';
import { openInConsole } from './openInConsole';
import { openLogInEditor } from './openLogInEditor';
import { openTask } from './openTask';
import { refresh } from './refresh';
import { refreshTasks } from './refreshTasks';
import { removeConnection } from './removeConnection';
import { restartCluster } from './restartCluster';
import { runCommand, type CommandModule } from './run';
import { restartServer, startServer, stopServer } from './serverLifecycle';
import { showLog } from './showLog';
import { startCluster } from './startCluster';
import { showTasks } from './showTasks';
import { stopCluster } from './stopCluster';
import { switchoverTenant } from './switchoverTenant';
import { takeOverCluster } from './takeOverCluster';
import { testConnection } from './testConnection';
import { restartZone, startZone, stopZone } from './zoneLifecycle';

export const commands: CommandModule[] = [
  addConnection, editConnection, removeConnection, testConnection, enterSecret,
  refresh, refreshTasks, filterExplorer, filterTasks, clearFilter, copyId, copyName, openInConsole, showLog,
  createCluster, takeOverCluster, stopCluster, switchoverTenant,
  startCluster, restartCluster, failoverTenant,
  // topology (issue #17)
  startZone, stopZone, restartZone, startServer, stopServer, restartServer,
  openTask,
  copyConnectionCommand, openTenantTerminal,
  // the task center and the log editor (issue #18)
  showTasks, clearTaskFilter, loadMoreTasks, openLogInEditor,
];

export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  for (const cmd of commands) {
    context.subscriptions.push(vscode.commands.registerCommand(cmd.id, (...args: unknown[]) => runCommand(services, cmd, args)));
  }
}
