// Subtask logs as read-only editor documents (issue #18): a TextDocumentContentProvider for the `ocp-log` scheme.
// A document holds the whole log up to a cap (the end of a longer one, with a note on its first line), in the
// `ocp-log` language (levels and timestamps highlighted). While the document is open and its subtask runs, the log is
// read again at the tracker's pace (the slow one for a large log) and the document changes only when the log did
// (logDelta): OCP documents no range or offset for GET …/subtasks/{id}/log, so each read is the whole log. After a
// 401 nothing more is read until new credentials are entered. VS Code's Find, folding and File: Save As work on it.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import { logDelta } from '../core/model/taskQuery';
import type { TaskTracker } from '../core/tasks/tracker';
import { describeError, isAuthFailure, oversizedLimit } from '../errors';
import type { Settings } from '../settings';
import { LOG_LANGUAGE, LOG_SCHEME, logUriParts, parseLogUri, type LogNames, type LogRef } from './logUri';

/** Characters of a log an editor document holds (the end of a longer log is kept). */
export const LOG_EDITOR_MAX_CHARS = 16 * 1024 * 1024;
/** A running subtask's log larger than this is re-read at the slow interval, not the fast one. */
export const LOG_EDITOR_LARGE_BYTES = 1024 * 1024;

interface Entry {
  uri: vscode.Uri;
  ref: LogRef;
  /** What the document shows. */
  text?: string;
  bytes: number;
  timer?: ReturnType<typeof setTimeout>;
  request?: AbortController;
  again: boolean;
  /** Stopped by a 401: new credentials restart it. */
  silenced: boolean;
  /** The subtask's status when the log was last read. */
  status?: string;
  /** The log grew past the client's byte cap: never read again by itself (each read would download the whole cap). */
  oversized?: boolean;
  /** The task was tracked for this document (untracked when it closes, unless still running). */
  trackedHere: boolean;
}

const running = (status: string | undefined): boolean => status === 'RUNNING' || status === 'CANCELING';

