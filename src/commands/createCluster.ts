// ocp.createCluster: the Create Cluster wizard (or a script's argument object), then one POST.
// A 400 naming fields re-opens the wizard with every answer kept and OCP's message at that field.
import * as vscode from 'vscode';
import { toCurl } from '../core/ocp/curl';
import { isOcpError } from '../core/ocp/errors';
import { requireFeature } from '../operations/feature';
import { fieldErrors, runOperation } from '../operations/run';
import type { Services } from '../services';
import { targetKey } from '../views/busy';
import { createClusterWizard, type CreateClusterAnswers } from '../wizards/createCluster';
import { isScripted, type CommandModule } from './run';
import { argsOf, resolveConnection, type TargetArgs } from './targets';

export const createCluster: CommandModule = {
  id: 'ocp.createCluster',
  async run(s: Services, arg?: unknown) {
    const title = vscode.l10n.t('Create Cluster');
    const { connectionId: _c, ...given } = argsOf<CreateClusterAnswers & TargetArgs>(arg);
    const connection = await resolveConnection(s, arg, title);
    await requireFeature(s, connection, 'createCluster');
    const client = await s.connections.client(connection.id);
    const takenNames = await s.explorer.clustersOf(connection.id).then((cs) => cs.map((c) => c.name), () => []);
    const interactive = !isScripted([arg]);
    let answers: CreateClusterAnswers = given;
    let serverErrors: Map<string, string> | undefined;
    for (;;) {
      const body = await createClusterWizard(s.prompter, {
        client, takenNames, serverErrors,
        onCopyCurl: async (b) => {
          await vscode.env.clipboard.writeText(toCurl('POST', connection.url, '/api/v2/ob/clusters', b, curlAuth(connection)));
          void vscode.window.showInformationMessage(vscode.l10n.t('Copied the request as curl (password masked).'));
        },
      }, answers, interactive);
      try {
        return await runOperation(s, {
          connection,
          targets: [targetKey(connection.id, 'connection', `create:${body.name.toLowerCase()}`)],
          busyLabel: vscode.l10n.t('Creating…'),
          label: vscode.l10n.t('Create cluster "{0}"', body.name),
          send: (c) => c.createCluster(body),
          targetsOf: (task) => (task.clusterId !== undefined ? [targetKey(connection.id, 'cluster', task.clusterId)] : []),
        });
      } catch (e) {
        const fields = fieldErrors(e);
        if (!interactive || !isOcpError(e) || e.status !== 400 || fields.size === 0) throw e;
        void vscode.window.showErrorMessage(e.describe());
        serverErrors = topLevelFields(fields);
        answers = body;
      }
    }
  },
};

/** "zones[0].servers" → "zones": the wizard step that asks for it. */
function topLevelFields(fields: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of fields) {
    const top = k.replace(/\[.*$/, '').split('.')[0];
    const msg = top === k ? v : `${k}: ${v}`;
    out.set(top, out.has(top) ? `${out.get(top)}; ${msg}` : msg);
  }
  return out;
}

export function curlAuth(c: { authType: string; username?: string; accessKeyId?: string }) {
  return c.authType === 'basic' ? { kind: 'basic' as const, principal: c.username ?? '' } : { kind: 'accessKey' as const, principal: c.accessKeyId ?? '' };
}
