// Alert events (OCP's API calls them alarms; alarms.md): the normalised alert a tree shows (level with OCP's level
// words, summary, first seen, the cluster and tenant it is about), and pure counts by level per cluster and per
// connection. An alert carries no cluster id: the cluster is named in `labels.ob_cluster` (`obregion` in older
// versions), so alerts are matched to clusters by name.

import { isObj, num, obj, str } from './coerce';
import { parseOcpTime } from './time';

/** OCP's five alert levels, 1 (most severe) to 5 (ocp-terms.md §5.1). */
export const ALARM_LEVELS = [1, 2, 3, 4, 5] as const;
export type AlarmLevel = (typeof ALARM_LEVELS)[number];

/** The word OCP uses for each level (English key; the UI's l10n gives 停服 严重 警告 注意 提醒). */
export const ALARM_LEVEL_WORDS: Record<AlarmLevel, 'Stopped' | 'Critical' | 'Warning' | 'Caution' | 'Reminder'> = {
  1: 'Stopped',
  2: 'Critical',
  3: 'Warning',
  4: 'Caution',
  5: 'Reminder',
};

/** The console's colour for each level (ocp-terms.md §5.1), for the UI to map onto theme colours. */
export const ALARM_LEVEL_COLOURS: Record<AlarmLevel, 'purple' | 'red' | 'orange' | 'blue' | 'green'> = {
  1: 'purple',
  2: 'red',
  3: 'orange',
  4: 'blue',
  5: 'green',
};

/** Documented alert statuses (ocp-terms.md §5.2). */
export const ALARM_STATUSES = ['Active', 'Inactive', 'Silenced', 'Inhibited'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

/** The label keys that name an alert's cluster, in order of preference (`obregion` in older versions). */
const CLUSTER_LABELS = ['ob_cluster', 'obregion', 'ob_cluster_name', 'cluster'];

export interface Alarm {
  id: number;
  /** 1–5, or undefined when OCP sent no usable level (shown raw, counted under `unknown`). */
  level?: AlarmLevel;
  /** The level as sent (number or `labels.alarm_level` text), for display when `level` is undefined. */
  rawLevel: string;
  /** Active / Inactive / Silenced / Inhibited, or 'UNKNOWN' (raw kept). */
  status: AlarmStatus | 'UNKNOWN';
  rawStatus: string;
  summary: string;
  description?: string;
  /** The rule name (`alarmType`), e.g. obagent_dead. */
  alarmType?: string;
  /** Source application (OB, OCP, OBProxy…), as sent. */
  appType?: string;
  /** Scope (ObCluster, ObTenant, Host…), as sent. */
  scope?: string;
  target?: string;
  /** First seen: `activeAt` (UTC), epoch ms. */
  activeAt?: number;
  resolvedAt?: number;
  updatedAt?: number;
  /** The cluster's name from the labels (see CLUSTER_LABELS); undefined for alerts not about a cluster. */
  clusterName?: string;
  tenantName?: string;
  hostIp?: string;
  /** The string labels as sent (non-string values dropped). */
  labels: Record<string, string>;
}

function levelOf(v: unknown, labelText: string | undefined): AlarmLevel | undefined {
  const n = num(v);
  if (n !== undefined && (ALARM_LEVELS as readonly number[]).includes(n)) return n as AlarmLevel;
  if (labelText) {
    const t = labelText.trim().toLowerCase();
    // OCP's label words, plus the newer client's (Down, Alert, Info: alarms.md)
    const byWord: Record<string, AlarmLevel> = { stopped: 1, down: 1, critical: 2, warning: 3, alert: 3, caution: 4, reminder: 5, info: 5 };
    return byWord[t];
  }
  return undefined;
}

/** Normalises one alert event; undefined when it has no id. Never throws. */
export function normalizeAlarm(raw: unknown): Alarm | undefined {
  if (!isObj(raw)) return undefined;
  const id = num(raw.id);
  if (id === undefined) return undefined;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(raw.labels))) if (typeof v === 'string') labels[k] = v;
  const level = levelOf(raw.level, labels.alarm_level);
  const rawStatus = str(raw.status) ?? labels.alarm_status ?? '';
  const status = ALARM_STATUSES.find((s) => s.toLowerCase() === rawStatus.trim().toLowerCase()) ?? 'UNKNOWN';
  const clusterName = CLUSTER_LABELS.map((k) => labels[k]).find((v) => v !== undefined && v !== '');
  return {
    id,
    level,
    rawLevel: raw.level === undefined || raw.level === null ? labels.alarm_level ?? '' : String(raw.level),
    status,
    rawStatus,
    summary: str(raw.summary) ?? labels.alarm_name ?? str(raw.alarmType) ?? `#${id}`,
    description: str(raw.description),
    alarmType: str(raw.alarmType),
    appType: str(raw.appType),
    scope: str(raw.scope),
    target: str(raw.target),
    activeAt: parseOcpTime(raw.activeAt),
    resolvedAt: parseOcpTime(raw.resolvedAt),
    updatedAt: parseOcpTime(raw.updatedAt),
    clusterName,
    tenantName: labels.tenant_name || undefined,
    hostIp: labels.svr_ip || labels.host_ip || undefined,
    labels,
  };
}

