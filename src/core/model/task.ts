// OCP tasks and subtasks, normalised from both payload shapes (ocp-api.md §7.2):
//   old: `tasks[]`, `creator {id,name}`, `cluster {id,name,obClusterId}`, minimal subtasks;
//   new: `subtasks[]`, `creator` string, top-level `clusterId`/`tenantId`, full subtasks.
// Subtask order in the JSON means nothing; the DAG (dag.ts) is built from the edges.

import { arr, bool, EnumRead, ids, isObj, Json, num, obj, readEnum, str } from './coerce';
import {
  OPERATIONS,
  Operation,
  SUBTASK_STATUSES,
  SubtaskStatus,
  TASK_STATUSES,
  TaskStatus,
  Unknown,
} from './enums';
import { parseOcpTime } from './time';

/** The raw timestamps as OCP sent them (epoch-ms versions are on the object itself). */
export interface RawTimes {
  createTime?: string;
  startTime?: string;
  finishTime?: string;
}

/** One node of a task's DAG. */
export interface Subtask {
  id: number;
  name: string;
  description?: string;
  status: SubtaskStatus | Unknown;
  rawStatus: string;
  operation?: Operation | Unknown;
  rawOperation?: string;
  /** Position in the task definition (new shape only); used to break ties in orderings. */
  seriesId?: number;
  /** Parallel branch index; -1 when not a parallel branch (the default). Also read from the doc's `paralleIdx`. */
  parallelIdx: number;
  /** Ids this subtask waits for, as sent (deduplicated). */
  upstreams: number[];
  /** Ids waiting for this subtask, as sent (deduplicated; also read from the doc's `downstream`). */
  downstreams: number[];
  prohibitRollback: boolean;
  /** False when absent (older OCPs do not send it). */
  prohibitSkip: boolean;
  /** A "Wait node" barrier joining parallel branches (drawn small). */
  isWaitNode: boolean;
  executor?: string;
  /** Execution count. */
  runTime?: number;
  /** Seconds. */
  timeout?: number;
  nodeType?: string;
  createTime?: number;
  startTime?: number;
  finishTime?: number;
  rawTimes: RawTimes;
}

/** Which payload shape a task came in. */
export type TaskShape = 'subtasks' | 'tasks' | 'none';

/** An OCP task instance. */
export interface Task {
  /** OCP task instance id; -1 when the payload had none. */
  id: number;
  name: string;
  status: TaskStatus | Unknown;
  rawStatus: string;
  operation?: Operation | Unknown;
  rawOperation?: string;
  /** MANUAL | SYS_ONECE | SCHEDULED | SYS_SCHEDULED, as sent. */
  type?: string;
  taskDefinitionId?: number;
  executor?: string;
  /** Creator's name (string in the new shape, `creator.name` in the old). */
  creator?: string;
  clusterId?: number;
  clusterName?: string;
  obClusterId?: number;
  tenantId?: number;
  tenantName?: string;
  hostId?: number;
  prohibitRollback: boolean;
  createTime?: number;
  startTime?: number;
  finishTime?: number;
  rawTimes: RawTimes;
  /** Subtasks in JSON order, deduplicated by id (first wins); subtasks without an id are dropped. */
  subtasks: Subtask[];
  shape: TaskShape;
  /** Problems met while normalising (dropped or duplicate subtasks); empty for a clean payload. */
  issues: string[];
}

const WAIT_NODE = /^\s*wait\s+node\s*$/i;

/** True for OCP's "Wait node" barrier subtasks. */
export function isWaitNodeName(name: string | undefined): boolean {
  return name !== undefined && WAIT_NODE.test(name);
}

function rawTimes(r: Json): RawTimes {
  return { createTime: str(r.createTime), startTime: str(r.startTime), finishTime: str(r.finishTime) };
}

function operationOf(v: unknown): EnumRead<Operation> | undefined {
  return v === undefined || v === null ? undefined : readEnum(OPERATIONS, v);
}

