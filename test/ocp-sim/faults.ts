/*
 * Active faults. Request faults (status, rateLimit, unauthorized, malformedJson, html, reset, latency, hang,
 * unknownEnums, taskShape) match by method and path regex and are used up by `times` matching requests; task
 * faults (failSubtask, neverFinish) are consulted by the task engine.
 *
 * Hostile faults (HostileFault below) are what a misbehaving server, gateway or proxy does to a client:
 * lying page info, a page that repeats, a RateLimit-Reset in any format, a body of any size (streamed, never
 * held in memory), a redirect, error details nested to any depth. The server applies them through
 * hostileResponse() (a terminal answer), pageQueryOverride() (before routing) and patchPageInfo() (after).
 */
import type * as http from 'node:http';
import type { Fault, FaultBase, FaultKind, TaskShape } from './types';

export type HostileFault = FaultBase & (
  /** Rewrites `data.page` of list answers (e.g. totalPages 1e9); `synthesize` fills every page with `size` new items. */
  | { kind: 'pageInfo'; totalPages?: number; totalElements?: number; number?: number; synthesize?: boolean }
  /** Serves page `page` (default 1) whatever page is asked for; page.number still says the page asked for. */
  | { kind: 'repeatPage'; page?: number }
  /** 429 with raw header values: RateLimit-Reset (e.g. an epoch timestamp, an HTTP date, garbage) and/or Retry-After. */
  | { kind: 'rateLimitHeader'; reset?: string; retryAfter?: string }
  /** A success envelope of `bytes` bytes, streamed: `log` puts it in data.log, `json` in a list item. */
  | { kind: 'hugeBody'; bytes: number; as?: 'log' | 'json'; status?: number }
  /** A 3xx with a Location header (default 302 to /login). */
  | { kind: 'redirect'; status?: 301 | 302 | 303 | 307 | 308; location?: string }
  /** An error envelope whose error details nest `depth` levels deep (in subErrors and error.detail). */
  | { kind: 'nestedError'; depth: number; status?: number }
);

export const HOSTILE_TERMINAL: FaultKind[] = ['rateLimitHeader', 'hugeBody', 'redirect', 'nestedError'];

export interface ActiveFault {
  id: string;
  fault: Fault;
  remaining: number;
  pathRe: RegExp | null;
}

