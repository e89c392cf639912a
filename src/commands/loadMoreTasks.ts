// ocp.loadMoreTasks: the "Load more…" row of the Tasks view: reads the next page of a connection's task list
// (one request per click, with the view's filter) and adds its tasks. A script gives { connectionId }.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { CommandModule } from './run';
import { resolveConnection, type CommandTarget } from './targets';

export const loadMoreTasks: CommandModule = {
  id: 'ocp.loadMoreTasks',
  async run(s: Services, t: CommandTarget) {
    const connection = await resolveConnection(s, t, vscode.l10n.t('Load more…'));
    return { added: await s.tasks.loadMore(connection.id), more: s.tasks.hasMore(connection.id) };
  },
};
