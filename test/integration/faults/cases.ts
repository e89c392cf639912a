// The fault matrix of issue #9: the faults tried, the places they are tried in, and the record of each
// case's outcome. The suite writes the records to test-results/reliability/faults.json; scripts/reliability.mjs
// renders them into docs/reliability.md.
import * as fs from 'fs';
import * as path from 'path';
import type { Fault } from '../../ocp-sim/api';
import { RESULTS_DIR } from '../../harness/env';

export type FaultId =
  | 'http500' | 'http502' | 'http503' | 'rateLimit' | 'unauthorized' | 'timeout' | 'reset' | 'malformedJson' | 'htmlPage'
  | 'unknownEnums' | 'missingFields' | 'longNames' | 'htmlNames' | 'huge' | 'cycle' | 'selfSignedTls';

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
  { id: 'unknownEnums', title: 'unknown enum values', request: { kind: 'unknownEnums', value: 'HIBERNATING' }, performed: true },
  { id: 'missingFields', title: 'missing fields' },
  { id: 'longNames', title: '400-character names' },
  { id: 'htmlNames', title: 'HTML and script in names and logs' },
  { id: 'huge', title: 'huge payload' },
  { id: 'cycle', title: 'cyclic task graph' },
  { id: 'selfSignedTls', title: 'self-signed TLS certificate' },
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
