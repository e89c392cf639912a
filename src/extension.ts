// Entry point: build the services, register views and commands. No logic lives here.
import * as vscode from 'vscode';
import { createServices } from './services';
import { registerCommands } from './commands/registry';
import { registerTaskPanels } from './panel';

export async function activate(context: vscode.ExtensionContext): Promise<{ services: ReturnType<typeof createServices> }> {
  const services = createServices(context);
  registerCommands(context, services);
  registerTaskPanels(services);
  return { services };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
