/* What request handlers see: the live simulator parts, the scenario-derived settings, and the request context. */
import type { SimClock } from './clock';
import type { TaskEngine } from './engine';
import type { Errors } from './errors';
import type { FaultSet } from './faults';
import type { SimState } from './state';
import type { Lang, SimAccessKey, SimUser, TakeOverTarget, TaskRec, TaskShape } from './types';

export interface Settings {
  users: SimUser[];
  accessKeys: SimAccessKey[];
  taskShape: TaskShape | 'mixed';
  takeOverTargets: TakeOverTarget[];
  /** null: /api/v2/info omits buildVersion */
  buildVersion: string | null;
  /** serve the undocumented GET /api/v2/ob/clusters/{id} */
  serveClusterDetail: boolean;
  /** leave out every field the docs do not have (README: "assumed, not documented") */
  documentedOnly: boolean;
  /** keep GET answers' serialised data by URL until a request that is not a GET (benchmarks) */
  cacheReads: boolean;
  serverTimeOffsetMs: number;
}

export interface Core {
  state: SimState;
  engine: TaskEngine;
  faults: FaultSet;
  clock: SimClock;
  settings: Settings;
}

export interface Ctx {
  core: Core;
  method: string;
  path: string;
  query: URLSearchParams;
  /** parsed JSON body (undefined when there is none) */
  body: unknown;
  params: Record<string, string>;
  lang: Lang;
  e: Errors;
  user: SimUser;
  now: number;
}

export type Reply =
  | { kind: 'data'; data?: unknown; status?: number }
  | { kind: 'json'; json: string; status?: number }
  | { kind: 'text'; contentType: string; body: string; status?: number };

export const data = (d?: unknown): Reply => ({ kind: 'data', data: d });

/** Response fields the simulator serves that no OCP document has (test/ocp-sim/README.md "assumed, not documented"). */
export const ASSUMED_FIELDS: ReadonlySet<string> = new Set(['tenantRole', 'primaryTenant', 'standbyTenants', 'fullVersion', 'sshCredentialProperty']);

/** A copy of `v` without the assumed fields, at any depth. */
export function withoutAssumed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutAssumed);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!ASSUMED_FIELDS.has(k)) out[k] = withoutAssumed(x);
    return out;
  }
  return v;
}

/**
 * Shape of task payloads in a POST (operation) or GET response: a taskShape fault (used once per response) >
 * the task's own shape > the scenario's.
 */
export function shapeResolver(ctx: Ctx, on: 'post' | 'get'): (task: TaskRec) => TaskShape {
  const forced = ctx.core.faults.takeShape(on, ctx.method, ctx.path);
  const s = ctx.core.settings.taskShape;
  const fallback: TaskShape = s === 'mixed' ? (on === 'post' ? 'old' : 'new') : s;
  return (task) => forced ?? task.shape ?? fallback;
}

export function shapeFor(ctx: Ctx, task: TaskRec, on: 'post' | 'get'): TaskShape {
  return shapeResolver(ctx, on)(task);
}
