// Every command of the extension, registered in one place through the one run wrapper.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { runCommand, type CommandModule } from './run';

const commands: CommandModule[] = [];

export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  for (const cmd of commands) {
    context.subscriptions.push(vscode.commands.registerCommand(cmd.id, (...args: unknown[]) => runCommand(services, cmd, args)));
  }
}
