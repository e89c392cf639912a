// The fault matrix of issue #9: the faults tried, the places they are tried in, and the record of each
// case's outcome. The suite writes the records to test-results/reliability/faults.json; scripts/reliability.mjs
// renders them into docs/reliability.md.
import * as fs from 'fs';
import * as path from 'path';
import type { Fault } from '../../ocp-sim/api';
import { RESULTS_DIR } from '../../harness/env';

export type FaultId =
  | 'http500' | 'http502' | 'http503' | 'rateLimit' | 'unauthorized' | 'timeout' | 'reset' | 'malformedJson' | 'htmlPage'
  | 'redirect' | 'nestedError'
  | 'unknownEnums' | 'missingFields' | 'longNames' | 'htmlNames' | 'huge' | 'cycle' | 'selfSignedTls'
  | HostileId;

/** The hostile faults of issue #15 tried where they do harm (hostile.ts), each with the number that matters. */
export type HostileId =
  | 'billionPages' | 'repeatedPage' | 'pageNotAdvancing' | 'rateLimitEpoch' | 'rateLimitDate' | 'hugeList' | 'hugeLog' | 'rejectedWhileLogShown';

export interface FaultDef {
  id: FaultId;
  title: string;
  /** A simulator request fault; each place adds its method and path. Absent for data faults. */
  request?: Fault;
  /** What the message shown to the user must say (request faults). */
  expect?: RegExp;
  /** The simulator still performs the request (the answer is spoiled afterwards). */
  performed?: boolean;
  /** After this fault the client cannot know whether OCP acted on a POST. */
  ambiguous?: boolean;
  /** What the message must never say (request faults): e.g. a redirect is not "not valid JSON". */
  forbid?: RegExp;
  /** The message shown is at most this long (characters). */
  maxMessageChars?: number;
  /** A log line of the request must name this (OCP's traceId), on the connection of every place it was tried in. */
  logMarker?: string;
  /** Tried only by hostile.ts, in the places it names (the others are not applicable). */
  hostile?: boolean;
  /** A second simulator fault put on the same requests (shown with the first). */
  also?: Fault;
}

