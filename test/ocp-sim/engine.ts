/*
 * Task engine: runs subtask DAGs in simulated time. A subtask goes PENDING -> READY (all upstreams SUCCESSFUL)
 * -> RUNNING -> SUCCESSFUL | FAILED. The task is RUNNING until every subtask is SUCCESSFUL (-> SUCCESSFUL) or
 * one fails (-> FAILED at once; nothing new starts, the rest stays PENDING).
 *
 * Controls (illegal ones throw ApiError 409):
 *   task retry      FAILED task: failed subtasks run again (runTime+1, operation RETRY), task operation RETRY.
 *   task rollback   FAILED task without prohibitRollback: every executed subtask is undone in reverse dependency
 *                   order (subtasks still running finish first) (status RUNNING then SUCCESSFUL, operation ROLLBACK); then the operation's
 *                   target is restored and the task ends SUCCESSFUL with operation ROLLBACK (simulator's choice:
 *                   OCP documents FAILED only for "run failed or rollback failed").
 *   subtask retry   FAILED only -> READY (runTime+1, RETRY); the task resumes when no other subtask is FAILED.
 *   subtask skip    FAILED only, not prohibitSkip -> SUCCESSFUL (SKIP); the task resumes likewise.
 *   subtask cancel  RUNNING only -> CANCELING (CANCEL) -> FAILED shortly after; the task becomes FAILED.
 * Each subtask's log grows line by line while it runs (lines carry their simulated time and are shown once due).
 */
import type { SimClock } from './clock';
import { buildDag, syntheticSteps, WAIT_NODE, type StepSpec } from './dag';
import { ApiError, CODES, type Errors } from './errors';
import type { FaultSet } from './faults';
import { logTime, rng, shuffled } from './format';
import type { SimState } from './state';
import type { ClusterRef, Operation, SubtaskRec, TaskHooks, TaskRec, TaskShape } from './types';

export interface EngineOptions {
  /** non-Wait-node subtask duration (simulated ms): fixed or [min,max] */
  durationMs: number | [number, number];
  executor: string;
}

export interface TaskSpec {
  name: string;
  steps: StepSpec[];
  creator: string;
  clusterId?: number;
  tenantId?: number;
  hostId?: number;
  clusterRef?: ClusterRef;
  context?: Record<string, string | number | (string | number)[]>;
  hooks?: TaskHooks;
  shape?: TaskShape;
  prohibitRollback?: boolean;
}

export interface SyntheticOptions {
  subtasks: number;
  shape?: TaskShape;
  fanOut?: number;
  status?: 'RUNNING' | 'SUCCESSFUL' | 'FAILED';
  /** fraction (0..1) of subtasks already SUCCESSFUL when created (RUNNING/FAILED); default 0 / 0.5 */
  progress?: number;
  clusterId?: number;
  name?: string;
  prohibitRollback?: boolean;
}

const READY_DELAY = 50;
const WAIT_NODE_MS = 150;
const CANCEL_MS = 300;
const HOLD_CHECK_MS = 1000;
const MAX_HOLD_LINES = 300;

export class TaskEngine {
  private readonly rollbackLeft = new WeakMap<TaskRec, Map<number, number>>();

  constructor(
    private readonly state: SimState,
    private readonly clock: SimClock,
    private readonly faults: FaultSet,
    private readonly opts: EngineOptions,
  ) {}

  create(spec: TaskSpec): TaskRec {
    const task = this.build(spec);
    for (const s of task.subtasks) if (!s.upstreams.length) this.makeReady(task, s);
    return task;
  }

  createSynthetic(o: SyntheticOptions): TaskRec {
    const cluster = o.clusterId !== undefined ? this.state.clusters.get(o.clusterId) : undefined;
    const task = this.build({
      name: o.name ?? `Synthetic task (${o.subtasks} subtasks)`, steps: syntheticSteps(o.subtasks, o.fanOut ?? 10), creator: 'admin',
      clusterId: o.clusterId, clusterRef: cluster ? { id: cluster.id, name: cluster.name, obClusterId: cluster.obClusterId } : undefined, shape: o.shape,
      prohibitRollback: o.prohibitRollback,
    });
    const status = o.status ?? 'RUNNING';
    const n = task.subtasks.length;
    const done = status === 'SUCCESSFUL' ? n : Math.min(n - 1, Math.floor(n * (o.progress ?? (status === 'FAILED' ? 0.5 : 0))));
    // What already ran happened in the past: the prefix (and a failure) ends now, so its logs are visible at once.
    const durations = task.subtasks.slice(0, done).map((sub) => this.duration(sub));
    const total = durations.reduce((a, b) => a + b, 0) + (status === 'FAILED' ? 10 : 0);
    task.startTime = Math.min(task.startTime, this.clock.now() - total);
    task.createTime = Math.min(task.createTime ?? task.startTime, task.startTime);
    for (const sub of task.subtasks) sub.createTime = task.startTime;
    const t = this.completePrefix(task, done, task.startTime, durations);
    if (status === 'SUCCESSFUL') {
      task.status = 'SUCCESSFUL';
      task.finishTime = t;
    } else if (status === 'FAILED') {
      const s = task.subtasks[done];
      s.status = 'FAILED';
      s.startTime = t;
      s.finishTime = t + 10;
      s.log.push({ at: t, text: this.line(s, 'INFO', `Start subtask ${s.id} ${s.name}`, t) }, { at: t + 10, text: this.line(s, 'ERROR', 'Execute failed: synthetic failure', t + 10) });
      task.status = 'FAILED';
    } else {
      this.resume(task);
    }
    return task;
  }

