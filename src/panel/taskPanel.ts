// One task panel (WebviewPanel of type ocp.task) and its host side: the page, the ready handshake, the
// tracker's snapshots forwarded whole, the selected subtask's log (re-fetched about every second while it
// runs), and actions (validated message → legal now? → confirmation → one POST → tracker.resumeFast).
// For tests: receive() takes a webview message through the same path, posted() lists what was sent.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import type { TaskSnapshot } from '../core/tasks/tracker';
import { actionMayHaveActed, describeError, isAuthFailure, mayHaveActed, oversizedLimit } from '../errors';
import type { Settings } from '../settings';
import type { TaskHost } from '../tasks/host';
import type { Prompter } from '../wizards/prompter';
import { confirmation, perform } from './actions';
import { makeNonce, panelHtml } from './html';
import { checkAction } from './legal';
import { parseWebviewMessage, type ActionKind, type ActionOutcome, type HostMessage, type SnapshotMessage, type WebviewMessage } from './protocol';
import { panelStrings } from './strings';

/** The log tail sent to the webview. */
export const MAX_LOG_CHARS = 256 * 1024;
/** A running subtask's log larger than this is re-read at the slow interval, not the fast one. */
export const LARGE_LOG_BYTES = 1024 * 1024;
const KEEP_POSTED = 200;

/** What a panel needs from the extension (the services satisfy it; the prompter is read at each use). */
export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionManager;
  readonly taskHost: TaskHost;
  readonly settings: Settings;
  readonly prompter: Prompter;
}

