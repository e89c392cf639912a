// The one wrapper every command runs through: logs, treats user cancellation as silent, and shows
// one error notification with OCP's message, its traceId and a "Show Log" button.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { isOcpError } from '../core/ocp/errors';

export interface CommandModule {
  id: string;
  run(services: Services, ...args: unknown[]): unknown | Promise<unknown>;
}

/** Thrown (or returned as undefined by prompts) when the user dismisses a prompt: never an error. */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UserCancelled';
  }
}

export async function runCommand(services: Services, cmd: CommandModule, args: unknown[]): Promise<unknown> {
  const started = Date.now();
  services.log.debug(`command ${cmd.id} started`);
  try {
    const result = await cmd.run(services, ...args);
    services.log.debug(`command ${cmd.id} finished in ${Date.now() - started} ms`);
    return result;
  } catch (e) {
    if (e instanceof UserCancelled || (e instanceof vscode.CancellationError)) {
      services.log.debug(`command ${cmd.id} cancelled by the user`);
      return undefined;
    }
    const message = isOcpError(e) ? e.describe() : e instanceof Error ? e.message : String(e);
    services.log.error(`command ${cmd.id} failed: ${message}`);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(message, showLog).then((pick) => {
      if (pick === showLog) services.log.show();
    });
    // A script (an argument object) gets the error back; a click already got the notification.
    if (isScripted(args)) throw e;
    return undefined;
  }
}

/**
 * Commands called with an argument object come from a script or a test; from a menu they get a tree node
 * (which has a `kind`), from the palette nothing.
 */
export function isScripted(args: unknown[]): boolean {
  const a = args[0];
  return typeof a === 'object' && a !== null && Object.getPrototypeOf(a) === Object.prototype && !('kind' in a);
}
