// ocp.filterExplorer: filters clusters by name and status; the view shows the filter and offers Clear.
import * as vscode from 'vscode';
import { CLUSTER_STATUSES } from '../core/model/enums';
import type { Services } from '../services';
import type { ExplorerFilter } from '../views/explorer';
import { words } from '../views/words';
import { BACK } from '../wizards/prompter';
import { UserCancelled, type CommandModule } from './run';
import { argsOf } from './targets';

export const filterExplorer: CommandModule = {
  id: 'ocp.filterExplorer',
  async run(s: Services, arg?: unknown) {
    const given = argsOf<ExplorerFilter>(arg);
    if (given.text !== undefined || given.statuses !== undefined) {
      s.explorer.setFilter(given);
      return s.explorer.getFilter();
    }
    const current = s.explorer.getFilter();
    const title = vscode.l10n.t('Filter Clusters');
    const text = await s.prompter.input({ title, step: 1, totalSteps: 2, prompt: vscode.l10n.t('Part of the cluster name (empty for any name)'), value: current.text });
    if (text === BACK) throw new UserCancelled();
    const statuses = await s.prompter.pickMany({
      title, step: 2, totalSteps: 2, placeholder: vscode.l10n.t('Statuses to show (none selected: any status)'),
      items: CLUSTER_STATUSES.map((st) => ({ label: words(vscode.l10n).clusterStatus[st], description: st, value: st as string, picked: current.statuses?.includes(st) })),
    }).catch((e) => { if (e instanceof UserCancelled) return [] as string[]; throw e; });
    s.explorer.setFilter({ text, statuses: statuses === BACK ? current.statuses : statuses });
    return s.explorer.getFilter();
  },
};
