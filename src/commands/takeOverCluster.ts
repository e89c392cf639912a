// ocp.takeOverCluster: the Take Over wizard, then OCP's takeover precheck; "Take Over" is offered only
// when it passes (or after an explicit override with a warning). Then one POST.
import * as vscode from 'vscode';
import { toCurl } from '../core/ocp/curl';
import { readPrecheck, type PrecheckReport } from '../core/ocp/precheck';
import { showPrecheck } from '../operations/precheckView';
import { curlAuth } from '../connections/config';
import { fieldErrors, isFieldRejection, UserCancelled } from '../errors';
import { runOperation, type OperationResult } from '../operations/run';
import type { Services } from '../services';
import { targetKey } from '../ids';
import { BACK } from '../wizards/prompter';
import { preCheckBody, takeOverWizard, type TakeOverAnswers } from '../wizards/takeOver';
import type { CommandModule } from './run';
import { argsOf, isScript, resolveConnection, type CommandTarget, type TargetArgs } from './targets';

export const takeOverCluster: CommandModule = {
  id: 'ocp.takeOverCluster',
  async run(s: Services, t: CommandTarget): Promise<OperationResult & { precheck: PrecheckReport }> {
    const title = vscode.l10n.t('Take Over Cluster');
    const { connectionId: _c, override, ...given } = argsOf<TakeOverAnswers & TargetArgs & { override?: boolean }>(t);
    const connection = await resolveConnection(s, t, title);
    const client = await s.connections.client(connection.id);
    const interactive = !isScript(t);
    let answers: TakeOverAnswers = given;
    let prefill: TakeOverAnswers = {};
    let serverErrors: Map<string, string> | undefined;
    for (;;) {
      const body = await takeOverWizard(s.prompter, client, answers, serverErrors, prefill);
      let report: PrecheckReport;
      try {
        report = readPrecheck(await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running the takeover precheck…') }, () => client.takeOverPreCheck(preCheckBody(body))));
      } catch (e) {
        if (interactive && isFieldRejection(e)) {
          void vscode.window.showErrorMessage(e.describe());
          serverErrors = fieldErrors(e);
          answers = body;
          continue;
        }
        throw e;
      }
      s.log.info(`Takeover precheck of ${body.address}:${body.port}: ${report.passed ? 'passed' : 'failed'}`);
      if (!interactive) {
        if (!report.passed && !override) {
          throw new Error(vscode.l10n.t('The takeover precheck failed: {0}', report.items.filter((i) => !i.passed).map((i) => `${i.name}${i.message ? ` (${i.message})` : ''}`).join('; ')));
        }
      } else {
        const choice = await showPrecheck(s.prompter, title, report, vscode.l10n.t('Take Over'));
        if (choice === BACK || choice === 'back') { serverErrors = undefined; answers = given; prefill = body; continue; }
        if (choice === 'override') {
          const ok = await s.prompter.confirm({ message: vscode.l10n.t('Take over {0}:{1} although the precheck failed?', body.address, body.port), detail: vscode.l10n.t('OCP found problems; the takeover task may fail and leave the cluster half taken over.'), confirmLabel: vscode.l10n.t('Take Over Anyway') });
          if (!ok) throw new UserCancelled();
        }
        s.log.debug(toCurl('POST', connection.url, '/api/v2/ob/clusters/takeOver', body, curlAuth(connection)));
      }
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
    }
  },
};