  /** A task that already ran to SUCCESSFUL, started at `startMs` (for the default inventory's history). */
  createCompleted(spec: TaskSpec, startMs: number): TaskRec {
    const task = this.build(spec);
    task.createTime = task.startTime = startMs;
    for (const s of task.subtasks) s.createTime = startMs;
    task.finishTime = this.completePrefix(task, task.subtasks.length, startMs);
    task.status = 'SUCCESSFUL';
    return task;
  }

  /** Marks the first `count` subtasks (a topological prefix) SUCCESSFUL, one after another from `from`; returns the end time. */
  private completePrefix(task: TaskRec, count: number, from: number, durations: number[] = []): number {
    let t = from;
    for (let i = 0; i < count; i++) {
      const s = task.subtasks[i];
      const dur = durations[i] ?? this.duration(s);
      s.status = 'SUCCESSFUL';
      s.startTime = t;
      s.log.push({ at: t, text: this.line(s, 'INFO', `Start subtask ${s.id} ${s.name}, runTime=1, operation=EXECUTE`, t) });
      t += dur;
      s.finishTime = t;
      s.log.push({ at: t, text: this.line(s, 'INFO', `Subtask ${s.id} succeeded, cost ${dur} ms`, t) });
    }
    return t;
  }

  logOf(s: SubtaskRec): string {
    const now = this.clock.now();
    const out: string[] = [];
    for (const l of s.log) if (l.at <= now) out.push(l.text);
    return out.join('\n');
  }

  retryTask(task: TaskRec, e: Errors): void {
    if (task.status !== 'FAILED' || task.rollingBack) throw this.taskState(task, e, 'RETRY');
    for (const s of task.subtasks) if (s.status === 'FAILED') this.rerun(task, s);
    task.operation = 'RETRY';
    this.resume(task);
  }

  rollbackTask(task: TaskRec, e: Errors): void {
    if (task.status !== 'FAILED' || task.rollingBack) throw this.taskState(task, e, 'ROLLBACK');
    const executed = task.subtasks.filter((s) => s.status !== 'PENDING' && s.status !== 'READY');
    if (task.prohibitRollback || executed.some((s) => s.prohibitRollback)) throw e.of(409, CODES.TASK_PROHIBIT_ROLLBACK, 'prohibitRollback', task.id);
    task.rollingBack = true;
    task.operation = 'ROLLBACK';
    task.status = 'RUNNING';
    task.finishTime = null;
    const inSet = new Set(executed.map((s) => s.id));
    const left = new Map<number, number>();
    for (const s of executed) left.set(s.id, s.downstreams.filter((d) => inSet.has(d)).length);
    this.rollbackLeft.set(task, left);
    for (const s of task.subtasks) {
      if (s.status === 'READY') {
        s.status = 'PENDING';
        s.epoch++;
      }
    }
    // subtasks still running (parallel siblings of the failed one) are undone once they end
    for (const s of executed) if (left.get(s.id) === 0 && !isActive(s)) this.startRollback(task, s);
    if (!executed.length) this.finishRollback(task);
    this.touch(task);
  }

  retrySubtask(task: TaskRec, s: SubtaskRec, e: Errors): void {
    if (s.status !== 'FAILED' || task.rollingBack) throw this.subState(s, e, 'RETRY');
    this.rerun(task, s);
    if (!task.subtasks.some((x) => x.status === 'FAILED')) this.resume(task);
    this.touch(task);
  }

