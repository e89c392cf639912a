// OCP's documented status and operation values (ocp-api.md §5.1, §5.2, §7.2). Normalisers map anything
// else to 'UNKNOWN' and keep the raw string next to it, so a newer OCP never crashes the extension.

/** Cluster statuses documented for OCP 3.1 and 4.2 (OPERATING = under maintenance). */
export const CLUSTER_STATUSES = [
  'RUNNING',
  'CREATING',
  'DELETING',
  'STARTING',
  'RESTARTING',
  'STOPPING',
  'STOPPED',
  'TAKINGOVER',
  'MOVINGOUT',
  'SWITCHOVER',
  'FAILOVER',
  'OPERATING',
] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

/** Tenant statuses. */
export const TENANT_STATUSES = ['NORMAL', 'CREATING', 'MODIFYING', 'DELETING'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** Task statuses: the documented three plus PENDING (declared by obdiag, tolerated). */
export const TASK_STATUSES = ['RUNNING', 'FAILED', 'SUCCESSFUL', 'PENDING'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Subtask statuses. A skipped subtask becomes SUCCESSFUL, a cancelled one FAILED. */
export const SUBTASK_STATUSES = ['PENDING', 'READY', 'RUNNING', 'CANCELING', 'FAILED', 'SUCCESSFUL'] as const;
export type SubtaskStatus = (typeof SUBTASK_STATUSES)[number];

/** Task and subtask operations (ROLLBACK_SKIP seen on subtasks in OCP Express). */
export const OPERATIONS = ['EXECUTE', 'RETRY', 'ROLLBACK', 'SKIP', 'CANCEL', 'ROLLBACK_SKIP'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Primary/standby role of a cluster or tenant. */
export const ROLES = ['PRIMARY', 'STANDBY'] as const;
export type Role = (typeof ROLES)[number];

/** Tenant compatibility mode (OCP samples use both "ORACLE" and "Oracle"). */
export const TENANT_MODES = ['MYSQL', 'ORACLE'] as const;
export type TenantMode = (typeof TENANT_MODES)[number];

/** Value used when OCP sent something not in the lists above (the raw string is kept beside it). */
export type Unknown = 'UNKNOWN';
