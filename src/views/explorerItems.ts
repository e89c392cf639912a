// Tree items of the Explorer's nodes: label, status icon, description (or the busy marker), the Markdown
// tooltip and the contextValue made of capability tokens (package.json menus match on them).
import * as vscode from 'vscode';
import { accessibleLabel, alarmCountsText, alarmLevelWord, alarmStatusWord, alarmWords, clusterStatusWord, clusterTypeWord, serverStatusWord, tenantModeWord, tenantRoleWord, tenantStatusWord, withRaw, zoneStatusWord } from './words';
import { ALARM_LEVEL_COLOURS, ALARM_LEVELS, worstLevel, type AlarmCounts, type AlarmLevel } from '../core/model/alarm';
import { describeError } from '../errors';
import { isPlainHttp } from '../connections/config';
import { clusterCapabilities } from '../core/model/cluster';
import { tenantFailoverTokens } from '../core/model/failover';
import { clusterLifecycleTokens } from '../core/model/topology';
import { tenantCapabilities } from '../core/model/tenant';
import { serverCapabilities, zoneCapabilities } from '../core/model/topology';
import { connectionKey, serverKey, targetKey, zoneKey } from '../ids';
import type { Inventory } from '../inventory/store';
import type { BusyRegistry } from './busy';
import { nodeId, type AlarmGroupNode, type AlarmNode, type ClusterNode, type ConnectionNode, type GroupNode, type ServerNode, type TenantNode, type ZoneNode } from './explorerNodes';
import { formatTime } from './format';
import { busyIcon, clusterIcon, errorIcon, tenantIcon, topologyIcon } from './icons';

export interface ItemContext {
  busy: BusyRegistry;
  inventory: Inventory;
}

/** A tooltip's "Name: value" line; left out when OCP gave no value. */
type Fact = [string, string | number | undefined];

function appendFacts(md: vscode.MarkdownString, facts: readonly Fact[]): void {
  for (const [k, v] of facts) if (v !== undefined && v !== '') md.appendMarkdown(`${escapeMd(k)}: ${escapeMd(String(v))}  \n`);
}

export function connectionItem(ctx: ItemContext, node: ConnectionNode): vscode.TreeItem {
  const c = node.connection;
  const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  const info = ctx.inventory.info(c.id);
  const version = info?.buildVersion ? String(info.buildVersion).split('_')[0] : undefined;
  const loaded = ctx.inventory.clusterState(c.id);
  const busy = ctx.busy.get(connectionKey(c.id));
  const alerts = connectionAlarms(ctx, c.id);
  item.description = busy?.label ?? [version ? `OCP ${version}` : undefined, loaded?.items ? (loaded.items.length === 1 ? vscode.l10n.t('1 cluster') : vscode.l10n.t('{0} clusters', loaded.items.length)) : undefined, rowAlarmText(alerts)].filter(Boolean).join(' · ');
  item.iconPath = busy ? busyIcon() : loaded?.error ? errorIcon() : new vscode.ThemeIcon('server-environment');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(c.name)}**\n\n`);
  md.appendMarkdown(`${vscode.l10n.t('Address')}: \`${c.url}\`  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Authentication')}: ${c.authType === 'basic' ? `Basic (${escapeMd(c.username ?? '')})` : `AccessKey (${escapeMd(c.accessKeyId ?? '')})`}  \n`);
  if (version) md.appendMarkdown(`${vscode.l10n.t('OCP version')}: ${escapeMd(String(info?.buildVersion))}  \n`);
  appendAlarmTooltip(md, alerts);
  const other = ctx.inventory.otherAlarms(c.id)?.length;
  if (other) md.appendMarkdown(`${escapeMd(vscode.l10n.t('Not about a cluster listed here (hosts, OCP itself): {0}', other))}  \n`);
  if (isPlainHttp(c.url)) {
    md.appendMarkdown(`\n$(warning) ${escapeMd(vscode.l10n.t('Plain HTTP: the credentials cross the network unencrypted. Prefer HTTPS (e.g. through a reverse proxy) and an AccessKey.'))}  \n`);
    md.supportThemeIcons = true;
  }
  item.tooltip = md;
  item.contextValue = 'connection';
  return item;
}