export { describeError };

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class TaskPanel implements vscode.Disposable {
  private ready = false;
  private readonly sent: HostMessage[] = [];
  private selected?: number;
  private selectedStatus?: string;
  private logTimer?: ReturnType<typeof setTimeout>;
  private logRequest?: AbortController;
  private logAgain = false;
  /** Bytes of the last log read (a large log is polled at the slow interval). */
  private lastLogBytes = 0;
  /** The log stopped because OCP rejected the credentials; new ones restart it. */
  private logSilenced = false;
  private acting?: ActionKind;
  /**
   * After an action's POST (sent, or failed with an unknown outcome): further actions are refused until a
   * snapshot fetched after it arrives. The host is the authority; the webview only mirrors it.
   */
  private awaitingSnapshotAfter?: number;
  private disposed = false;
  private readonly trackedBefore: boolean;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time the webview (re)loads and says it is ready. */
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(private readonly services: PanelHost, readonly panel: vscode.WebviewPanel, readonly connectionId: string, readonly taskId: number) {
    const tracker = services.taskHost.tracker;
    this.trackedBefore = tracker.get(connectionId, taskId) !== undefined;
    const extUri = services.extensionUri;
    panel.webview.options = webviewOptions(extUri);
    panel.iconPath = vscode.Uri.joinPath(extUri, 'media', 'ocp.svg');
    this.setTitle(tracker.get(connectionId, taskId)?.name);
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extUri, 'dist', 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extUri, 'media', 'panel.css')).toString(),
      title: panel.title,
      lang: vscode.env.language,
    });
    this.disposables.push(
      this.readyEmitter,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m) => void this.receive(m)),
      panel.onDidChangeViewState(() => this.visibilityChanged()),
      tracker.onSnapshot((s) => {
        if (s.connectionId === connectionId && s.taskId === taskId) this.onSnapshot(s);
      }),
      // New credentials after a 401: the selected subtask's log is read again.
      services.connections.onDidChange(() => {
        if (this.logSilenced && !services.connections.isAuthFailed(connectionId)) {
          this.logSilenced = false;
          void this.fetchLog();
        }
      }),
    );
    tracker.setVisible(connectionId, taskId, panel.visible);
  }

  /** Handles a message from the webview (tests call this directly). Malformed ones are logged and dropped. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.services.log.warn(`task panel #${this.taskId}: ignored a webview message: ${parsed.reason}`);
      return;
    }
    await this.handle(parsed.message);
  }

  /** Messages posted to the webview, oldest first (the last 200; none before the webview said ready). */
  posted(): readonly HostMessage[] {
    return this.sent;
  }

  lastSnapshot(): SnapshotMessage | undefined {
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const m = this.sent[i];
      if (m.type === 'snapshot') return m;
    }
    return undefined;
  }

  get isReady(): boolean {
    return this.ready;
  }

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopLog();
    // Stop listening first: telling the tracker below emits a snapshot, and the panel is already gone.
    for (const d of this.disposables) d.dispose();
    const tracker = this.services.taskHost.tracker;
    const last = tracker.get(this.connectionId, this.taskId);
    // A task tracked only because it was opened here stops being polled, unless it still runs.
    if (!this.trackedBefore && last?.task?.status !== 'RUNNING') tracker.untrack(this.connectionId, this.taskId);
    else tracker.setVisible(this.connectionId, this.taskId, false);
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    this.panel.dispose();
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.postInit();
        this.readyEmitter.fire();
        return;
      case 'selectSubtask':
        this.select(m.subtaskId ?? undefined);
        return;
      case 'requestLog':
        if (m.subtaskId !== this.selected) this.select(m.subtaskId);
        else void this.fetchLog();
        return;
      case 'refresh':
        this.services.taskHost.tracker.refreshNow(this.connectionId, this.taskId);
        return;
      case 'openLog':
        await this.openLogInEditor(m.subtaskId);
        return;
      case 'copy':
        try {
          await vscode.env.clipboard.writeText(m.text);
          vscode.window.setStatusBarMessage(m.format === 'svg' ? vscode.l10n.t('Copied the task graph as SVG.') : m.format === 'mermaid' ? vscode.l10n.t('Copied the task graph as Mermaid.') : vscode.l10n.t('Copied.'), 3000);
        } catch (e) {
          this.services.log.error(`task panel #${this.taskId}: cannot write to the clipboard: ${describeError(e)}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('Cannot copy to the clipboard: {0}', describeError(e)));
        }
        return;
      case 'error':
        this.services.log.warn(`task panel #${this.taskId}: webview error: ${m.message}`);
        return;
      case 'action':
        await this.act(m.kind, m.subtaskId);
        return;
    }
  }

  /** Posts to the webview once it said ready; before that nothing is sent (init and the latest snapshot follow "ready"). */
  private post(m: HostMessage): void {
    if (!this.ready || this.disposed) return;
    this.sent.push(m);
    if (this.sent.length > KEEP_POSTED) this.sent.splice(0, this.sent.length - KEEP_POSTED);
    void this.panel.webview.postMessage(m);
  }

  private postInit(): void {
    const conn = this.services.connections.get(this.connectionId);
    this.post({
      type: 'init',
      strings: panelStrings(),
      settings: { locale: vscode.env.language },
      connectionId: this.connectionId,
      connectionName: conn?.name ?? this.connectionId,
      taskId: this.taskId,
      ...(this.selected !== undefined ? { selectedSubtaskId: this.selected } : {}),
    });
    const s = this.services.taskHost.tracker.get(this.connectionId, this.taskId);
    if (s) this.onSnapshot(s);
  }

  private onSnapshot(s: TaskSnapshot): void {
    if (this.disposed) return;
    // A snapshot fetched after the last action's POST: the next action may be asked for.
    if (this.awaitingSnapshotAfter !== undefined && s.updatedAt !== undefined && s.updatedAt > this.awaitingSnapshotAfter) this.awaitingSnapshotAfter = undefined;
    this.setTitle(s.task?.name ?? s.name);
    this.post({
      type: 'snapshot',
      ...(s.task ? { task: s.task } : {}),
      state: s.state,
      ...(s.error !== undefined ? { error: describeError(s.error) } : {}),
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.lastStatus !== undefined ? { lastStatus: s.lastStatus } : {}),
      ...(s.updatedAt !== undefined ? { updatedAt: s.updatedAt } : {}),
    });
    // The selected subtask changed status: fetch its log once more (and keep refreshing while it runs).
    if (this.selected !== undefined) {
      const status = s.task?.subtasks.find((x) => x.id === this.selected)?.status;
      if (status !== this.selectedStatus) {
        this.selectedStatus = status;
        void this.fetchLog();
      }
    }
  }

  private setTitle(name: string | undefined): void {
    const title = name ? `${name} #${this.taskId}` : vscode.l10n.t('Task #{0}', this.taskId);
    if (this.panel.title !== title) this.panel.title = title;
  }

  private visibilityChanged(): void {
    if (this.disposed) return;
    const visible = this.panel.visible;
    // Without retainContextWhenHidden a hidden webview is unloaded; it says "ready" again when shown.
    if (!visible) this.ready = false;
    this.services.taskHost.tracker.setVisible(this.connectionId, this.taskId, visible);
    if (visible && this.selected !== undefined) void this.fetchLog();
  }

  /** The whole log of a subtask of this task in an editor (the command says any error once). */
  private async openLogInEditor(subtaskId: number): Promise<void> {
    if (!this.services.taskHost.latest(this.connectionId, this.taskId)?.subtasks.some((x) => x.id === subtaskId)) {
      this.services.log.warn(`task panel #${this.taskId}: no subtask ${subtaskId} to open the log of`);
      return;
    }
    try {
      await vscode.commands.executeCommand('ocp.openLogInEditor', { connectionId: this.connectionId, taskId: this.taskId, subtaskId });
    } catch (e) {
      this.services.log.warn(`task panel #${this.taskId}: cannot open the log of subtask ${subtaskId} in an editor: ${describeError(e)}`);
    }
  }

  // ---- log of the selected subtask ----

  private select(subtaskId: number | undefined): void {
    if (subtaskId === this.selected) return;
    this.stopLog();
    this.selected = subtaskId;
    this.selectedStatus = this.subtaskStatus(subtaskId);
    if (subtaskId !== undefined) void this.fetchLog();
  }

  private subtaskStatus(id: number | undefined): string | undefined {
    if (id === undefined) return undefined;
    return this.services.taskHost.latest(this.connectionId, this.taskId)?.subtasks.find((x) => x.id === id)?.status;
  }

  private stopLog(): void {
    if (this.logTimer) clearTimeout(this.logTimer);
    this.logTimer = undefined;
    this.logRequest?.abort();
    this.logRequest = undefined;
    this.logAgain = false;
  }

  private async fetchLog(): Promise<void> {
    const id = this.selected;
    if (id === undefined || this.disposed) return;
    // 401 means silence: nothing is fetched for a connection whose credentials OCP rejected.
    if (this.services.connections.isAuthFailed(this.connectionId)) {
      this.stopLog();
      this.logSilenced = true;
      return;
    }
    if (this.logRequest) {
      this.logAgain = true;
      return;
    }
    if (this.logTimer) clearTimeout(this.logTimer);
    this.logTimer = undefined;
    const request = new AbortController();
    this.logRequest = request;
    let rejected = false;
    let oversized = false;
    try {
      const client = await this.services.connections.client(this.connectionId);
      // Only the tail is kept while the body streams in (core/ocp/http.ts); its size sets the next poll's pace.
      const log = await client.subtaskLogTail(this.taskId, id, { signal: request.signal, tailChars: MAX_LOG_CHARS });
      if (request.signal.aborted || this.selected !== id) return;
      this.lastLogBytes = log.bytesRead;
      this.post({ type: 'log', subtaskId: id, text: log.text, truncated: log.truncated });
    } catch (e) {
      if (request.signal.aborted || this.selected !== id) return;
      this.services.log.warn(`task #${this.taskId}: cannot read the log of subtask ${id}: ${describeError(e)}`);
      this.post({ type: 'log', subtaskId: id, text: '', truncated: false, error: vscode.l10n.t('Cannot read the log: {0}', describeError(e)) });
      if (isAuthFailure(e)) rejected = true;
      oversized = oversizedLimit(e) !== undefined;
    } finally {
      if (this.logRequest === request) this.logRequest = undefined;
    }
    // Rejected credentials: never re-armed (the last good snapshot may still say RUNNING).
    if (rejected || this.services.connections.isAuthFailed(this.connectionId)) {
      this.logAgain = false;
      this.logSilenced = true;
      return;
    }
    if (this.selected !== id || this.disposed) return;
    if (oversized) {
      // Over the client's cap: every read would cost the cap again, so it is not re-read by itself (Refresh Log does).
      this.logAgain = false;
      return;
    }
    const again = this.logAgain;
    this.logAgain = false;
    const status = this.subtaskStatus(id);
    const running = status === 'RUNNING' || status === 'CANCELING';
    if (again) void this.fetchLog();
    else if (running && this.panel.visible) {
      // OCP documents no range for a log: a large one is read whole each time, so it is read at the slow pace.
      const ms = this.services.settings.get(this.lastLogBytes > LARGE_LOG_BYTES ? 'tasks.slowPollMilliseconds' : 'tasks.fastPollMilliseconds');
      this.logTimer = setTimeout(() => void this.fetchLog(), ms);
    }
  }

  // ---- actions ----

  private async act(kind: ActionKind, subtaskId: number | undefined): Promise<void> {
    const reply = (outcome: ActionOutcome, message?: string, postedAt?: number): void => {
      this.post({ type: 'actionResult', kind, ...(subtaskId !== undefined ? { subtaskId } : {}), outcome, ...(message !== undefined ? { message } : {}), ...(postedAt !== undefined ? { postedAt } : {}) });
    };
    const what = `${kind}${subtaskId !== undefined ? ` of subtask ${subtaskId}` : ''} on task #${this.taskId}`;
    if (this.acting || this.awaitingSnapshotAfter !== undefined) {
      this.services.log.warn(`refused ${what}: ${this.acting ?? 'the previous action'} is still in progress`);
      reply('refused', vscode.l10n.t('Another action is still in progress.'));
      return;
    }
    const latest = () => this.services.taskHost.latest(this.connectionId, this.taskId);
    const check = checkAction(latest(), kind, subtaskId);
    if (!check.ok) {
      this.services.log.warn(`refused ${what}: ${check.reason}`);
      reply('refused', check.reason);
      return;
    }
    this.acting = kind;
    try {
      const requireName = this.services.settings.get('confirmDestructive') === 'typeName';
      const confirmed = await this.services.prompter.confirm(confirmation(kind, latest()!, check.subtask, requireName));
      if (!confirmed) {
        this.services.log.info(`${what}: cancelled by the user`);
        reply('cancelled');
        return;
      }
      // The task may have moved on while the confirmation was open.
      const again = checkAction(latest(), kind, subtaskId);
      if (!again.ok) {
        this.services.log.warn(`refused ${what} after confirmation: ${again.reason}`);
        reply('refused', again.reason);
        return;
      }
      const client = await this.services.connections.client(this.connectionId);
      this.awaitingSnapshotAfter = Date.now();
      try {
        await perform(client, kind, this.taskId, subtaskId);
      } catch (e) {
        // OCP said no: nothing happened, the next action may go. Unknown outcome: wait for a fresh snapshot.
        this.awaitingSnapshotAfter = mayHaveActed(e) ? Date.now() : undefined;
        throw e;
      }
      // Only a snapshot read after OCP answered the POST shows its effect.
      this.awaitingSnapshotAfter = Date.now();
      this.services.log.info(`${what}: sent`);
      this.services.taskHost.tracker.resumeFast(this.connectionId, this.taskId);
      // The webview keeps its buttons pending until a snapshot newer than this (host clock) arrives.
      reply('done', undefined, this.awaitingSnapshotAfter);
    } catch (e) {
      let message = describeError(e);
      this.services.log.error(`${what} failed: ${message}`);
      if (mayHaveActed(e)) {
        // The POST is never resent; OCP may have acted anyway, so look at the task again before anything else.
        message = actionMayHaveActed(e);
        this.services.taskHost.tracker.resumeFast(this.connectionId, this.taskId);
      }
      reply('failed', message);
    } finally {
      this.acting = undefined;
    }
  }
}
