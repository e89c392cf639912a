// ocp.filterTasks: the task center's filter, sent to OCP as the task list's documented filters (status, type,
// cluster, tenant, name) or one task by id. From the view's title bar: a menu of the filter's parts, each asked in
// turn, then "Show Tasks". From a script: { text } (one typed line, as before) or the parts themselves
// ({ status, type, name, clusterId, clusterName, tenantId, tenantName, taskId, connectionId }); {} clears the filter.
import * as vscode from 'vscode';
import { TASK_FILTER_STATUSES, TASK_TYPES } from '../core/model/taskQuery';
import { isUserCancelled, UserCancelled } from '../errors';
import type { Services } from '../services';
import { describeTaskFilter, parseFilterText, taskFilterStatusWord, taskTypeWord, type TaskCenterFilter } from '../views/taskCenter';
import { clusterStatusWord, tenantModeWord } from '../views/words';
import { BACK } from '../wizards/prompter';
import type { CommandModule } from './run';
import { argsOf, resolveConnection, type CommandTarget } from './targets';

type Part = 'status' | 'type' | 'cluster' | 'tenant' | 'name' | 'taskId' | 'apply' | 'clear';

interface FilterArgs extends TaskCenterFilter {
  text?: string;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** A script's filter, checked: ids are positive integers, a tenant name needs its cluster (the docs require it). */
export function scriptFilter(a: Partial<FilterArgs>): TaskCenterFilter {
  if (a.text !== undefined) return parseFilterText(vscode.l10n, String(a.text));
  const f: TaskCenterFilter = {};
  for (const k of ['clusterId', 'tenantId', 'hostId', 'taskId'] as const) {
    const v = a[k];
    if (v === undefined) continue;
    if (!isId(v)) throw new Error(vscode.l10n.t('"{0}" is not an id.', String(v)));
    f[k] = v;
  }
  if (a.status !== undefined) {
    const list = Array.isArray(a.status) ? a.status : [a.status];
    if (!list.every((s) => typeof s === 'string')) throw new Error(vscode.l10n.t('A task status is one of {0}.', TASK_FILTER_STATUSES.join(', ')));
    f.status = list.map((s) => s.trim().toUpperCase()).filter(Boolean);
  }
  for (const k of ['type', 'name', 'clusterName', 'tenantName', 'connectionId', 'clusterLabel', 'tenantLabel'] as const) {
    const v = a[k];
    if (typeof v === 'string' && v.trim()) f[k] = v.trim();
  }
  if (f.tenantName && f.clusterId === undefined) throw new Error(vscode.l10n.t('OCP filters tasks by tenant name only together with a cluster: give clusterId too, or tenantId.'));
  if ((f.clusterId !== undefined || f.tenantId !== undefined) && !f.connectionId) throw new Error(vscode.l10n.t('A cluster or tenant id needs the connection it belongs to (connectionId).'));
  return f;
}

export const filterTasks: CommandModule = {
  id: 'ocp.filterTasks',
  async run(s: Services, t: CommandTarget) {
    if (t.from === 'script') {
      s.tasks.setFilter(scriptFilter(argsOf<FilterArgs>(t)));
      return s.tasks.getFilter();
    }
    const draft = await askFilter(s, s.tasks.getFilter());
    s.tasks.setFilter(draft);
    return s.tasks.getFilter();
  },
};

/** The menu: each part of the filter with its current value; choosing one asks it; "Show Tasks" applies the draft. */
async function askFilter(s: Services, start: TaskCenterFilter): Promise<TaskCenterFilter> {
  let draft: TaskCenterFilter = { ...start };
  const title = vscode.l10n.t('Filter Tasks');
  const any = vscode.l10n.t('any');
  for (;;) {
    const statuses = (draft.status ?? []).map((x) => taskFilterStatusWord(vscode.l10n, x)).join(vscode.l10n.t(', '));
    const cluster = draft.clusterLabel ?? (draft.clusterId !== undefined ? `#${draft.clusterId}` : draft.clusterName);
    const tenant = draft.tenantLabel ?? (draft.tenantId !== undefined ? `#${draft.tenantId}` : undefined);
    const part = await s.prompter.pick<Part>({
      title,
      placeholder: describeTaskFilter(vscode.l10n, draft) ?? vscode.l10n.t('Choose what to filter on; OCP is asked again with the filter'),
      items: [
        { label: `$(check) ${vscode.l10n.t('Show Tasks')}`, description: describeTaskFilter(vscode.l10n, draft) ?? vscode.l10n.t('all tasks'), value: 'apply' },
        { label: `$(pulse) ${vscode.l10n.t('Status')}`, description: statuses || any, value: 'status' },
        { label: `$(symbol-enum) ${vscode.l10n.t('Type')}`, description: draft.type ? taskTypeWord(vscode.l10n, draft.type) : any, value: 'type' },
        { label: `$(server) ${vscode.l10n.t('Cluster')}`, description: cluster ?? any, value: 'cluster' },
        { label: `$(database) ${vscode.l10n.t('Tenant')}`, description: tenant ?? any, value: 'tenant' },
        { label: `$(symbol-text) ${vscode.l10n.t('Name')}`, description: draft.name ? `"${draft.name}"` : any, value: 'name' },
        { label: `$(symbol-number) ${vscode.l10n.t('Task ID')}`, description: draft.taskId !== undefined ? `#${draft.taskId}` : any, value: 'taskId' },
        { label: `$(clear-all) ${vscode.l10n.t('Clear Filter')}`, value: 'clear' },
      ],
    });
    if (part === BACK) throw new UserCancelled();
    if (part === 'apply') return draft;
    if (part === 'clear') return {};
    const next = await askPart(s, part, draft, title);
    if (next !== BACK) draft = next;
  }
}

async function askPart(s: Services, part: Exclude<Part, 'apply' | 'clear'>, d: TaskCenterFilter, title: string): Promise<TaskCenterFilter | typeof BACK> {
  switch (part) {
    case 'status': {
      const picked = await s.prompter.pickMany({
        title: `${title}: ${vscode.l10n.t('Status')}`, step: 2, totalSteps: 2, allowEmpty: true,
        placeholder: vscode.l10n.t('Tasks in any of these states (none: any state)'),
        items: TASK_FILTER_STATUSES.map((x) => ({ label: taskFilterStatusWord(vscode.l10n, x), description: x, value: x as string, picked: (d.status ?? []).includes(x) })),
      });
      if (picked === BACK) return BACK;
      return { ...d, status: picked.length ? picked : undefined };
    }
    case 'type': {
      const picked = await s.prompter.pick<string>({
        title: `${title}: ${vscode.l10n.t('Type')}`, step: 2, totalSteps: 2,
        items: [{ label: vscode.l10n.t('Any type'), value: '' }, ...TASK_TYPES.map((x) => ({ label: taskTypeWord(vscode.l10n, x), description: x, value: x as string, picked: d.type === x }))],
      });
      if (picked === BACK) return BACK;
      return { ...d, type: picked || undefined };
    }
    case 'name': {
      const v = await s.prompter.input({ title: `${title}: ${vscode.l10n.t('Name')}`, step: 2, totalSteps: 2, prompt: vscode.l10n.t('Part of the task name (OCP matches it fuzzily); empty: any name'), value: d.name ?? '' });
      if (v === BACK) return BACK;
      return { ...d, name: v.trim() || undefined };
    }
    case 'taskId': {
      const v = await s.prompter.input({
        title: `${title}: ${vscode.l10n.t('Task ID')}`, step: 2, totalSteps: 2, prompt: vscode.l10n.t('One task by its id; empty: any task'), value: d.taskId !== undefined ? String(d.taskId) : '',
        validate: (x) => (x.trim() === '' || /^\d{1,16}$/.test(x.trim()) ? undefined : vscode.l10n.t('A task id is a number, e.g. 12345.')),
      });
      if (v === BACK) return BACK;
      return { ...d, taskId: v.trim() ? Number(v.trim()) : undefined };
    }
    case 'cluster': {
      const connection = await pickConnection(s, d, title);
      if (connection === BACK) return BACK;
      const clusters = await s.inventory.clustersOf(connection);
      const byName = Symbol('byName');
      const picked = await s.prompter.pick<number | typeof byName | undefined>({
        title: `${title}: ${vscode.l10n.t('Cluster')}`, step: 2, totalSteps: 2, placeholder: vscode.l10n.t('Choose a cluster'),
        items: [
          { label: vscode.l10n.t('Any cluster'), value: undefined },
          { label: `$(edit) ${vscode.l10n.t('Part of a cluster name…')}`, value: byName },
          ...clusters.map((c) => ({ label: c.name, description: clusterStatusWord(vscode.l10n, c), value: c.id as number | typeof byName | undefined, picked: d.clusterId === c.id })),
        ],
      });
      if (picked === BACK) return BACK;
      const rest = { ...d, clusterId: undefined, clusterLabel: undefined, clusterName: undefined, tenantId: undefined, tenantLabel: undefined, tenantName: undefined };
      if (picked === undefined) return { ...rest, connectionId: undefined };
      if (picked === byName) {
        const v = await s.prompter.input({ title: `${title}: ${vscode.l10n.t('Cluster')}`, step: 2, totalSteps: 2, prompt: vscode.l10n.t('Part of the cluster name (OCP matches it fuzzily)'), value: d.clusterName ?? '' });
        if (v === BACK) return BACK;
        return { ...rest, clusterName: v.trim() || undefined };
      }
      return { ...rest, connectionId: connection, clusterId: picked, clusterLabel: clusters.find((c) => c.id === picked)?.name };
    }
    case 'tenant': {
      const connection = await pickConnection(s, d, title);
      if (connection === BACK) return BACK;
      const clusters = await s.inventory.clustersOf(connection);
      let clusterId = d.clusterId;
      if (clusterId === undefined) {
        const c = await s.prompter.pick<number>({ title: `${title}: ${vscode.l10n.t('Tenant')}`, step: 2, totalSteps: 3, placeholder: vscode.l10n.t('Choose the tenant\'s cluster'), items: clusters.map((x) => ({ label: x.name, description: clusterStatusWord(vscode.l10n, x), value: x.id })) });
        if (c === BACK) return BACK;
        clusterId = c;
      }
      const tenants = await s.inventory.tenantsOf(connection, clusterId);
      const picked = await s.prompter.pick<number | undefined>({
        title: `${title}: ${vscode.l10n.t('Tenant')}`, step: 3, totalSteps: 3, placeholder: vscode.l10n.t('Choose a tenant'),
        items: [{ label: vscode.l10n.t('Any tenant'), value: undefined }, ...tenants.map((x) => ({ label: x.name, description: tenantModeWord(vscode.l10n, x), value: x.id as number | undefined, picked: d.tenantId === x.id }))],
      });
      if (picked === BACK) return BACK;
      if (picked === undefined) return { ...d, tenantId: undefined, tenantLabel: undefined, tenantName: undefined };
      const cluster = clusters.find((c) => c.id === clusterId);
      return { ...d, connectionId: connection, clusterId, clusterLabel: cluster?.name ?? d.clusterLabel, tenantId: picked, tenantLabel: tenants.find((x) => x.id === picked)?.name, tenantName: undefined };
    }
  }
}

/** The connection a cluster or tenant is picked from: the one already filtered on, else the user's choice. */
async function pickConnection(s: Services, d: TaskCenterFilter, title: string): Promise<string | typeof BACK> {
  if (d.connectionId && s.connections.get(d.connectionId)) return d.connectionId;
  try {
    return (await resolveConnection(s, { from: 'palette' }, title)).id;
  } catch (e) {
    if (isUserCancelled(e)) return BACK;
    throw e;
  }
}