  skipSubtask(task: TaskRec, s: SubtaskRec, e: Errors): void {
    if (s.status !== 'FAILED' || task.rollingBack) throw this.subState(s, e, 'SKIP');
    if (s.prohibitSkip) throw e.of(409, CODES.SUBTASK_PROHIBIT_SKIP, 'prohibitSkip', s.id);
    const now = this.clock.now();
    s.status = 'SUCCESSFUL';
    s.operation = 'SKIP';
    s.finishTime = now;
    s.epoch++;
    s.log.push({ at: now, text: this.line(s, 'WARN', 'Subtask skipped by user, marked as SUCCESSFUL') });
    if (!task.subtasks.some((x) => x.status === 'FAILED')) this.resume(task);
    this.touch(task);
  }

  cancelSubtask(task: TaskRec, s: SubtaskRec, e: Errors): void {
    if (s.status !== 'RUNNING' || task.rollingBack) throw this.subState(s, e, 'CANCEL');
    const now = this.clock.now();
    s.status = 'CANCELING';
    s.operation = 'CANCEL';
    const epoch = ++s.epoch;
    s.log = s.log.filter((l) => l.at <= now);
    s.log.push({ at: now, text: this.line(s, 'WARN', 'Cancel requested by user, interrupting subtask') });
    this.touch(task);
    this.clock.schedule(now + CANCEL_MS, () => {
      if (s.epoch !== epoch || s.status !== 'CANCELING') return;
      const t = this.clock.now();
      s.status = 'FAILED';
      s.finishTime = t;
      s.log.push({ at: t, text: this.line(s, 'ERROR', 'Subtask canceled') });
      if (task.rollingBack) this.endedDuringRollback(task, s);
      else if (task.status === 'RUNNING') task.status = 'FAILED';
      this.touch(task);
    });
  }

  // ---- internals ----

  private build(spec: TaskSpec): TaskRec {
    const nodes = buildDag(spec.steps);
    const now = this.clock.now();
    const id = this.state.ids.task++;
    const base = this.state.ids.subtask;
    this.state.ids.subtask += nodes.length;
    const series = shuffled(nodes.map((_, i) => i), id);
    const subtasks: SubtaskRec[] = nodes.map((n, i) => ({
      id: base + i, seriesId: series[i], name: n.name, description: n.description, status: 'PENDING', operation: 'EXECUTE',
      executor: this.opts.executor, runTime: 1, timeout: n.timeout, nodeType: 'JAVA_TASK', parallelIdx: n.parallelIdx,
      upstreams: n.ups.map((u) => base + u), downstreams: n.downs.map((d) => base + d), prohibitRollback: n.prohibitRollback,
      prohibitSkip: n.prohibitSkip, createTime: now, startTime: null, finishTime: null, epoch: 0, log: [], target: n.target,
    }));
    const task: TaskRec = {
      id, name: spec.name, taskDefinitionId: -1, status: 'RUNNING', type: 'MANUAL', operation: 'EXECUTE', executor: this.opts.executor,
      creator: spec.creator, creatorId: spec.creator === 'admin' ? 100 : 200, createTime: now, startTime: now, finishTime: null,
      prohibitRollback: spec.prohibitRollback ?? false, clusterId: spec.clusterId, tenantId: spec.tenantId, hostId: spec.hostId,
      clusterRef: spec.clusterRef, context: contextString(spec.context ?? {}), subtasks, jsonOrder: shuffled(subtasks, id * 31 + 7),
      byId: new Map(subtasks.map((s) => [s.id, s])), hooks: spec.hooks ?? {}, shape: spec.shape, rollingBack: false, version: 0,
    };
    this.state.tasks.set(id, task);
    return task;
  }

  private touch(task: TaskRec): void {
    task.version++;
  }

  private allUpsDone(task: TaskRec, s: SubtaskRec): boolean {
    return s.upstreams.every((u) => task.byId.get(u)!.status === 'SUCCESSFUL');
  }

  private makeReady(task: TaskRec, s: SubtaskRec): void {
    s.status = 'READY';
    const epoch = ++s.epoch;
    this.touch(task);
    this.clock.schedule(this.clock.now() + READY_DELAY, () => this.start(task, s, epoch));
  }

  private rerun(task: TaskRec, s: SubtaskRec): void {
    s.runTime++;
    s.operation = 'RETRY';
    s.status = 'READY';
    s.epoch++;
    s.log.push({ at: this.clock.now(), text: this.line(s, 'INFO', `Retry requested, runTime=${s.runTime}`) });
    this.touch(task);
  }