/** Every fault stays active until the case clears it (a burst as long as the case needs). */
export const FAULTS: FaultDef[] = [
  { id: 'http500', title: 'HTTP 500', request: { kind: 'status', status: 500 }, expect: /Internal server error.*HTTP 500/ },
  { id: 'http502', title: 'HTTP 502 burst', request: { kind: 'status', status: 502 }, expect: /Bad gateway.*HTTP 502/, ambiguous: true },
  { id: 'http503', title: 'HTTP 503 burst', request: { kind: 'status', status: 503 }, expect: /Service unavailable.*HTTP 503/ },
  { id: 'rateLimit', title: '429 with RateLimit-Reset: 1', request: { kind: 'rateLimit', resetSeconds: 1 }, expect: /Excessive number of requests.*HTTP 429/ },
  { id: 'unauthorized', title: '401 (credentials rejected)', request: { kind: 'unauthorized' }, expect: /not logged on.*HTTP 401/ },
  { id: 'timeout', title: 'no answer (timeout 1 s)', request: { kind: 'hang' }, expect: /did not answer within 1 s/, ambiguous: true },
  { id: 'reset', title: 'connection reset', request: { kind: 'reset' }, expect: /connection was reset/, ambiguous: true },
  { id: 'malformedJson', title: 'malformed JSON (body cut in half)', request: { kind: 'malformedJson' }, expect: /not valid JSON/, performed: true, ambiguous: true },
  { id: 'htmlPage', title: 'HTML error page from a proxy', request: { kind: 'html' }, expect: /HTTP 502 with text\/html \("502 Bad Gateway"\)/, ambiguous: true },
  {
    id: 'redirect', title: '302 redirect to a login page', request: { kind: 'redirect', location: '/login?redirect=%2Fapi%2Fv2' },
    expect: /redirect to \/login\?redirect=%2Fapi%2Fv2: check the address \(a proxy or login page\?\)/, forbid: /not valid JSON|may have (started|carried out|done)/i,
  },
  {
    id: 'nestedError', title: 'error details nested 20,000 deep', request: { kind: 'nestedError', depth: 20_000 },
    expect: /Nested failure.*HTTP 500, traceId nested-trace/, maxMessageChars: 8000, logMarker: 'traceId nested-trace',
  },
  { id: 'unknownEnums', title: 'unknown enum values', request: { kind: 'unknownEnums', value: 'HIBERNATING' }, performed: true },
  { id: 'missingFields', title: 'missing fields' },
  { id: 'longNames', title: '400-character names' },
  { id: 'htmlNames', title: 'HTML and script in names and logs' },
  { id: 'huge', title: 'huge payload' },
  { id: 'cycle', title: 'cyclic task graph' },
  { id: 'selfSignedTls', title: 'self-signed TLS certificate' },
  { id: 'billionPages', title: 'page info claims a billion pages (new items on every page)', request: { kind: 'pageInfo', totalPages: 1_000_000_000, totalElements: 2_000_000_000, synthesize: true }, hostile: true },
  { id: 'repeatedPage', title: 'every page is page 1, and a billion pages claimed', request: { kind: 'repeatPage' }, also: { kind: 'pageInfo', totalPages: 1_000_000_000, totalElements: 1_000_000_000 }, hostile: true },
  { id: 'pageNotAdvancing', title: 'page number stays 1 (new items, a billion pages claimed)', request: { kind: 'pageInfo', totalPages: 1_000_000_000, totalElements: 2_000_000_000, number: 1, synthesize: true }, hostile: true },
  { id: 'rateLimitEpoch', title: '429 with RateLimit-Reset as an epoch timestamp (8 s ahead)', request: { kind: 'rateLimitHeader', reset: '<epoch seconds + 8>' }, hostile: true },
  { id: 'rateLimitDate', title: '429 with RateLimit-Reset as an HTTP date (8 s ahead)', request: { kind: 'rateLimitHeader', reset: '<HTTP date + 8 s>' }, hostile: true },
  { id: 'hugeList', title: '100 MiB JSON list', request: { kind: 'hugeBody', as: 'json', bytes: 100 * 1024 * 1024 }, hostile: true },
  { id: 'hugeLog', title: '200 MiB log of a running subtask', request: { kind: 'hugeBody', as: 'log', bytes: 200 * 1024 * 1024 }, hostile: true },
  { id: 'rejectedWhileLogShown', title: '401 while a running subtask\'s log is shown', request: { kind: 'unauthorized' }, hostile: true },
];

export function faultDef(id: FaultId): FaultDef {
  const f = FAULTS.find((x) => x.id === id);
  if (!f) throw new Error(`unknown fault ${id}`);
  return f;
}

export type PlaceId =
  | 'explorer.clusters' | 'explorer.tenants' | 'tasks.view' | 'tracker' | 'panel'
  | 'op.create' | 'op.takeOver' | 'op.stop' | 'op.switchover'
  | 'action.retryTask' | 'action.rollbackTask' | 'action.retrySubtask' | 'action.skipSubtask' | 'action.cancelSubtask';

export const PLACES: { id: PlaceId; title: string }[] = [
  { id: 'explorer.clusters', title: 'Explorer: clusters' },
  { id: 'explorer.tenants', title: 'Explorer: tenants' },
  { id: 'tasks.view', title: 'Tasks view' },
  { id: 'tracker', title: 'Tracker (task polled)' },
  { id: 'panel', title: 'Task panel (snapshot, log)' },
  { id: 'op.create', title: 'Create cluster (POST)' },
  { id: 'op.takeOver', title: 'Take over (POST)' },
  { id: 'op.stop', title: 'Stop cluster (POST)' },
  { id: 'op.switchover', title: 'Switchover (POST)' },
  { id: 'action.retryTask', title: 'Retry task' },
  { id: 'action.rollbackTask', title: 'Roll back task' },
  { id: 'action.retrySubtask', title: 'Retry subtask' },
  { id: 'action.skipSubtask', title: 'Skip subtask' },
  { id: 'action.cancelSubtask', title: 'Cancel subtask' },
];