export function clusterItem(ctx: ItemContext, node: ClusterNode): vscode.TreeItem {
  const c = node.cluster;
  const item = new vscode.TreeItem(c.name || `#${c.id}`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  const busy = ctx.busy.get(targetKey(node.connectionId, 'cluster', c.id));
  const status = clusterStatusWord(vscode.l10n, c);
  const facts = [c.obVersion, clusterTypeWord(vscode.l10n, c), c.zoneCount === 1 ? vscode.l10n.t('1 zone') : c.zoneCount ? vscode.l10n.t('{0} zones', c.zoneCount) : undefined].filter(Boolean);
  const alerts = clusterAlarms(ctx, node);
  item.description = busy ? busy.label : [status, ...facts, rowAlarmText(alerts)].filter(Boolean).join(' · ');
  item.iconPath = busy ? busyIcon() : clusterIcon(c.status);
  // (The alert counts are read out on the cluster's Alerts row, which says them in its name.)
  item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'cluster', c.name || `#${c.id}`, status, [...facts, busy?.label]) };
  // Without an id nothing can be done on it: no capability, so no operation in its menu.
  // Lifecycle tokens: restartable on RUNNING; on a status OCP does not list, start, stop and restart are all
  // offered (unknown is not none: OCP's own check decides, and its refusal is shown), as for zones and OBServers.
  const lifecycle = clusterLifecycleTokens(c);
  item.contextValue = c.id < 0 ? 'cluster no-id' : ['cluster', ...new Set([...clusterCapabilities(c), ...lifecycle]), ...(busy ? ['operation-pending'] : [])].join(' ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(c.name)}** — ${escapeMd(withRaw(status, c.rawStatus)!)}\n\n`);
  const rows: Fact[] = [
    [vscode.l10n.t('OCP cluster id'), c.id],
    [vscode.l10n.t('OB cluster id'), c.obClusterId],
    [vscode.l10n.t('Version'), c.fullVersion ?? c.obVersion],
    [vscode.l10n.t('Type'), withRaw(clusterTypeWord(vscode.l10n, c), c.rawType)],
    [vscode.l10n.t('Zones'), c.zoneNames.length ? c.zoneNames.join(', ') : undefined],
    [vscode.l10n.t('Servers'), c.serverCount],
    [vscode.l10n.t('Tenants'), c.tenantCount],
    [vscode.l10n.t('Primary cluster'), c.primaryCluster ? c.primaryCluster.name ?? `#${c.primaryCluster.id}` : undefined],
    [vscode.l10n.t('Standby clusters'), c.standbyClusters.length ? c.standbyClusters.map((s) => s.name ?? `#${s.id}`).join(', ') : undefined],
    [vscode.l10n.t('Sync status'), c.syncStatus],
    [vscode.l10n.t('Standby delay'), c.delayTime !== undefined ? `${c.delayTime} s` : undefined],
  ];
  appendFacts(md, rows);
  appendAlarmTooltip(md, alerts);
  if (c.failToQueryFromObReason) md.appendMarkdown(`\n$(warning) ${escapeMd(c.failToQueryFromObReason)}`);
  md.supportThemeIcons = true;
  item.tooltip = md;
  return item;
}

