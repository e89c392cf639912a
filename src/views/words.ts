// The words users read for OCP's raw enum values (RUNNING → "Running" / 运行中, PRIMARY → "Primary cluster" / 主集群),
// in VS Code's display language, with the OCP console's own words (shared/ocp-terms.md; EX = OCP Express's
// console, DOC = the OCP user guide). Pure: no `vscode` import; callers pass the translator (`vscode.l10n`),
// unit tests a fake one. The raw value stays beside the word in tooltips (`withRaw`) so it can still be searched.
import { ALARM_LEVELS, type AlarmCounts, type AlarmLevel, type AlarmStatus } from '../core/model/alarm';
import type { ClusterStatus, Operation, Role, SubtaskStatus, TaskStatus, TenantMode, TenantStatus } from '../core/model/enums';
import type { ServerStatus, ZoneStatus } from '../core/model/topology';

/** What `vscode.l10n` offers (its first overload): a message with `{0}` placeholders, and its arguments. */
export interface Translator {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export interface Words {
  clusterStatus: Record<ClusterStatus, string>;
  tenantStatus: Record<TenantStatus, string>;
  taskStatus: Record<TaskStatus, string>;
  subtaskStatus: Record<SubtaskStatus, string>;
  operation: Record<Operation, string>;
  /** A cluster's `type`. */
  clusterType: Record<Role, string>;
  /** A tenant's primary/standby role. */
  tenantRole: Record<Role, string>;
  tenantMode: Record<TenantMode, string>;
  /** A zone's status (ocp-terms.md §4.1). */
  zoneStatus: Record<ZoneStatus, string>;
  /** An OBServer's status (ocp-terms.md §4.2). */
  serverStatus: Record<ServerStatus, string>;
}

const cache = new WeakMap<Translator, Words>();

/** Every table, translated once per translator. The `Record` types make a new enum value a compile error here. */
export function words(l10n: Translator): Words {
  let w = cache.get(l10n);
  if (w) return w;
  w = {
    clusterStatus: {
      RUNNING: l10n.t('Running'),
      CREATING: l10n.t('Creating'),
      DELETING: l10n.t('Deleting'),
      STARTING: l10n.t('Starting'),
      RESTARTING: l10n.t('Restarting'),
      STOPPING: l10n.t('Stopping'),
      STOPPED: l10n.t('Stopped'),
      TAKINGOVER: l10n.t('Taking Over'),
      MOVINGOUT: l10n.t('Moving Out'),
      SWITCHOVER: l10n.t('Switching'),
      FAILOVER: l10n.t('Switching Disaster Recovery'),
      OPERATING: l10n.t('Maintaining'),
    },
    tenantStatus: {
      NORMAL: l10n.t('Running'),
      CREATING: l10n.t('Creating'),
      MODIFYING: l10n.t('Maintaining'),
      DELETING: l10n.t('Deleting'),
    },
    taskStatus: {
      RUNNING: l10n.t('Running'),
      FAILED: l10n.t('Failed'),
      SUCCESSFUL: l10n.t('Completed'),
      PENDING: l10n.t('Pending'),
    },
    subtaskStatus: {
      PENDING: l10n.t('Pending'),
      READY: l10n.t('Ready for Execution'),
      RUNNING: l10n.t('Running'),
      CANCELING: l10n.t('Canceling'),
      FAILED: l10n.t('Failed'),
      SUCCESSFUL: l10n.t('Completed'),
    },
    operation: {
      EXECUTE: l10n.t('Execute'),
      RETRY: l10n.t('Retry'),
      ROLLBACK: l10n.t('Rollback'),
      SKIP: l10n.t('Skip'),
      CANCEL: l10n.t('Cancel'),
      ROLLBACK_SKIP: l10n.t('Skip Rollback'),
    },
    clusterType: {
      PRIMARY: l10n.t('Primary cluster'),
      STANDBY: l10n.t('Standby cluster'),
    },
    tenantRole: {
      PRIMARY: l10n.t('Primary tenant'),
      STANDBY: l10n.t('Standby tenant'),
    },
    tenantMode: {
      MYSQL: 'MySQL',
      ORACLE: 'Oracle',
    },
    zoneStatus: {
      CREATING: l10n.t('Creating'),
      RUNNING: l10n.t('Running'),
      UNAVAILABLE: l10n.t('Unavailable'),
      STOPPING: l10n.t('Stopping'),
      STOPPED: l10n.t('Stopped'),
      STARTING: l10n.t('Starting'),
      RESTARTING: l10n.t('Restarting'),
      DELETING: l10n.t('Deleting'),
      DELETED: l10n.t('Deleted'),
      OPERATING: l10n.t('Maintaining'),
      SERVICE_STOPPED: l10n.t('Service Stopped'),
    },
    serverStatus: {
      CREATING: l10n.t('Creating'),
      RUNNING: l10n.t('Running'),
      UNAVAILABLE: l10n.t('Unavailable'),
      STARTING: l10n.t('Starting'),
      RESTARTING: l10n.t('Restarting'),
      STOPPING: l10n.t('Stopping'),
      STOPPED: l10n.t('Stopped'),
      SERVICE_STOPPING: l10n.t('Service Stopping'),
      SERVICE_STOPPED: l10n.t('Service Stopped'),
      PROCESS_STOPPING: l10n.t('Stopping Process'),
      PROCESS_STOPPED: l10n.t('Process Stopped'),
      REINSTALLING: l10n.t('Reinstalling'),
      DELETING: l10n.t('Deleting'),
      DELETED: l10n.t('Deleted'),
      OPERATING: l10n.t('Maintaining'),
    },
  };
  cache.set(l10n, w);
  return w;
}

/** A status word, or for a value OCP sent that no list knows, the raw value marked as unknown. */
function statusWord<K extends string>(l10n: Translator, table: Record<K, string>, value: K | 'UNKNOWN', raw: string | undefined): string {
  return value === 'UNKNOWN' ? l10n.t('{0} (unknown status)', raw || '?') : table[value];
}

/** "Running (RUNNING)": the word with OCP's raw value, for tooltips. An unknown value is shown once. */
export function withRaw(word: string | undefined, raw: string | undefined): string | undefined {
  if (!word) return raw || undefined;
  return raw && !word.includes(raw) ? `${word} (${raw})` : word;
}

export interface ClusterLike { status: ClusterStatus | 'UNKNOWN'; rawStatus: string; type?: Role; rawType?: string }
export interface TenantLike { status: TenantStatus | 'UNKNOWN'; rawStatus: string; role?: Role; rawRole?: string; mode: TenantMode | 'UNKNOWN'; rawMode?: string }
export interface TaskLike { status: TaskStatus | 'UNKNOWN'; rawStatus: string }

export function clusterStatusWord(l10n: Translator, c: ClusterLike): string {
  return statusWord(l10n, words(l10n).clusterStatus, c.status, c.rawStatus);
}

export function clusterTypeWord(l10n: Translator, c: Pick<ClusterLike, 'type' | 'rawType'>): string | undefined {
  return c.type ? words(l10n).clusterType[c.type] : c.rawType || undefined;
}

export function tenantStatusWord(l10n: Translator, t: Pick<TenantLike, 'status' | 'rawStatus'>): string {
  return statusWord(l10n, words(l10n).tenantStatus, t.status, t.rawStatus);
}

export function tenantRoleWord(l10n: Translator, t: Pick<TenantLike, 'role' | 'rawRole'>): string | undefined {
  return t.role ? words(l10n).tenantRole[t.role] : t.rawRole || undefined;
}

export function tenantModeWord(l10n: Translator, t: Pick<TenantLike, 'mode' | 'rawMode'>): string | undefined {
  return t.mode === 'UNKNOWN' ? t.rawMode || undefined : words(l10n).tenantMode[t.mode];
}

export function zoneStatusWord(l10n: Translator, z: { status: ZoneStatus | 'UNKNOWN'; rawStatus: string }): string {
  return statusWord(l10n, words(l10n).zoneStatus, z.status, z.rawStatus);
}

export function serverStatusWord(l10n: Translator, s: { status: ServerStatus | 'UNKNOWN'; rawStatus: string }): string {
  return statusWord(l10n, words(l10n).serverStatus, s.status, s.rawStatus);
}

export function taskStatusWord(l10n: Translator, t: TaskLike): string {
  return statusWord(l10n, words(l10n).taskStatus, t.status, t.rawStatus);
}

/**
 * What a screen reader says for a tree row: its name first (as VS Code's own rows do), its kind, its status in
 * words, then the other facts ("obcluster_prod (cluster), status: Running, 4.2.1.2, Primary cluster, 3 zones").
 */
export function accessibleLabel(l10n: Translator, kind: 'cluster' | 'tenant' | 'task' | 'zone' | 'server', name: string, status: string, facts: Array<string | undefined>): string {
  const head = kind === 'cluster' ? l10n.t('{0} (cluster), status: {1}', name, status)
    : kind === 'tenant' ? l10n.t('{0} (tenant), status: {1}', name, status)
      : kind === 'zone' ? l10n.t('{0} (zone), status: {1}', name, status)
        : kind === 'server' ? l10n.t('{0} (OBServer), status: {1}', name, status)
          : l10n.t('{0} (task), status: {1}', name, status);
  return [head, ...facts.filter((f): f is string => !!f)].join(l10n.t(', '));
}

// ---- alerts (OCP's English says "alert", its API "alarm"; 告警) -----------------------------------------------
// "Stopped" alone is already a cluster status (已停止) while the alert level is 停服: the level words carry their
// number ("Stopped (level 1)"), and counts have one message per level ("{0} Stopped"), so no key is shared.

interface AlarmWords {
  level: Record<AlarmLevel, string>;
  status: Record<AlarmStatus, string>;
  count: Record<AlarmLevel, (n: number) => string>;
}

const alarmCache = new WeakMap<Translator, AlarmWords>();

/** The console's words for the five alert levels and four alert statuses (ocp-terms.md §5). */
export function alarmWords(l10n: Translator): AlarmWords {
  let w = alarmCache.get(l10n);
  if (w) return w;
  w = {
    level: {
      1: l10n.t('Stopped (level 1)'),
      2: l10n.t('Critical (level 2)'),
      3: l10n.t('Warning (level 3)'),
      4: l10n.t('Caution (level 4)'),
      5: l10n.t('Reminder (level 5)'),
    },
    status: {
      Active: l10n.t('Active'),
      Inactive: l10n.t('Restored'),
      Silenced: l10n.t('Blocked'),
      Inhibited: l10n.t('Suppressed'),
    },
    count: {
      1: (n) => l10n.t('{0} Stopped', n),
      2: (n) => l10n.t('{0} Critical', n),
      3: (n) => l10n.t('{0} Warning', n),
      4: (n) => l10n.t('{0} Caution', n),
      5: (n) => l10n.t('{0} Reminder', n),
    },
  };
  alarmCache.set(l10n, w);
  return w;
}

/** An alert's level word; an alert without a usable level shows OCP's raw value as unknown. */
export function alarmLevelWord(l10n: Translator, a: { level?: AlarmLevel; rawLevel: string }): string {
  return a.level !== undefined ? alarmWords(l10n).level[a.level] : l10n.t('{0} (unknown level)', a.rawLevel || '?');
}

export function alarmStatusWord(l10n: Translator, a: { status: AlarmStatus | 'UNKNOWN'; rawStatus: string }): string {
  return statusWord(l10n, alarmWords(l10n).status, a.status, a.rawStatus);
}

/**
 * The counts of active alerts by level for a description, most severe first, non-zero levels only:
 * "1 Critical, 2 Warning"; "" when there is none. `complete` false (OCP has more than one page of alerts): the
 * counts are lower bounds, and say so.
 */
export function alarmCountsText(l10n: Translator, counts: AlarmCounts, complete = true): string {
  const w = alarmWords(l10n);
  const parts = ALARM_LEVELS.filter((l) => counts.byLevel[l] > 0).map((l) => w.count[l](counts.byLevel[l]));
  if (counts.unknown > 0) parts.push(l10n.t('{0} of unknown level', counts.unknown));
  const text = parts.join(l10n.t(', '));
  return text && !complete ? l10n.t('at least {0}', text) : text;
}