/** What one fault did in one place. */
export interface CaseResult {
  place: PlaceId;
  fault: FaultId;
  /** Every check of the case held. */
  survived: boolean;
  /** What the user was shown: an error node's label, the error of a command or action, the tracker's error. */
  message?: string;
  /** One line: what happened, and how it recovered. */
  outcome: string;
  /** Normal data (or a successful operation) once the fault was cleared. */
  recovered: boolean;
  /** POSTs the case sent to OCP, and how many of them went beyond one per user action. */
  posts: number;
  duplicatePosts: number;
  /** A view was empty while OCP had data. */
  blank: boolean;
  /** The check that failed, when one did. */
  failure?: string;
  /** Why the fault was not tried here (the case then has no outcome). */
  notApplicable?: string;
  /** How long the case ran (to see where the suite spends its time; never asserted). */
  ms?: number;
  /** API requests the place's simulator received during the case (every request of that connection). */
  requests?: number;
  /** Bytes the place's simulator wrote to the network during the case: at most what the client read, plus socket buffers. */
  bytes?: number;
  /** The bounds the case asserted (and the generator checks again): requests in the window, bytes written. */
  bound?: { requests?: number; bytes?: number; window?: string };
  /** For a fault after which OCP may have acted on a POST: whether the message said so (the suite checks the wording). */
  warnedUncertain?: boolean;
}

/** The record of a fault that does not apply to a place. */
export function notApplicable(place: PlaceId, fault: FaultId, reason: string): CaseResult {
  return { place, fault, survived: true, outcome: '', recovered: false, posts: 0, duplicatePosts: 0, blank: false, notApplicable: reason };
}

/** Filled in by a case as it goes; turned into a CaseResult whether the case passes or throws. */
export class CaseRecord {
  message?: string;
  outcome = '';
  recovered = false;
  posts = 0;
  duplicatePosts = 0;
  blank = false;
  requests?: number;
  bytes?: number;
  bound?: CaseResult['bound'];
  warnedUncertain?: boolean;

  private readonly started = Date.now();

  constructor(readonly place: PlaceId, readonly fault: FaultId) {}

  note(text: string): void {
    this.outcome = this.outcome ? `${this.outcome}; ${text}` : text;
  }

  result(failure?: unknown): CaseResult {
    const full = failure === undefined ? undefined : failure instanceof Error ? failure.message : String(failure);
    const text = full !== undefined && full.length > 500 ? `${full.slice(0, 500)}…` : full;
    return {
      place: this.place, fault: this.fault, survived: failure === undefined, message: this.message, outcome: this.outcome,
      recovered: this.recovered, posts: this.posts, duplicatePosts: this.duplicatePosts, blank: this.blank,
      ...(text !== undefined ? { failure: text } : {}),
      ...(this.requests !== undefined ? { requests: this.requests } : {}),
      ...(this.bytes !== undefined ? { bytes: this.bytes } : {}),
      ...(this.bound !== undefined ? { bound: this.bound } : {}),
      ...(this.warnedUncertain !== undefined ? { warnedUncertain: this.warnedUncertain } : {}),
      ms: Date.now() - this.started,
    };
  }
}

export const RELIABILITY_DIR = path.join(RESULTS_DIR, 'reliability');

/** Writes one part of the reliability results (faults.json, secrets.json, workspace.json) for scripts/reliability.mjs. */
export function writeReliability(name: string, data: unknown): void {
  fs.mkdirSync(RELIABILITY_DIR, { recursive: true });
  fs.writeFileSync(path.join(RELIABILITY_DIR, name), `${JSON.stringify({ writtenAt: new Date().toISOString(), ...(data as object) }, null, 2)}\n`);
}