/** Normalises one subtask; returns undefined when it has no usable id. */
export function normalizeSubtask(raw: unknown): Subtask | undefined {
  if (!isObj(raw)) return undefined;
  const id = num(raw.id);
  if (id === undefined) return undefined;
  const status = readEnum(SUBTASK_STATUSES, raw.status);
  const name = str(raw.name) ?? str(raw.description) ?? `#${id}`;
  const op = operationOf(raw.operation);
  return {
    id,
    name,
    description: str(raw.description),
    status: status.value,
    rawStatus: status.raw,
    operation: op?.value,
    rawOperation: op?.raw,
    seriesId: num(raw.seriesId),
    parallelIdx: num(raw.parallelIdx) ?? num(raw.paralleIdx) ?? -1,
    upstreams: ids(raw.upstreams),
    downstreams: ids(raw.downstreams ?? raw.downstream),
    prohibitRollback: bool(raw.prohibitRollback),
    prohibitSkip: bool(raw.prohibitSkip),
    isWaitNode: isWaitNodeName(str(raw.name)) || (raw.name === undefined && isWaitNodeName(str(raw.description))),
    executor: str(raw.executor),
    runTime: num(raw.runTime),
    timeout: num(raw.timeout),
    nodeType: str(raw.nodeType),
    createTime: parseOcpTime(raw.createTime),
    startTime: parseOcpTime(raw.startTime),
    finishTime: parseOcpTime(raw.finishTime),
    rawTimes: rawTimes(raw),
  };
}

/**
 * Normalises a task in either shape. Also accepts the whole response envelope (`{data, successful, …}`) and
 * unwraps it. Never throws: garbage gives a task with id -1, status 'UNKNOWN' and no subtasks.
 */
export function normalizeTask(raw: unknown): Task {
  let r = obj(raw);
  if (isObj(r.data) && typeof r.successful === 'boolean') r = r.data;
  const status = readEnum(TASK_STATUSES, r.status);
  const cluster = obj(r.cluster);
  const tenant = obj(r.tenant);
  const creator = r.creator;

  const list = Array.isArray(r.subtasks) ? r.subtasks : Array.isArray(r.tasks) ? r.tasks : undefined;
  const shape: TaskShape = list === undefined ? 'none' : list === r.subtasks ? 'subtasks' : 'tasks';
  const issues: string[] = [];
  const subtasks: Subtask[] = [];
  const seen = new Set<number>();
  arr(list).forEach((item, i) => {
    const s = normalizeSubtask(item);
    if (!s) issues.push(`subtask at position ${i} has no id; ignored`);
    else if (seen.has(s.id)) issues.push(`subtask ${s.id} appears more than once; kept the first`);
    else {
      seen.add(s.id);
      subtasks.push(s);
    }
  });

  const op = operationOf(r.operation);
  return {
    id: num(r.id) ?? -1,
    name: str(r.name) ?? '',
    status: status.value,
    rawStatus: status.raw,
    operation: op?.value,
    rawOperation: op?.raw,
    type: str(r.type),
    taskDefinitionId: num(r.taskDefinitionId),
    executor: str(r.executor),
    creator: typeof creator === 'string' ? str(creator) : str(obj(creator).name),
    clusterId: num(r.clusterId) ?? num(cluster.id),
    clusterName: str(cluster.name) ?? str(r.clusterName),
    obClusterId: num(cluster.obClusterId) ?? num(r.obClusterId),
    tenantId: num(r.tenantId) ?? num(tenant.id),
    tenantName: str(tenant.name) ?? str(r.tenantName),
    hostId: num(r.hostId),
    prohibitRollback: bool(r.prohibitRollback),
    createTime: parseOcpTime(r.createTime),
    startTime: parseOcpTime(r.startTime),
    finishTime: parseOcpTime(r.finishTime),
    rawTimes: rawTimes(r),
    subtasks,
    shape,
    issues,
  };
}

/** True once the task can no longer change by itself (SUCCESSFUL). FAILED waits for a user action. */
export function isTaskFinished(t: Pick<Task, 'status'>): boolean {
  return t.status === 'SUCCESSFUL';
}
