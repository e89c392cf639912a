// The one wrapper every command runs through: parses the command's target once (targets.ts), logs, treats
// user cancellation as silent, and shows one error notification with OCP's message, its traceId and a
// "Show Log" button. A script (an argument object) also gets the error back.
import * as vscode from 'vscode';
import { describeError, isUserCancelled } from '../errors';
import type { Services } from '../services';
import { parseTarget, type CommandTarget } from './targets';

export interface CommandModule {
  id: string;
  run(services: Services, target: CommandTarget): unknown | Promise<unknown>;
}

export async function runCommand(services: Services, cmd: CommandModule, args: unknown[]): Promise<unknown> {
  const started = Date.now();
  const target = parseTarget(args[0], args[1]);
  services.log.debug(`command ${cmd.id} started (${target.from})`);
  try {
    const result = await cmd.run(services, target);
    services.log.debug(`command ${cmd.id} finished in ${Date.now() - started} ms`);
    return result;
  } catch (e) {
    if (isUserCancelled(e)) {
      services.log.debug(`command ${cmd.id} cancelled by the user`);
      return undefined;
    }
    const message = describeError(e);
    services.log.error(`command ${cmd.id} failed: ${message}`);
    services.commandFailures.push({ command: cmd.id, message });
    if (services.commandFailures.length > 50) services.commandFailures.splice(0, services.commandFailures.length - 50);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(message, showLog).then((pick) => {
      if (pick === showLog) services.log.show();
    });
    // A script (an argument object) gets the error back; a click already got the notification.
    if (target.from === 'script') throw e;
    return undefined;
  }
}
