/*
 * Active faults. Request faults (status, rateLimit, unauthorized, malformedJson, html, reset, latency, hang,
 * unknownEnums, taskShape) match by method and path regex and are used up by `times` matching requests; task
 * faults (failSubtask, neverFinish) are consulted by the task engine.
 */
import type { Fault, FaultKind, TaskShape } from './types';

export interface ActiveFault {
  id: string;
  fault: Fault;
  remaining: number;
  pathRe: RegExp | null;
}

const KINDS: FaultKind[] = [
  'status', 'rateLimit', 'unauthorized', 'malformedJson', 'html', 'reset', 'latency', 'hang',
  'failSubtask', 'neverFinish', 'taskShape', 'unknownEnums', 'largeInventory',
];

/** Throws a readable Error when `f` is not a valid Fault. */
export function validateFault(f: unknown): Fault {
  if (!f || typeof f !== 'object') throw new Error('fault must be an object');
  const x = f as Record<string, unknown>;
  if (!KINDS.includes(x.kind as FaultKind)) throw new Error(`unknown fault kind ${String(x.kind)}; expected one of ${KINDS.join(', ')}`);
  if (x.path !== undefined) {
    if (typeof x.path !== 'string') throw new Error('path must be a regular expression source string');
    new RegExp(x.path);
  }
  if (x.times !== undefined && (typeof x.times !== 'number' || x.times < 1)) throw new Error('times must be a positive number');
  if (x.kind === 'status' && ![500, 502, 503, 504].includes(x.status as number)) throw new Error('status must be 500, 502, 503 or 504');
  if (x.kind === 'latency' && typeof x.ms !== 'number') throw new Error('latency needs ms');
  if (x.kind === 'failSubtask' && typeof x.name !== 'string') throw new Error('failSubtask needs the subtask name');
  if (x.kind === 'taskShape' && x.shape !== 'old' && x.shape !== 'new') throw new Error("taskShape needs shape 'old' or 'new'");
  if (x.kind === 'largeInventory' && typeof x.clusters !== 'number') throw new Error('largeInventory needs clusters');
  return f as Fault;
}

export class FaultSet {
  private readonly active: ActiveFault[] = [];
  private next = 1;

  add(fault: Fault): string {
    const f = validateFault(fault);
    const id = `fault-${this.next++}`;
    const remaining = f.times ?? (f.kind === 'failSubtask' ? 1 : Infinity);
    this.active.push({ id, fault: f, remaining, pathRe: f.path ? new RegExp(f.path) : null });
    return id;
  }

  remove(id: string): boolean {
    const i = this.active.findIndex((a) => a.id === id);
    if (i >= 0) this.active.splice(i, 1);
    return i >= 0;
  }

  clear(): void {
    this.active.length = 0;
  }

  list(): { id: string; remaining: number | null; fault: Fault }[] {
    return this.active.map((a) => ({ id: a.id, remaining: Number.isFinite(a.remaining) ? a.remaining : null, fault: a.fault }));
  }

  get size(): number {
    return this.active.length;
  }

  /** First active fault of one of `kinds` matching the request (not used up). */
  find(kinds: FaultKind[], method: string, path: string): ActiveFault | undefined {
    if (!this.active.length) return undefined;
    return this.active.find((a) => kinds.includes(a.fault.kind) && matches(a, method, path));
  }

  /** Counts one use; removes the fault when used up. */
  use(a: ActiveFault): void {
    a.remaining -= 1;
    if (a.remaining <= 0) this.remove(a.id);
  }

  /** The failSubtask fault for this subtask, used up; undefined when none applies. */
  takeSubtaskFailure(taskId: number, name: string): Extract<Fault, { kind: 'failSubtask' }> | undefined {
    const a = this.active.find((x) => x.fault.kind === 'failSubtask' && x.fault.name === name && (x.fault.taskId === undefined || x.fault.taskId === taskId));
    if (!a) return undefined;
    this.use(a);
    return a.fault as Extract<Fault, { kind: 'failSubtask' }>;
  }

  neverFinish(taskId: number): boolean {
    return this.active.some((x) => x.fault.kind === 'neverFinish' && (x.fault.taskId === undefined || x.fault.taskId === taskId));
  }

  /** Shape forced for a task payload by a taskShape fault (used up), for a POST (operation) or GET response. */
  takeShape(on: 'post' | 'get', method: string, path: string): TaskShape | undefined {
    const a = this.active.find((x) => x.fault.kind === 'taskShape' && matches(x, method, path) && ((x.fault.on ?? 'both') === 'both' || x.fault.on === on));
    if (!a) return undefined;
    this.use(a);
    return (a.fault as Extract<Fault, { kind: 'taskShape' }>).shape;
  }
}

function matches(a: ActiveFault, method: string, path: string): boolean {
  if (a.fault.method && a.fault.method.toUpperCase() !== method.toUpperCase()) return false;
  return !a.pathRe || a.pathRe.test(path);
}