const KINDS: FaultKind[] = [
  'status', 'rateLimit', 'unauthorized', 'malformedJson', 'html', 'reset', 'latency', 'hang',
  'failSubtask', 'neverFinish', 'taskShape', 'unknownEnums', 'largeInventory',
  'pageInfo', 'repeatPage', 'rateLimitHeader', 'hugeBody', 'redirect', 'nestedError',
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
  if (x.kind === 'hugeBody' && (typeof x.bytes !== 'number' || !(x.bytes >= 0))) throw new Error('hugeBody needs bytes');
  if (x.kind === 'hugeBody' && x.as !== undefined && x.as !== 'log' && x.as !== 'json') throw new Error("hugeBody as is 'log' or 'json'");
  if (x.kind === 'nestedError' && (typeof x.depth !== 'number' || !(x.depth >= 1))) throw new Error('nestedError needs depth');
  if (x.kind === 'redirect' && x.status !== undefined && ![301, 302, 303, 307, 308].includes(x.status as number)) throw new Error('redirect status must be 301, 302, 303, 307 or 308');
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

// ---- hostile answers ----

/** What a hostile terminal fault needs from the server. */
export interface HostileReply {
  res: http.ServerResponse;
  /** Records the status sent (RecordedRequest.status). */
  setStatus(status: number): void;
  /** Extra headers the server would send (Content-Language etc.). */
  headers?: Record<string, string>;
}

/** Answers a request as a hostile fault says (rateLimitHeader, hugeBody, redirect, nestedError). */
export function hostileResponse(f: HostileFault, out: HostileReply): void {
  const { res } = out;
  const json = (status: number, body: unknown, extra: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    out.setStatus(status);
    res.writeHead(status, { ...out.headers, ...extra, 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
  };
  switch (f.kind) {
    case 'rateLimitHeader': {
      const h: Record<string, string> = { 'RateLimit-Limit': '100', 'RateLimit-Remaining': '0' };
      if (f.reset !== undefined) h['RateLimit-Reset'] = f.reset;
      if (f.retryAfter !== undefined) h['Retry-After'] = f.retryAfter;
      return json(429, errorEnvelope(429, 'Excessive number of requests. Please try again later.'), h);
    }
    case 'redirect': {
      const status = f.status ?? 302;
      const location = f.location ?? '/login?redirect=%2Fapi%2Fv2';
      const text = `<html><head><title>Login</title></head><body>Redirecting to ${location}</body></html>`;
      out.setStatus(status);
      res.writeHead(status, { ...out.headers, Location: location, 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    case 'nestedError': {
      // Built as text: a JSON.stringify of a deep object would overflow the simulator's own stack.
      const depth = Math.floor(f.depth);
      const nest = `${'{"cause":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
      const status = f.status ?? 500;
      const text = `{"successful":false,"status":${status},"traceId":"nested-trace","error":{"code":10000,"message":"Nested failure","detail":${nest},"subErrors":[{"field":"deep","rejectedValue":${nest}},${nest}]}}`;
      out.setStatus(status);
      res.writeHead(status, { ...out.headers, 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    case 'hugeBody':
      return streamHugeBody(f, out);
    default:
      return;
  }
}

function errorEnvelope(status: number, message: string): unknown {
  return { successful: false, status, traceId: 'hostile', timestamp: new Date().toISOString(), error: { code: 0, message } };
}

const LOG_LINE = '2026-12-01 08:00:00.000 INFO  [subtask] working on host 10.0.0.1, step ok\\n';

/**
 * Streams a valid success envelope of exactly `bytes` bytes (or the smallest possible when bytes is less),
 * honouring backpressure; the client may hang up at any time. The log ends with the line "END OF LOG".
 */
function streamHugeBody(f: Extract<HostileFault, { kind: 'hugeBody' }>, out: HostileReply): void {
  const { res } = out;
  const status = f.status ?? 200;
  const asLog = (f.as ?? 'log') === 'log';
  const end = asLog ? 'END OF LOG' : '';
  const open = asLog ? '{"data":{"log":"' : '{"data":{"contents":[{"id":1,"pad":"';
  const close = asLog ? `${end}"},"successful":true,"status":${status},"traceId":"huge"}` : `"}]},"successful":true,"status":${status},"traceId":"huge"}`;
  const fill = Math.max(0, Math.floor(f.bytes) - open.length - close.length);
  out.setStatus(status);
  res.writeHead(status, { ...out.headers, 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(open.length + fill + close.length) });
  res.write(open);
  const unit = asLog ? LOG_LINE : 'x';
  const block = unit.repeat(Math.ceil((256 * 1024) / unit.length));
  let left = fill;
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) return;
      const piece = left >= block.length ? block : block.slice(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(close);
  };
  res.on('close', () => {
    left = 0;
  });
  pump();
}

/** The page to serve instead of the one asked for (repeatPage), or undefined. */
export function pageQueryOverride(faults: FaultSet, method: string, path: string): number | undefined {
  const a = faults.find(['repeatPage'], method, path);
  if (!a) return undefined;
  faults.use(a);
  return Math.max(1, Math.floor((a.fault as Extract<HostileFault, { kind: 'repeatPage' }>).page ?? 1));
}

/**
 * Rewrites the page info of a list answer (pageInfo), and after a repeatPage override puts back the page
 * number that was asked for. `dataJson` is the `data` as JSON text; returns it unchanged when nothing applies.
 */
export function patchPageInfo(faults: FaultSet, method: string, path: string, dataJson: string, asked: { page: number; size: number; repeated: boolean }): string {
  const a = faults.find(['pageInfo'], method, path);
  if (!a && !asked.repeated) return dataJson;
  let data: { contents?: unknown[]; page?: Record<string, number> };
  try {
    data = JSON.parse(dataJson);
  } catch {
    return dataJson;
  }
  if (!data || typeof data !== 'object' || !Array.isArray(data.contents)) return dataJson;
  if (asked.repeated && data.page) data.page.number = asked.page;
  if (a) {
    faults.use(a);
    const f = a.fault as Extract<HostileFault, { kind: 'pageInfo' }>;
    data.page = { number: asked.page, size: asked.size, totalElements: 0, totalPages: 0, ...data.page };
    if (f.totalPages !== undefined) data.page.totalPages = f.totalPages;
    if (f.totalElements !== undefined) data.page.totalElements = f.totalElements;
    if (f.number !== undefined) data.page.number = f.number;
    if (f.synthesize) {
      const base = 9_000_000_000 + (asked.page - 1) * asked.size;
      data.contents = Array.from({ length: asked.size }, (_, i) => ({ id: base + i, name: `synthetic_${base + i}`, status: 'RUNNING' }));
    }
  }
  return JSON.stringify(data);
}