export function tenantItem(ctx: ItemContext, node: TenantNode): vscode.TreeItem {
  const t = node.tenant;
  const item = new vscode.TreeItem(t.name || `#${t.id}`, vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  const busy = ctx.busy.get(targetKey(node.connectionId, 'tenant', t.id));
  const mode = tenantModeWord(vscode.l10n, t);
  const status = tenantStatusWord(vscode.l10n, t);
  item.description = busy ? busy.label : [mode, tenantRoleWord(vscode.l10n, t), t.status !== 'NORMAL' ? status : undefined, t.locked ? vscode.l10n.t('locked') : undefined].filter(Boolean).join(' · ');
  item.iconPath = busy ? busyIcon() : tenantIcon(t.status, t.role);
  item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'tenant', t.name || `#${t.id}`, status, [mode, tenantRoleWord(vscode.l10n, t), t.locked ? vscode.l10n.t('locked') : undefined, busy?.label]) };
  item.contextValue = t.id < 0 ? 'tenant no-id' : ['tenant', ...tenantCapabilities(t), ...(t.role ? [] : ['role-unknown']), ...tenantFailoverTokens(t), ...(busy ? ['operation-pending'] : [])].join(' ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(t.name)}** (${escapeMd(node.clusterName)})\n\n`);
  const peers = t.role === 'STANDBY' && t.primaryTenant ? [t.primaryTenant] : t.standbyTenants;
  const rows: Fact[] = [
    [vscode.l10n.t('OCP tenant id'), t.id],
    [vscode.l10n.t('OB tenant id'), t.obTenantId],
    [vscode.l10n.t('Mode'), mode],
    [vscode.l10n.t('Status'), withRaw(status, t.rawStatus)],
    [vscode.l10n.t('Role'), withRaw(tenantRoleWord(vscode.l10n, t), t.rawRole)],
    [t.role === 'STANDBY' ? vscode.l10n.t('Primary tenant') : vscode.l10n.t('Standby tenants'), peers.length ? peers.map((p) => `${p.name ?? `#${p.id}`}${p.clusterName ? ` @ ${p.clusterName}` : ''}`).join(', ') : undefined],
    [vscode.l10n.t('Primary zone'), t.primaryZone],
    [vscode.l10n.t('Zones'), t.zoneList.length ? t.zoneList.join(', ') : undefined],
    [vscode.l10n.t('Version'), t.obVersion],
  ];
  appendFacts(md, rows);
  item.tooltip = md;
  return item;
}

// ---- topology (issue #17): the cluster's groups, its zones and their OBServers ----

/** "Tenants (3)" / "Zones (3)": the count comes from the cluster list, so nothing is requested to label them. */
export function groupItem(_ctx: ItemContext, node: GroupNode): vscode.TreeItem {
  const c = node.cluster;
  const n = node.group === 'tenants' ? c.tenantCount : c.zoneCount;
  const label = node.group === 'tenants'
    ? (n !== undefined ? vscode.l10n.t('Tenants ({0})', n) : vscode.l10n.t('Tenants'))
    : vscode.l10n.t('Zones ({0})', n ?? 0);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  item.iconPath = new vscode.ThemeIcon(node.group === 'tenants' ? 'database' : 'layers');
  item.contextValue = node.group === 'tenants' ? 'tenants-group' : 'zones-group';
  // Every cluster has these two rows: the cluster's name tells them apart for a screen reader.
  item.accessibilityInformation = { label: `${label} — ${c.name || `#${c.id}`}` };
  item.tooltip = node.group === 'tenants' ? vscode.l10n.t('Tenants of cluster "{0}"', c.name) : vscode.l10n.t('Zones of cluster "{0}": {1}', c.name, c.zoneNames.join(', ') || '—');
  return item;
}

/** The busy marker of a target or of the nearest ancestor that has one (a cluster's operation covers its zones). */
function busyOf(ctx: ItemContext, keys: string[]): { label: string } | undefined {
  for (const k of keys) {
    const b = ctx.busy.get(k);
    if (b) return b;
  }
  return undefined;
}

export function zoneItem(ctx: ItemContext, node: ZoneNode): vscode.TreeItem {
  const z = node.zone;
  const item = new vscode.TreeItem(z.name || '?', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  const busy = busyOf(ctx, [zoneKey(node.connectionId, node.clusterId, z.name), targetKey(node.connectionId, 'cluster', node.clusterId)]);
  const status = zoneStatusWord(vscode.l10n, z);
  const place = [z.regionName, z.idcName].filter(Boolean).join(' / ');
  const servers = z.serverCount === 1 ? vscode.l10n.t('1 OBServer') : vscode.l10n.t('{0} OBServers', z.serverCount);
  item.description = busy ? busy.label : [status, place || undefined, servers].filter(Boolean).join(' · ');
  item.iconPath = busy ? busyIcon() : topologyIcon(z.status);
  item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'zone', z.name, status, [place || undefined, servers, busy?.label]) };
  item.contextValue = [...zoneCapabilities(z), ...(busy ? ['operation-pending'] : [])].join(' ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(z.name)}** (${escapeMd(node.clusterName)}) — ${escapeMd(withRaw(status, z.rawStatus)!)}\n\n`);
  const rows: Fact[] = [
    [vscode.l10n.t('Region'), z.regionName],
    [vscode.l10n.t('IDC'), z.idcName],
    [vscode.l10n.t('OBServers'), z.serverCount],
    [vscode.l10n.t('Hosts'), z.hostCount],
    [vscode.l10n.t('Inner status'), z.innerStatus],
  ];
  appendFacts(md, rows);
  if (busy) md.appendMarkdown(`\n${escapeMd(busy.label)}`);
  item.tooltip = md;
  return item;
}

export function serverItem(ctx: ItemContext, node: ServerNode): vscode.TreeItem {
  const v = node.server;
  const item = new vscode.TreeItem(v.address, vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  const keys = [zoneKey(node.connectionId, node.clusterId, node.zoneName), targetKey(node.connectionId, 'cluster', node.clusterId)];
  if (v.id !== undefined) keys.unshift(serverKey(node.connectionId, node.clusterId, v.id));
  const busy = busyOf(ctx, keys);
  const status = serverStatusWord(vscode.l10n, v);
  const sql = v.sqlPort !== undefined ? vscode.l10n.t('SQL {0}', v.sqlPort) : undefined;
  const rs = v.withRootserver ? vscode.l10n.t('RootService') : undefined;
  item.description = busy ? busy.label : [status, sql, v.version, rs].filter(Boolean).join(' · ');
  item.iconPath = busy ? busyIcon() : topologyIcon(v.status);
  item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'server', v.address, status, [sql, v.version, rs, busy?.label]) };
  item.contextValue = [...serverCapabilities(v), ...(busy ? ['operation-pending'] : [])].join(' ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(v.address)}** (${escapeMd(node.zoneName)}, ${escapeMd(node.clusterName)}) — ${escapeMd(withRaw(status, v.rawStatus)!)}\n\n`);
  const locale = vscode.env.language;
  const rows: Fact[] = [
    [vscode.l10n.t('OCP server id'), v.id],
    [vscode.l10n.t('IP'), v.ip],
    [vscode.l10n.t('RPC port'), v.rpcPort],
    [vscode.l10n.t('SQL port'), v.sqlPort],
    [vscode.l10n.t('Version'), v.version],
    [vscode.l10n.t('Host type'), v.hostTypeName],
    [vscode.l10n.t('Start time'), v.startTime !== undefined ? formatTime(v.startTime, locale) : undefined],
    [vscode.l10n.t('Stop time'), v.stopTime !== undefined ? formatTime(v.stopTime, locale) : undefined],
  ];
  appendFacts(md, rows);
  if (v.withRootserver) md.appendMarkdown(`\n${escapeMd(vscode.l10n.t('Hosts a RootService replica.'))}  \n`);
  if (busy) md.appendMarkdown(`\n${escapeMd(busy.label)}`);
  item.tooltip = md;
  return item;
}

// ---- alerts ---------------------------------------------------------------------------------------------

/** What the tree knows of a node's active alerts: counts when loaded, else why not (never zero when unknown). */
interface AlarmSummary {
  counts?: AlarmCounts;
  /** For the description: "1 Critical, 2 Warning", or undefined (none, or unknown). */
  text?: string;
  complete: boolean;
  total?: number;
  loading: boolean;
  error?: unknown;
}

function summary(ctx: ItemContext, connectionId: string, counts: AlarmCounts | undefined): AlarmSummary {
  const state = ctx.inventory.alarmState(connectionId);
  const complete = state?.complete !== false;
  return {
    counts,
    text: counts ? alarmCountsText(vscode.l10n, counts, complete) || undefined : undefined,
    complete,
    total: state?.total,
    loading: !!state?.loading && !state.items,
    error: state?.error,
  };
}

/**
 * The counts as a connection or cluster row says them: labelled, since the level words (Stopped, Critical…) beside
 * a cluster count or a cluster's status would read as cluster statuses ("4 clusters · 2 Stopped").
 */
function rowAlarmText(a: AlarmSummary): string | undefined {
  return a.text ? vscode.l10n.t('Alerts: {0}', a.text) : undefined;
}

function connectionAlarms(ctx: ItemContext, connectionId: string): AlarmSummary {
  return summary(ctx, connectionId, ctx.inventory.connectionAlarmCounts(connectionId));
}

function clusterAlarms(ctx: ItemContext, node: ClusterNode): AlarmSummary {
  return summary(ctx, node.connectionId, ctx.inventory.clusterAlarms(node.connectionId, node.cluster.id)?.counts);
}

/** The tooltip's alert part: the count per level, "no active alerts", loading, or why they are unknown. */
function appendAlarmTooltip(md: vscode.MarkdownString, a: AlarmSummary): void {
  if (a.error !== undefined) {
    md.appendMarkdown(`\n${escapeMd(vscode.l10n.t('Active alerts: unknown ({0})', describeError(a.error)))}  \n`);
    return;
  }
  if (!a.counts) {
    if (a.loading) md.appendMarkdown(`\n${escapeMd(vscode.l10n.t('Active alerts: loading…'))}  \n`);
    return;
  }
  if (a.counts.total === 0 && a.complete) {
    md.appendMarkdown(`\n${escapeMd(vscode.l10n.t('Active alerts: none'))}  \n`);
    return;
  }
  md.appendMarkdown(`\n${escapeMd(vscode.l10n.t('Active alerts: {0}', a.counts.total))}  \n`);
  const words = alarmWords(vscode.l10n).level;
  for (const l of ALARM_LEVELS) if (a.counts.byLevel[l] > 0) md.appendMarkdown(`${escapeMd(words[l])}: ${a.counts.byLevel[l]}  \n`);
  if (a.counts.unknown > 0) md.appendMarkdown(`${escapeMd(vscode.l10n.t('Unknown level'))}: ${a.counts.unknown}  \n`);
  if (!a.complete) md.appendMarkdown(`${escapeMd(vscode.l10n.t('OCP has {0} active alerts in all; one request reads at most 200, so these counts are lower bounds.', a.total ?? '?'))}  \n`);
}

const LEVEL_ICON: Record<AlarmLevel, string> = { 1: 'error', 2: 'error', 3: 'warning', 4: 'info', 5: 'bell' };
const THEME_COLOUR: Record<(typeof ALARM_LEVEL_COLOURS)[AlarmLevel], string> = {
  purple: 'charts.purple', red: 'charts.red', orange: 'charts.orange', blue: 'charts.blue', green: 'charts.green',
};

/** The console's colour of a level (ALARM_LEVEL_COLOURS) as a theme colour. */
function levelColour(level: AlarmLevel): vscode.ThemeColor {
  return new vscode.ThemeColor(THEME_COLOUR[ALARM_LEVEL_COLOURS[level]]);
}

export function alarmGroupItem(ctx: ItemContext, node: AlarmGroupNode): vscode.TreeItem {
  const state = ctx.inventory.alarmState(node.connectionId);
  const mine = ctx.inventory.clusterAlarms(node.connectionId, node.clusterId);
  const complete = state?.complete !== false;
  const label = mine ? vscode.l10n.t('Alerts ({0})', `${mine.counts.total}${complete ? '' : '+'}`) : vscode.l10n.t('Alerts');
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  const a = summary(ctx, node.connectionId, mine?.counts);
  if (state?.error !== undefined) {
    item.description = vscode.l10n.t('unavailable');
    item.iconPath = new vscode.ThemeIcon('bell-slash', new vscode.ThemeColor('list.warningForeground'));
  } else if (!mine) {
    item.description = a.loading ? vscode.l10n.t('loading…') : undefined;
    item.iconPath = new vscode.ThemeIcon('bell');
  } else {
    item.description = a.text;
    const worst = worstLevel(mine.counts);
    item.iconPath = worst ? new vscode.ThemeIcon('bell-dot', levelColour(worst)) : new vscode.ThemeIcon('bell');
  }
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(vscode.l10n.t('Active alerts of {0}', node.clusterName))}**\n`);
  appendAlarmTooltip(md, a);
  item.tooltip = md;
  item.accessibilityInformation = { label: [label, item.description].filter(Boolean).join(vscode.l10n.t(', ')) };
  item.contextValue = 'alarmGroup';
  return item;
}

export function alarmItem(_ctx: ItemContext, node: AlarmNode): vscode.TreeItem {
  const a = node.alarm;
  const item = new vscode.TreeItem(a.summary, vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  const level = alarmLevelWord(vscode.l10n, a);
  const seen = a.activeAt !== undefined ? formatTime(a.activeAt, vscode.env.language) : undefined;
  item.description = [level, seen ? vscode.l10n.t('first seen {0}', seen) : undefined].filter(Boolean).join(' · ');
  item.iconPath = a.level !== undefined ? new vscode.ThemeIcon(LEVEL_ICON[a.level], levelColour(a.level)) : new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'));
  item.accessibilityInformation = { label: [a.summary, level, seen ? vscode.l10n.t('first seen {0}', seen) : undefined].filter(Boolean).join(vscode.l10n.t(', ')) };
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(a.summary)}**\n\n`);
  const rows: Fact[] = [
    [vscode.l10n.t('Alert Level'), withRaw(level, a.level === undefined ? undefined : String(a.level))],
    [vscode.l10n.t('Alert Status'), withRaw(alarmStatusWord(vscode.l10n, a), a.rawStatus)],
    [vscode.l10n.t('First Seen'), seen],
    [vscode.l10n.t('Last updated'), a.updatedAt !== undefined ? formatTime(a.updatedAt, vscode.env.language) : undefined],
    [vscode.l10n.t('Tenant'), a.tenantName],
    [vscode.l10n.t('Host'), a.hostIp],
    [vscode.l10n.t('Alert type'), a.alarmType],
    [vscode.l10n.t('Scope'), a.scope],
    [vscode.l10n.t('Source'), a.appType],
    [vscode.l10n.t('Target'), a.target],
    [vscode.l10n.t('Alert id'), a.id],
  ];
  appendFacts(md, rows);
  if (a.description && a.description !== a.summary) md.appendMarkdown(`\n${escapeMd(a.description)}`);
  item.tooltip = md;
  item.contextValue = a.level !== undefined ? `alarm level-${a.level}` : 'alarm';
  return item;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
