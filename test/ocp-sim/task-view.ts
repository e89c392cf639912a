/*
 * Task JSON in the two shapes of ocp-api.md 7.2:
 *   new (OCP 4.x): subtasks[], creator string, clusterId/tenantId top level, operation, executor, prohibitRollback,
 *       taskDefinitionId, type; full subtask fields.
 *   old (2.x/3.x samples): tasks[], creator {id,name}, cluster {id,name,obClusterId}, context string; subtasks
 *       with {id,name,description,operation,status,upstreams,downstreams} only.
 * Subtasks are listed in a fixed shuffled order, as OCP's order is not execution order. Full task JSON is cached
 * per task version.
 */
import { isoTime } from './format';
import type { SubtaskRec, TaskRec, TaskShape } from './types';

function newSubtask(s: SubtaskRec): Record<string, unknown> {
  const o: Record<string, unknown> = {
    id: s.id, seriesId: s.seriesId, name: s.name, description: s.description, status: s.status, operation: s.operation,
    executor: s.executor, runTime: s.runTime, timeout: s.timeout, nodeType: s.nodeType, parallelIdx: s.parallelIdx,
    upstreams: s.upstreams, downstreams: s.downstreams, prohibitRollback: s.prohibitRollback, prohibitSkip: s.prohibitSkip,
    createTime: isoTime(s.createTime),
  };
  if (s.startTime !== null) o.startTime = isoTime(s.startTime);
  if (s.finishTime !== null) o.finishTime = isoTime(s.finishTime);
  return o;
}

function oldSubtask(s: SubtaskRec): Record<string, unknown> {
  return { id: s.id, name: s.name, description: s.description, operation: s.operation, status: s.status, upstreams: s.upstreams, downstreams: s.downstreams };
}

/** Task header fields (the list item, BasicTaskInstance). */
export function basicTask(task: TaskRec, shape: TaskShape): Record<string, unknown> {
  if (shape === 'old') {
    const o: Record<string, unknown> = {
      id: task.id, name: task.name, status: task.status, startTime: isoTime(task.startTime),
      creator: { id: task.creatorId, name: task.creator },
    };
    if (task.finishTime !== null) o.finishTime = isoTime(task.finishTime);
    if (task.clusterRef) o.cluster = task.clusterRef;
    o.context = task.context;
    return o;
  }
  const o: Record<string, unknown> = {
    id: task.id, name: task.name, taskDefinitionId: task.taskDefinitionId, status: task.status, type: task.type,
    operation: task.operation, executor: task.executor, creator: task.creator, createTime: isoTime(task.createTime),
    startTime: isoTime(task.startTime), prohibitRollback: task.prohibitRollback,
  };
  if (task.finishTime !== null) o.finishTime = isoTime(task.finishTime);
  if (task.clusterId !== undefined) o.clusterId = task.clusterId;
  if (task.tenantId !== undefined) o.tenantId = task.tenantId;
  if (task.hostId !== undefined) o.hostId = task.hostId;
  return o;
}

export function taskObject(task: TaskRec, shape: TaskShape): Record<string, unknown> {
  const o = basicTask(task, shape);
  if (shape === 'old') o.tasks = task.jsonOrder.map(oldSubtask);
  else o.subtasks = task.jsonOrder.map(newSubtask);
  return o;
}

export function subtaskObject(s: SubtaskRec): Record<string, unknown> {
  return newSubtask(s);
}

const cache = new WeakMap<TaskRec, { version: number; shape: TaskShape; json: string }>();

/** JSON text of the full task, cached until the task changes. */
export function taskJson(task: TaskRec, shape: TaskShape): string {
  const c = cache.get(task);
  if (c && c.version === task.version && c.shape === shape) return c.json;
  const json = JSON.stringify(taskObject(task, shape));
  cache.set(task, { version: task.version, shape, json });
  return json;
}
