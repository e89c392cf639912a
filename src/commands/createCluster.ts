// ocp.createCluster: the Create Cluster wizard (or a script's argument object), then one POST.
// A 400 naming fields re-opens the wizard with every answer kept and OCP's message at that field (wizardLoop).
import * as vscode from 'vscode';
import { toCurl } from '../core/ocp/curl';
import { curlAuth } from '../connections/config';
import type { CreateClusterRequest } from '../core/ocp/types';
import { wizardLoop } from '../operations/flow';
import { runOperation, type OperationResult } from '../operations/run';
import { requireFeature } from '../operations/feature';
import type { Services } from '../services';
import { targetKey } from '../ids';
import { createClusterWizard, type CreateClusterAnswers } from '../wizards/createCluster';
import type { CommandModule } from './run';
import { argsOf, isScript, resolveConnection, type CommandTarget, type TargetArgs } from './targets';

export const createCluster: CommandModule = {
  id: 'ocp.createCluster',
  async run(s: Services, t: CommandTarget) {
    const title = vscode.l10n.t('Create Cluster');
    const { connectionId: _c, ...given } = argsOf<CreateClusterAnswers & TargetArgs>(t);
    const connection = await resolveConnection(s, t, title);
    await requireFeature(s, connection, 'createCluster');
    const client = await s.connections.client(connection.id);
    const takenNames = await s.inventory.clustersOf(connection.id).then((cs) => cs.map((c) => c.name), () => []);
    const onCopyCurl = async (b: CreateClusterRequest) => {
      await vscode.env.clipboard.writeText(toCurl('POST', connection.url, '/api/v2/ob/clusters', b, curlAuth(connection)));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the request as curl (password masked).'));
    };
    const interactive = !isScript(t);
    return wizardLoop<CreateClusterAnswers, CreateClusterRequest, OperationResult>({
      interactive, given, fields: topLevelFields,
      ask: (answers, serverErrors) => createClusterWizard(s.prompter, { client, takenNames, serverErrors, onCopyCurl }, answers, interactive),
      send: (body) => runOperation(s, {
        operation: 'ocp.createCluster',
        connection,
        targets: [targetKey(connection.id, 'connection', `create:${body.name.toLowerCase()}`)],
        busyLabel: vscode.l10n.t('Creating…'),
        label: vscode.l10n.t('Create cluster "{0}"', body.name),
        send: (c) => c.createCluster(body),
        targetsOf: (task) => (task.clusterId !== undefined ? [targetKey(connection.id, 'cluster', task.clusterId)] : []),
      }),
    });
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
