// ocp.testConnection: GET /api/v2/time (reachable? clock skew for AccessKey), then an authenticated
// GET /api/v2/info whose version is reported.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { CommandModule } from './run';
import { argsOf, resolveConnection, type CommandTarget } from './targets';

export interface TestResult {
  ok: boolean;
  version?: string;
  skewMs?: number;
  message: string;
  warning?: string;
}

const MAX_SKEW_MS = 5 * 60_000;

export const testConnection: CommandModule = {
  id: 'ocp.testConnection',
  async run(s: Services, t: CommandTarget): Promise<TestResult> {
    const conn = await resolveConnection(s, t, vscode.l10n.t('Test OCP Connection'));
    const quiet = argsOf<{ quiet?: boolean }>(t).quiet === true;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing "{0}"…', conn.name) },
      async (): Promise<TestResult> => {
        try {
          const client = await s.connections.client(conn.id);
          const before = Date.now();
          const serverTime = Date.parse(await client.time());
          const skewMs = Number.isFinite(serverTime) ? serverTime - (before + Date.now()) / 2 : undefined;
          const info = await client.info();
          const version = info.buildVersion ? String(info.buildVersion).split('_')[0] : undefined;
          const warning = conn.authType === 'accessKey' && skewMs !== undefined && Math.abs(skewMs) > MAX_SKEW_MS
            ? vscode.l10n.t('This computer\'s clock differs from OCP\'s by {0} minutes; OCP refuses AccessKey requests 15 minutes off.', Math.round(skewMs / 60_000))
            : undefined;
          s.connections.clearAuthFailed(conn.id);
          return { ok: true, version, skewMs, warning, message: vscode.l10n.t('Connected to "{0}": OCP {1}.', conn.name, version ?? '?') };
        } catch (e) {
          return { ok: false, message: vscode.l10n.t('Cannot connect to "{0}": {1}', conn.name, (e as Error).message) };
        }
      },
    );
    s.log.info(`Test of "${conn.name}": ${result.message}${result.warning ? ` ${result.warning}` : ''}`);
    s.inventory.forget(conn.id);
    if (!result.ok) void vscode.window.showErrorMessage(result.message);
    else if (result.warning) void vscode.window.showWarningMessage(`${result.message} ${result.warning}`);
    else if (!quiet) void vscode.window.showInformationMessage(result.message);
    return result;
  },
};