export class LogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly entries = new Map<string, Entry>();
  /** Documents whose language this provider is setting (VS Code closes and reopens them meanwhile). */
  private readonly relanguaging = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Log reads sent, for the test API. */
  reads = 0;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly tracker: TaskTracker,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, this),
      // A language change closes and reopens the document: ours is ignored; after another one (the user's), the
      // reopened document is followed again.
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        if (d.uri.scheme === LOG_SCHEME && !this.relanguaging.has(key)) setTimeout(() => this.closedMaybe(key), 0);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.adopt(d)),
      { dispose: tracker.onSnapshot((s) => this.onSnapshot(s.connectionId, s.taskId)).dispose },
      connections.onDidChange(() => {
        for (const e of this.entries.values()) {
          if (e.silenced && !connections.isAuthFailed(e.ref.connectionId)) {
            e.silenced = false;
            void this.read(e);
          }
        }
      }),
    );
  }

  dispose(): void {
    for (const e of this.entries.values()) this.stop(e);
    this.entries.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** The document's address of a subtask's log. */
  uriOf(ref: LogRef, names: LogNames = {}): vscode.Uri {
    return vscode.Uri.from(logUriParts(ref, names));
  }

  /**
   * Opens a subtask's log in an editor: the first read happens here (an error is thrown to the command, which
   * says it once), then the document opens in the `ocp-log` language and follows the log while the subtask runs.
   */
  async show(ref: LogRef, names: LogNames = {}): Promise<vscode.TextDocument> {
    const uri = this.uriOf(ref, names);
    const e = this.entryOf(uri, ref);
    if (e.text === undefined) await this.read(e, true);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== LOG_LANGUAGE) {
      const key = uri.toString();
      this.relanguaging.add(key);
      try {
        doc = await vscode.languages.setTextDocumentLanguage(doc, LOG_LANGUAGE);
      } finally {
        this.relanguaging.delete(key);
      }
    }
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  /** Whether a log document is followed now (read again while its subtask runs). */
  isFollowing(uri: vscode.Uri): boolean {
    const e = this.entries.get(uri.toString());
    return !!e && (e.timer !== undefined || e.request !== undefined);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseLogUri(uri);
    if (!ref) return vscode.l10n.t('This is not the address of an OCP subtask log.');
    const e = this.entryOf(uri, ref);
    if (e.text === undefined) {
      try {
        await this.read(e, true);
      } catch (err) {
        return vscode.l10n.t('Cannot read the log: {0}', describeError(err));
      }
    }
    return e.text ?? '';
  }

  private entryOf(uri: vscode.Uri, ref: LogRef): Entry {
    const key = uri.toString();
    let e = this.entries.get(key);
    if (!e) {
      const trackedHere = this.tracker.get(ref.connectionId, ref.taskId) === undefined;
      // The subtask's status comes from the tracker: a task not tracked yet is tracked while its log is open.
      if (trackedHere) this.tracker.track(ref.connectionId, ref.taskId);
      e = { uri, ref, bytes: 0, again: false, silenced: false, trackedHere };
      this.entries.set(key, e);
    }
    return e;
  }

  /** A log document open without an entry (reopened after a language change): followed again from what it shows. */
  private adopt(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== LOG_SCHEME || this.entries.has(doc.uri.toString())) return;
    const ref = parseLogUri(doc.uri);
    if (!ref) return;
    const e = this.entryOf(doc.uri, ref);
    e.text = doc.getText();
    void this.read(e);
  }

  private subtaskStatus(ref: LogRef): string | undefined {
    return this.tracker.get(ref.connectionId, ref.taskId)?.task?.subtasks.find((s) => s.id === ref.subtaskId)?.status;
  }

  private isOpen(key: string): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
  }

  private closedMaybe(key: string): void {
    const e = this.entries.get(key);
    if (!e || this.isOpen(key)) return;
    this.stop(e);
    this.entries.delete(key);
    if (e.trackedHere && !running(this.tracker.get(e.ref.connectionId, e.ref.taskId)?.task?.status)) this.tracker.untrack(e.ref.connectionId, e.ref.taskId);
  }

  private onSnapshot(connectionId: string, taskId: number): void {
    for (const e of this.entries.values()) {
      if (e.ref.connectionId !== connectionId || e.ref.taskId !== taskId || e.text === undefined) continue;
      const status = this.subtaskStatus(e.ref);
      // The subtask changed status (e.g. it ended): read once more, and keep following while it runs.
      if (status !== e.status && !e.oversized) void this.read(e);
    }
  }

  private stop(e: Entry): void {
    if (e.timer) clearTimeout(e.timer);
    e.timer = undefined;
    e.request?.abort();
    e.request = undefined;
    e.again = false;
  }

  /** Reads the log once (at most one read in flight per document); `first` throws its error instead of showing it. */
  private async read(e: Entry, first = false): Promise<void> {
    const { connectionId, taskId, subtaskId } = e.ref;
    // 401 means silence: nothing is read for a connection whose credentials OCP rejected.
    if (this.connections.isAuthFailed(connectionId)) {
      this.stop(e);
      e.silenced = true;
      if (first) await this.connections.client(connectionId);
      return;
    }
    if (e.request) {
      e.again = true;
      return;
    }
    if (e.timer) clearTimeout(e.timer);
    e.timer = undefined;
    const request = new AbortController();
    e.request = request;
    let rejected = false;
    let failed = false;
    let oversized: number | undefined;
    e.status = this.subtaskStatus(e.ref);
    try {
      const client = await this.connections.client(connectionId);
      this.reads++;
      const log = await client.subtaskLogTail(taskId, subtaskId, { signal: request.signal, tailChars: LOG_EDITOR_MAX_CHARS });
      if (request.signal.aborted) return;
      e.bytes = log.bytesRead;
      const next = log.truncated
        ? `${vscode.l10n.t('[OCP Explorer] This log is longer than {0} characters: only its end is shown.', LOG_EDITOR_MAX_CHARS)}\n${log.text}`
        : log.text;
      const shown = e.text;
      e.text = next;
      if (shown !== undefined && logDelta(shown, next).kind !== 'same') this.changed.fire(e.uri);
    } catch (err) {
      if (request.signal.aborted) return;
      if (isAuthFailure(err)) rejected = true;
      failed = true;
      // Over the client's byte cap: reading it again would download the whole cap again (as the panel, not re-read).
      oversized = oversizedLimit(err);
      if (first) throw err;
      this.log.warn(`task #${taskId}: cannot read the log of subtask ${subtaskId} for its editor: ${describeError(err)}`);
    } finally {
      if (e.request === request) e.request = undefined;
    }
    if (rejected || this.connections.isAuthFailed(connectionId)) {
      e.again = false;
      e.silenced = true;
      return;
    }
    if (!this.entries.has(e.uri.toString())) return;
    if (oversized !== undefined) {
      e.again = false;
      e.oversized = true;
      // Say so in the document: it keeps what it showed, and no longer follows the log.
      const note = vscode.l10n.t('[OCP Explorer] This log grew past what OCP Explorer reads ({0} MiB): it is no longer followed here; the OCP console shows the rest.', Math.round(oversized / 1024 / 1024) || '?');
      e.text = `${note}\n${e.text ?? ''}`;
      this.changed.fire(e.uri);
      return;
    }
    const again = e.again && !failed;
    e.again = false;
    if (again) void this.read(e);
    else this.schedule(e, failed);
  }

  /** Reads again later while the subtask runs and the document is open (at the slow interval after a failed read). */
  private schedule(e: Entry, slow = false): void {
    if (!running(this.subtaskStatus(e.ref))) return;
    const ms = this.settings.get(slow || e.bytes > LOG_EDITOR_LARGE_BYTES ? 'tasks.slowPollMilliseconds' : 'tasks.fastPollMilliseconds');
    e.timer = setTimeout(() => {
      e.timer = undefined;
      const key = e.uri.toString();
      if (!this.isOpen(key)) {
        this.closedMaybe(key);
        return;
      }
      void this.read(e);
    }, ms);
  }
}
