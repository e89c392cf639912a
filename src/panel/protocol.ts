// The task panel's message protocol, shared by the extension host (src/panel) and the webview bundle
// (src/webview-ui). Pure: no 'vscode', no DOM. The host validates every message coming from the webview
// with parseWebviewMessage; anything malformed is dropped (and logged by the caller).
//
// host → webview: init (strings, settings, which task), snapshot (the whole task + tracker state),
//                 log (a subtask's log), actionResult (what became of an action).
// webview → host: ready (handshake: nothing is posted before it), selectSubtask, requestLog, action,
//                 copy, refresh, openLog (a subtask's whole log in an editor), error (an exception in the webview,
//                 for the log).

import type { Task } from '../core/model/task';
import type { TrackState } from '../core/tasks/tracker';

/** The WebviewPanel view type (also the serializer's). */
export const VIEW_TYPE = 'ocp.task';

/** What the webview persists with setState and the serializer receives after a reload: no secrets. */
export interface PanelState {
  connectionId: string;
  taskId: number;
}

export const ACTION_KINDS = ['retryTask', 'rollbackTask', 'retrySubtask', 'skipSubtask', 'cancelSubtask'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const SUBTASK_ACTION_KINDS: readonly ActionKind[] = ['retrySubtask', 'skipSubtask', 'cancelSubtask'];

export const COPY_FORMATS = ['svg', 'mermaid', 'text'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Every user-facing string of the webview; the host fills them through vscode.l10n.t. */
export const STRING_KEYS = [
  'loading', 'noSubtasks', 'taskTitle', 'creator', 'started', 'elapsed', 'progress', 'status',
  'retryTask', 'rollbackTask', 'refresh', 'follow', 'followTitle', 'search', 'searchPlaceholder', 'matches', 'noMatches',
  'filterStatus', 'zoomIn', 'zoomOut', 'fit', 'actualSize', 'graphView', 'listView', 'copySvg', 'copyMermaid',
  'graphLabel', 'listLabel', 'toolbarLabel',
  'status.PENDING', 'status.READY', 'status.RUNNING', 'status.CANCELING', 'status.FAILED', 'status.SUCCESSFUL', 'status.UNKNOWN',
  'details', 'close', 'name', 'description', 'id', 'operation', 'start', 'finish', 'duration', 'timeout',
  'runCount', 'nodeType', 'executor', 'log', 'logEmpty', 'logLoading', 'logTruncated', 'refreshLog', 'seconds',
  'retrySubtask', 'skipSubtask', 'cancelSubtask', 'actionPending', 'actionFailed', 'actionRefused', 'actions',
  'brokenGraph', 'andMore', 'pollError', 'rateLimited', 'authStopped', 'waitNode', 'announce', 'empty', 'order',
  'layer', 'cycleEdge', 'openLogInEditor', 'openLogTitle',
] as const;
export type StringKey = (typeof STRING_KEYS)[number];
export type PanelStrings = Record<StringKey, string>;

/** Settings the webview needs (it has no access to VS Code's configuration). */
export interface PanelSettings {
  /** VS Code's display language, for dates and numbers. */
  locale: string;
}

/** The tracker's view of the task, sent whole on every change (the webview diffs by subtask id). */
export interface SnapshotPayload {
  /** The normalised task; absent until the first successful fetch. */
  task?: Task;
  state: TrackState;
  /** The last poll error, readable, while state is backoff, rateLimited or stopped:auth. */
  error?: string;
  /** Known before the first fetch (restored from workspace state). */
  name?: string;
  lastStatus?: string;
  /** Epoch ms of the last successful fetch. */
  updatedAt?: number;
}

export interface InitMessage {
  type: 'init';
  strings: PanelStrings;
  settings: PanelSettings;
  connectionId: string;
  connectionName: string;
  taskId: number;
  /** The subtask whose details were open before the webview was last hidden. */
  selectedSubtaskId?: number;
}

export interface SnapshotMessage extends SnapshotPayload {
  type: 'snapshot';
}

export interface LogMessage {
  type: 'log';
  subtaskId: number;
  text: string;
  /** True when only the tail of a longer log is sent. */
  truncated: boolean;
  error?: string;
}

/** done: the POST succeeded; cancelled: the user declined; refused: not legal now; failed: OCP said no. */
export type ActionOutcome = 'done' | 'cancelled' | 'refused' | 'failed';

export interface ActionResultMessage {
  type: 'actionResult';
  kind: ActionKind;
  subtaskId?: number;
  outcome: ActionOutcome;
  message?: string;
  /**
   * Epoch ms (the host's clock, like SnapshotPayload.updatedAt) when OCP answered the POST of a 'done' action:
   * the webview keeps the action buttons pending until a snapshot with a later updatedAt arrives.
   */
  postedAt?: number;
}

export type HostMessage = InitMessage | SnapshotMessage | LogMessage | ActionResultMessage;

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'selectSubtask'; subtaskId: number | null }
  | { type: 'requestLog'; subtaskId: number }
  | { type: 'action'; kind: ActionKind; subtaskId?: number }
  | { type: 'copy'; format: CopyFormat; text: string }
  | { type: 'refresh' }
  | { type: 'openLog'; subtaskId: number }
  | { type: 'error'; message: string };

/** Largest text the webview may ask to copy (an SVG of thousands of subtasks stays far below it). */
export const MAX_COPY_CHARS = 32 * 1024 * 1024;
const MAX_ERROR_CHARS = 4000;

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/**
 * Checks a message from the webview against the protocol. Returns a fresh object holding only the known
 * fields, or the reason it was rejected (unknown type, missing or mistyped field).
 */
export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('not an object');
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { ok: true, message: { type: 'ready' } };
    case 'refresh':
      return { ok: true, message: { type: 'refresh' } };
    case 'selectSubtask':
      if (m.subtaskId !== null && !isId(m.subtaskId)) return fail('selectSubtask.subtaskId must be an id or null');
      return { ok: true, message: { type: 'selectSubtask', subtaskId: m.subtaskId } };
    case 'requestLog':
      if (!isId(m.subtaskId)) return fail('requestLog.subtaskId must be an id');
      return { ok: true, message: { type: 'requestLog', subtaskId: m.subtaskId } };
    case 'openLog':
      if (!isId(m.subtaskId)) return fail('openLog.subtaskId must be an id');
      return { ok: true, message: { type: 'openLog', subtaskId: m.subtaskId } };
    case 'action': {
      const kind = m.kind;
      if (typeof kind !== 'string' || !(ACTION_KINDS as readonly string[]).includes(kind)) return fail('action.kind is not a known action');
      const k = kind as ActionKind;
      if (SUBTASK_ACTION_KINDS.includes(k)) {
        if (!isId(m.subtaskId)) return fail(`action ${k} needs a subtaskId`);
        return { ok: true, message: { type: 'action', kind: k, subtaskId: m.subtaskId } };
      }
      if (m.subtaskId !== undefined) return fail(`action ${k} takes no subtaskId`);
      return { ok: true, message: { type: 'action', kind: k } };
    }
    case 'copy':
      if (typeof m.format !== 'string' || !(COPY_FORMATS as readonly string[]).includes(m.format)) return fail('copy.format is not known');
      if (typeof m.text !== 'string') return fail('copy.text must be a string');
      if (m.text.length > MAX_COPY_CHARS) return fail('copy.text is too long');
      return { ok: true, message: { type: 'copy', format: m.format as CopyFormat, text: m.text } };
    case 'error':
      if (typeof m.message !== 'string') return fail('error.message must be a string');
      return { ok: true, message: { type: 'error', message: m.message.slice(0, MAX_ERROR_CHARS) } };
    default:
      return fail(`unknown message type ${typeof m.type === 'string' ? JSON.stringify(m.type.slice(0, 40)) : typeof m.type}`);
  }
}

/** A light check of messages arriving in the webview (they come from the host, but a bad one must not crash it). */
export function isHostMessage(raw: unknown): raw is HostMessage {
  if (raw === null || typeof raw !== 'object') return false;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'init':
      return typeof m.strings === 'object' && m.strings !== null && typeof m.connectionId === 'string' && isId(m.taskId);
    case 'snapshot':
      return typeof m.state === 'string' && (m.task === undefined || (typeof m.task === 'object' && m.task !== null && Array.isArray((m.task as Task).subtasks)));
    case 'log':
      return isId(m.subtaskId) && typeof m.text === 'string';
    case 'actionResult':
      return typeof m.kind === 'string' && typeof m.outcome === 'string';
    default:
      return false;
  }
}

/** Checks a stored panel state (from the serializer): a connection id and a task id, nothing else used. */
export function parsePanelState(raw: unknown): PanelState | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const { connectionId, taskId } = raw as Record<string, unknown>;
  if (typeof connectionId !== 'string' || connectionId === '' || !isId(taskId)) return undefined;
  return { connectionId, taskId };
}

/** A task id typed by the user (palette): digits only, surrounding blanks ignored. */
export function parseTaskId(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,16}$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}