  /** Task back to RUNNING: (re)schedules READY subtasks and readies those whose upstreams are all done. */
  private resume(task: TaskRec): void {
    task.status = 'RUNNING';
    task.finishTime = null;
    for (const s of task.subtasks) {
      if (s.status === 'READY' || (s.status === 'PENDING' && this.allUpsDone(task, s))) this.makeReady(task, s);
    }
    this.checkDone(task);
    this.touch(task);
  }

  private duration(s: SubtaskRec): number {
    const d = this.opts.durationMs;
    if (s.name === WAIT_NODE) return typeof d === 'number' ? Math.min(d, WAIT_NODE_MS) : WAIT_NODE_MS;
    if (typeof d === 'number') return d;
    const r = rng(s.id * 7919 + s.runTime)();
    return Math.round(d[0] + r * (d[1] - d[0]));
  }

  private start(task: TaskRec, s: SubtaskRec, epoch: number): void {
    if (s.epoch !== epoch || s.status !== 'READY' || task.status !== 'RUNNING' || task.rollingBack) return;
    const now = this.clock.now();
    s.status = 'RUNNING';
    s.startTime = now;
    s.finishTime = null;
    const dur = this.duration(s);
    task.hooks.onSubtask?.(s, 'start');
    this.planLog(task, s, now, dur);
    this.touch(task);
    this.clock.schedule(now + dur, () => this.finish(task, s, epoch));
  }

  private finish(task: TaskRec, s: SubtaskRec, epoch: number): void {
    if (s.epoch !== epoch || s.status !== 'RUNNING') return;
    const now = this.clock.now();
    if (this.faults.neverFinish(task.id)) {
      const held = s.log.filter((l) => l.text.includes('still waiting')).length;
      if (held < MAX_HOLD_LINES) s.log.push({ at: now, text: this.line(s, 'INFO', `${s.name}: still waiting, elapsed ${Math.round((now - (s.startTime ?? now)) / 1000)} s`) });
      this.clock.schedule(now + HOLD_CHECK_MS, () => this.finish(task, s, epoch));
      return;
    }
    s.finishTime = now;
    if (task.rollingBack) {
      s.status = 'SUCCESSFUL';
      s.log.push({ at: now, text: this.line(s, 'INFO', `Subtask ${s.id} succeeded, cost ${now - (s.startTime ?? now)} ms`) });
      this.endedDuringRollback(task, s);
      this.touch(task);
      return;
    }
    const failure = this.faults.takeSubtaskFailure(task.id, s.name);
    if (failure) {
      s.status = 'FAILED';
      const msg = failure.log ?? `Execute ${s.name.toLowerCase()} failed${s.target ? ` on ${s.target}` : ''}: command exited with code 1`;
      s.log.push({ at: now, text: this.line(s, 'ERROR', msg) }, { at: now, text: this.line(s, 'ERROR', `Subtask ${s.id} failed, runTime=${s.runTime}`) });
      task.status = 'FAILED';
      this.touch(task);
      return;
    }
    s.status = 'SUCCESSFUL';
    s.log.push({ at: now, text: this.line(s, 'INFO', `Subtask ${s.id} succeeded, cost ${now - (s.startTime ?? now)} ms`) });
    task.hooks.onSubtask?.(s, 'done');
    if (task.status === 'RUNNING') {
      for (const d of s.downstreams) {
        const ds = task.byId.get(d)!;
        if (ds.status === 'PENDING' && this.allUpsDone(task, ds)) this.makeReady(task, ds);
      }
      this.checkDone(task);
    }
    this.touch(task);
  }

  private checkDone(task: TaskRec): void {
    if (task.status !== 'RUNNING' || task.rollingBack) return;
    if (task.subtasks.every((s) => s.status === 'SUCCESSFUL')) {
      task.status = 'SUCCESSFUL';
      task.finishTime = this.clock.now();
      task.hooks.onSuccess?.();
    }
  }

  private startRollback(task: TaskRec, s: SubtaskRec): void {
    const epoch = ++s.epoch;
    const at = this.clock.now() + READY_DELAY;
    this.clock.schedule(at, () => {
      if (s.epoch !== epoch) return;
      const now = this.clock.now();
      s.status = 'RUNNING';
      s.operation = 'ROLLBACK';
      s.startTime = now;
      s.finishTime = null;
      const dur = Math.max(50, Math.round(this.duration(s) / 2));
      s.log.push({ at: now, text: this.line(s, 'INFO', `Start rollback of subtask ${s.id} ${s.name}`) });
      s.log.push({ at: now + Math.round(dur / 2), text: this.line(s, 'INFO', `Undo ${s.name.toLowerCase()}${s.target ? ` on ${s.target}` : ''}`) });
      this.touch(task);
      this.clock.schedule(now + dur, () => {
        if (s.epoch !== epoch) return;
        const t = this.clock.now();
        s.status = 'SUCCESSFUL';
        s.finishTime = t;
        s.log.push({ at: t, text: this.line(s, 'INFO', `Rollback of subtask ${s.id} succeeded`) });
        const left = this.rollbackLeft.get(task)!;
        left.delete(s.id);
        for (const u of s.upstreams) {
          if (!left.has(u)) continue;
          const n = left.get(u)! - 1;
          left.set(u, n);
          const up = task.byId.get(u)!;
          if (n === 0 && !isActive(up)) this.startRollback(task, up);
        }
        if (!left.size) this.finishRollback(task);
        this.touch(task);
      });
    });
  }

