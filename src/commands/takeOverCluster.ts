// ocp.takeOverCluster: the Take Over wizard, then OCP's takeover precheck; "Take Over" is offered only
// when it passes (or after an explicit override with a warning). Then one POST.
import * as vscode from 'vscode';
import { toCurl } from '../core/ocp/curl';
import { readPrecheck, type PrecheckReport } from '../core/ocp/precheck';
import { curlAuth } from '../connections/config';
import type { TakeOverRequest } from '../core/ocp/types';
import { ASK_AGAIN, precheckGate, wizardLoop } from '../operations/flow';
import { runOperation, type OperationResult } from '../operations/run';
import { requireFeature } from '../operations/feature';
import type { Services } from '../services';
import { targetKey } from '../ids';
import { preCheckBody, takeOverWizard, type TakeOverAnswers } from '../wizards/takeOver';
import type { CommandModule } from './run';
import { argsOf, isScript, resolveConnection, type CommandTarget, type TargetArgs } from './targets';

export const takeOverCluster: CommandModule = {
  id: 'ocp.takeOverCluster',
  async run(s: Services, t: CommandTarget): Promise<OperationResult & { precheck: PrecheckReport }> {
    const title = vscode.l10n.t('Take Over Cluster');
    const { connectionId: _c, override, ...given } = argsOf<TakeOverAnswers & TargetArgs & { override?: boolean }>(t);
    const connection = await resolveConnection(s, t, title);
    await requireFeature(s, connection, 'takeOver');
    const client = await s.connections.client(connection.id);
    const interactive = !isScript(t);
    return wizardLoop<TakeOverAnswers, TakeOverRequest, OperationResult & { precheck: PrecheckReport }>({
      interactive, given,
      ask: (answers, serverErrors, prefill) => takeOverWizard(s.prompter, client, answers, serverErrors, prefill),
      async send(body) {
        const report = readPrecheck(await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running the takeover precheck…') }, () => client.takeOverPreCheck(preCheckBody(body))));
        s.log.info(`Takeover precheck of ${body.address}:${body.port}: ${report.passed ? 'passed' : 'failed'}`);
        const gate = await precheckGate(s.prompter, report, {
          interactive, override, title, proceedLabel: vscode.l10n.t('Take Over'),
          overrideQuestion: vscode.l10n.t('Take over {0}:{1} although the precheck failed?', body.address, body.port),
          overrideDetail: vscode.l10n.t('OCP found problems; the takeover task may fail and leave the cluster half taken over.'),
          failed: (checks) => vscode.l10n.t('The takeover precheck failed: {0}', checks),
        });
        if (gate === 'back') return ASK_AGAIN;
        if (interactive) s.log.debug(toCurl('POST', connection.url, '/api/v2/ob/clusters/takeOver', body, curlAuth(connection)));
        const result = await runOperation(s, {
          operation: 'ocp.takeOverCluster',
          connection,
          targets: [targetKey(connection.id, 'connection', `takeover:${body.address}:${body.port}`)],
          busyLabel: vscode.l10n.t('Taking over…'),
          label: vscode.l10n.t('Take over {0}:{1}', body.address, body.port),
          send: (c) => c.takeOver(body),
          targetsOf: (task) => (task.clusterId !== undefined ? [targetKey(connection.id, 'cluster', task.clusterId)] : []),
        });
        return { ...result, precheck: report };
      },
    });
  },
};
