// Webview entry (bundled to dist/webview.js): wires VS Code's webview API to the task view. Says "ready",
// waits for "init" (strings, settings, which task), mounts the view, then feeds it the host's messages.
import { isHostMessage, type HostMessage, type PanelState, type WebviewMessage } from '../panel/protocol';
import { labelFont } from './draw';
import { readPalette } from './palette';
import { warmTextMeasure } from './svgContext';
import { mountTaskView, type TaskView } from './view';

interface VsCodeApi {
  postMessage(msg: WebviewMessage): void;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let view: TaskView | undefined;
const early: HostMessage[] = [];

function report(message: string): void {
  vscode.postMessage({ type: 'error', message });
}

window.addEventListener('error', (e) => report(`${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => report(String((e.reason as Error)?.stack ?? e.reason)));

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const msg = e.data;
  if (!isHostMessage(msg)) {
    report(`ignored a malformed message from the host: ${String((msg as { type?: unknown })?.type)}`);
    return;
  }
  if (msg.type === 'init') {
    vscode.setState({ connectionId: msg.connectionId, taskId: msg.taskId });
    view?.dispose();
    view = mountTaskView(app, { post: (m) => vscode.postMessage(m) }, msg.strings, {
      taskId: msg.taskId,
      settings: msg.settings,
      selectedSubtaskId: msg.selectedSubtaskId,
    });
    for (const m of early.splice(0)) view.handle(m);
    return;
  }
  if (!view) {
    early.push(msg);
    return;
  }
  try {
    view.handle(msg);
  } catch (err) {
    report(`cannot show a ${msg.type} message: ${(err as Error)?.stack ?? err}`);
  }
});

vscode.postMessage({ type: 'ready' });
// While the host answers: text measured once in the panel's font, so that the first frame does not pay for it.
setTimeout(() => warmTextMeasure(labelFont(readPalette().fontFamily)), 0);