  /** A subtask that was still running when the rollback began has ended: undo it once its downstreams are undone. */
  private endedDuringRollback(task: TaskRec, s: SubtaskRec): void {
    if (this.rollbackLeft.get(task)?.get(s.id) === 0) this.startRollback(task, s);
  }

  private finishRollback(task: TaskRec): void {
    task.status = 'SUCCESSFUL';
    task.finishTime = this.clock.now();
    task.hooks.onRollback?.();
    this.touch(task);
  }

  private planLog(task: TaskRec, s: SubtaskRec, start: number, dur: number): void {
    const r = rng(s.id + s.runTime * 104729);
    const where = s.target ?? this.opts.executor;
    const steps = [
      `Start subtask ${s.id} ${s.name}, runTime=${s.runTime}, operation=${s.operation}, timeout=${s.timeout}s`,
      `Task ${task.id} context loaded, executing on ${where}`,
      `[${where}] ${describe(s.name)}`,
      `[${where}] waiting for result of ${s.name.toLowerCase()}`,
      `[${where}] ${s.name.toLowerCase()} finished, exit code 0`,
    ];
    const n = 3 + Math.floor(r() * (steps.length - 2));
    const lines = steps.slice(0, 2).concat(steps.slice(steps.length - (n - 2)));
    lines.forEach((text, i) => s.log.push({ at: start + Math.floor((i * dur) / lines.length), text: this.line(s, 'INFO', text, start + Math.floor((i * dur) / lines.length)) }));
  }

  private line(s: SubtaskRec, level: string, text: string, at = this.clock.now()): string {
    return `${logTime(at)} ${level.padEnd(5)} [task-executor-${(s.id % 16) + 1}] SubtaskExecutor: ${text}`;
  }

  private taskState(task: TaskRec, e: Errors, op: Operation): ApiError {
    return e.of(409, CODES.TASK_STATE_INVALID, 'taskState', task.id, task.rollingBack ? `${task.status} (ROLLBACK)` : task.status, op);
  }

  private subState(s: SubtaskRec, e: Errors, op: Operation): ApiError {
    return e.of(409, CODES.TASK_STATE_INVALID, 'subtaskState', s.id, s.status, op);
  }
}

function isActive(s: SubtaskRec): boolean {
  return s.status === 'RUNNING' || s.status === 'CANCELING';
}

function describe(name: string): string {
  const n = name.toLowerCase();
  if (n.includes('rpm')) return 'run: sudo rpm -Uvh --force /tmp/oceanbase.rpm';
  if (n.includes('dir')) return 'run: mkdir -p /home/admin/oceanbase/{store,log,etc} && chown -R admin:admin /home/admin/oceanbase';
  if (n.includes('observer process')) return 'run: cd /home/admin/oceanbase && ./bin/observer -z zone1 -p 2881 -P 2882';
  if (n.includes('agent')) return 'call ocp agent api: POST /api/v1/module/config/reload';
  if (n.includes('tenant')) return 'exec sql: SELECT tenant_id, tenant_name, tenant_role FROM oceanbase.DBA_OB_TENANTS';
  if (n.includes('status') || n.includes('sync') || n.includes('record')) return 'update metadb: UPDATE ob_cluster SET status = ? WHERE id = ?';
  if (n.includes('lock')) return 'acquire distributed lock ob_cluster_lock';
  if (n === 'wait node') return 'wait for all parallel branches';
  return `exec: ${n}`;
}

function contextString(ctx: Record<string, string | number | (string | number)[]>): string {
  const strings: string[] = [];
  const lists: string[] = [];
  for (const [k, v] of Object.entries(ctx)) {
    if (Array.isArray(v)) lists.push(`${k}=[${v.join(', ')}]`);
    else strings.push(`${k}=${v}`);
  }
  return `Context(parallelIdx=-1, stringMap={${strings.join(', ')}}, listMap={${lists.join(', ')}})`;
}