/** Counts of alerts by level; `unknown` holds alerts without a usable level. */
export interface AlarmCounts {
  total: number;
  byLevel: Record<AlarmLevel, number>;
  unknown: number;
}

export function emptyAlarmCounts(): AlarmCounts {
  return { total: 0, byLevel: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, unknown: 0 };
}

function add(c: AlarmCounts, a: Alarm): void {
  c.total++;
  if (a.level === undefined) c.unknown++;
  else c.byLevel[a.level]++;
}

/** Counts by level of the given alerts (all of them: filter to Active first when needed). */
export function countAlarms(alarms: readonly Alarm[]): AlarmCounts {
  const c = emptyAlarmCounts();
  for (const a of alarms) add(c, a);
  return c;
}

/** The most severe level present, or undefined when there is none (for the node's icon colour). */
export function worstLevel(counts: AlarmCounts): AlarmLevel | undefined {
  return ALARM_LEVELS.find((l) => counts.byLevel[l] > 0);
}

export interface ClusterAlarms {
  clusterId: number;
  alarms: Alarm[];
  counts: AlarmCounts;
}

/**
 * Splits a connection's alerts over its clusters by name (`clusterName` against the cluster list's `name`, exact,
 * then case-insensitive). Every given cluster gets an entry (zero counts when it has no alert); alerts about no known
 * cluster (hosts, OCP itself, a cluster not in the list) go to `other`. Alerts keep their order within a cluster, most
 * severe first when `sortBySeverity` (then newest first).
 */
export function alarmsByCluster(
  alarms: readonly Alarm[],
  clusters: readonly { id: number; name: string }[],
  sortBySeverity = true,
): { clusters: Map<number, ClusterAlarms>; other: Alarm[]; connection: AlarmCounts } {
  const out = new Map<number, ClusterAlarms>();
  const exact = new Map<string, number>();
  const folded = new Map<string, number>();
  for (const c of clusters) {
    out.set(c.id, { clusterId: c.id, alarms: [], counts: emptyAlarmCounts() });
    if (!exact.has(c.name)) exact.set(c.name, c.id);
    const f = c.name.toLowerCase();
    if (!folded.has(f)) folded.set(f, c.id);
  }
  const other: Alarm[] = [];
  for (const a of alarms) {
    const id = a.clusterName === undefined ? undefined : exact.get(a.clusterName) ?? folded.get(a.clusterName.toLowerCase());
    const entry = id === undefined ? undefined : out.get(id);
    if (!entry) other.push(a);
    else {
      entry.alarms.push(a);
      add(entry.counts, a);
    }
  }
  if (sortBySeverity) for (const e of out.values()) e.alarms = sortAlarms(e.alarms);
  return { clusters: out, other, connection: countAlarms(alarms) };
}

/** Most severe first (unknown level last), then newest first, then by id. Returns a new array. */
export function sortAlarms(alarms: readonly Alarm[]): Alarm[] {
  return [...alarms].sort((x, y) => (x.level ?? 9) - (y.level ?? 9) || (y.activeAt ?? 0) - (x.activeAt ?? 0) || x.id - y.id);
}

/**
 * Short text of counts for a description, most severe first, only non-zero levels: e.g. "1 Critical, 2 Warning"
 * with the words the caller passes (its localised level words). Empty when there is no alert.
 */
export function formatAlarmCounts(counts: AlarmCounts, words: Record<AlarmLevel, string>, unknownWord: string): string {
  const parts = ALARM_LEVELS.filter((l) => counts.byLevel[l] > 0).map((l) => `${counts.byLevel[l]} ${words[l]}`);
  if (counts.unknown > 0) parts.push(`${counts.unknown} ${unknownWord}`);
  return parts.join(', ');
}
