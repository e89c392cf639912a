// ocp.filterExplorer: filters clusters by name and status (a two-step wizard); the view shows the filter and
// offers Clear. OK or Enter with no status selected means any status.
import * as vscode from 'vscode';
import { CLUSTER_STATUSES } from '../core/model/enums';
import type { Services } from '../services';
import type { ExplorerFilter } from '../views/explorer';
import { words } from '../views/words';
import { BACK } from '../wizards/prompter';
import { runWizard } from '../wizards/steps';
import type { CommandModule } from './run';
import { argsOf, type CommandTarget } from './targets';

export const filterExplorer: CommandModule = {
  id: 'ocp.filterExplorer',
  async run(s: Services, t: CommandTarget) {
    const given = argsOf<ExplorerFilter>(t);
    if (given.text !== undefined || given.statuses !== undefined) {
      s.explorer.setFilter(given);
      return s.explorer.getFilter();
    }
    const current = s.explorer.getFilter();
    const a: ExplorerFilter = { ...current };
    await runWizard<ExplorerFilter>(vscode.l10n.t('Filter Clusters'), [
      {
        shows: () => true,
        async ask(view) {
          const text = await s.prompter.input({ ...view, prompt: vscode.l10n.t('Part of the cluster name (empty for any name)'), value: a.text });
          if (text === BACK) return BACK;
          a.text = text;
        },
      },
      {
        shows: () => true,
        async ask(view) {
          const statuses = await s.prompter.pickMany({
            ...view, allowEmpty: true, placeholder: vscode.l10n.t('Statuses to show (none selected: any status)'),
            items: CLUSTER_STATUSES.map((st) => ({ label: words(vscode.l10n).clusterStatus[st], description: st, value: st as string, picked: a.statuses?.includes(st) })),
          });
          if (statuses === BACK) return BACK;
          a.statuses = statuses;
        },
      },
    ], a);
    s.explorer.setFilter(a);
    return s.explorer.getFilter();
  },
};
