// Entry point: build the services, register commands and the panel serializer. No logic lives here.
// Production returns nothing: no other extension can reach the services (the prompter, the clients, the
// secrets). Only the extension's own tests (ExtensionMode.Test) get the narrow test API.
import * as vscode from 'vscode';
import { registerCommands } from './commands/registry';
import { registerTaskPanels } from './panel';
import { createServices } from './services';
import { testApi, type TestApi } from './testApi';

export async function activate(context: vscode.ExtensionContext): Promise<{ test: TestApi } | undefined> {
  const services = createServices(context);
  registerCommands(context, services);
  registerTaskPanels(context, services.taskPanels);
  // The Explorer's welcome ("No OCP connection yet") waits for this: before activation the tree is empty
  // whether or not connections exist.
  void vscode.commands.executeCommand('setContext', 'ocp.ready', true);
  return context.extensionMode === vscode.ExtensionMode.Test ? { test: testApi(services) } : undefined;
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
