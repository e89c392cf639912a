// ocp.filterTasks: filters the Tasks view by name, status or id; an empty answer clears the filter.
import * as vscode from 'vscode';
import { UserCancelled } from '../errors';
import type { Services } from '../services';
import { BACK } from '../wizards/prompter';
import type { CommandModule } from './run';
import { argsOf, type CommandTarget } from './targets';

export const filterTasks: CommandModule = {
  id: 'ocp.filterTasks',
  async run(s: Services, t: CommandTarget) {
    let text = argsOf<{ text?: string }>(t).text;
    if (text === undefined) {
      const v = await s.prompter.input({ title: vscode.l10n.t('Filter Tasks'), prompt: vscode.l10n.t('Part of the task name, a status (RUNNING, FAILED, SUCCESSFUL) or a task id; empty shows all'), value: s.tasks.getFilter() ?? '' });
      if (v === BACK) throw new UserCancelled();
      text = v;
    }
    s.tasks.setFilter(text);
    return s.tasks.getFilter();
  },
};
