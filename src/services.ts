// The extension's services, built once in activate() and handed to views, commands and the panel.
import * as vscode from 'vscode';

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = vscode.window.createOutputChannel('OCP Explorer', { log: true });
  context.subscriptions.push(log);
  return { context, log };
}
