// A small stand-in for the 'vscode' module, so the host floors' pure-enough modules (settings reader, ids,
// wizards, the command-target parser) run in plain Node. Import this file FIRST in a test: it makes
// require('vscode') resolve to the stub. Only what those modules touch is here; anything else throws.
import Module from 'node:module';

type Listener<T> = (e: T) => void;

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (l: Listener<T>) => {
    this.listeners.add(l);
    return { dispose: () => this.listeners.delete(l) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** l10n.t with "{0}" placeholders, like VS Code's English bundle. */
function t(message: string, ...args: unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** Configuration values the test sets (inspect() answers from these). */
export const configuration = {
  values: new Map<string, { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown }>(),
  changed: new EventEmitter<{ affectsConfiguration(k: string): boolean }>(),
};

class CancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = 'Canceled';
  }
}

export const stub = {
  l10n: { t },
  EventEmitter,
  CancellationError,
  Disposable: class { constructor(private readonly fn: () => void) {} dispose(): void { this.fn(); } },
  ThemeIcon: class { constructor(readonly id: string, readonly color?: unknown) {} },
  ThemeColor: class { constructor(readonly id: string) {} },
  TreeItem: class { constructor(readonly label: string, readonly collapsibleState?: number) {} },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  MarkdownString: class {
    value = '';
    appendMarkdown(s: string) { this.value += s; return this; }
    appendText(s: string) { this.value += s; return this; }
  },
  QuickInputButtons: { Back: { id: 'back' } },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  env: { language: 'en' },
  window: {
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
  },
  commands: { executeCommand: async () => undefined },
  workspace: {
    getConfiguration: () => ({
      inspect: (key: string) => configuration.values.get(key) ?? {},
    }),
    onDidChangeConfiguration: configuration.changed.event,
  },
};

const ID = 'vscode-unit-stub';
const m = new Module(ID);
m.exports = stub;
m.loaded = true;
(require.cache as Record<string, unknown>)[ID] = m;
const resolve = (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename = function (request: unknown, ...rest: unknown[]) {
  if (request === 'vscode') return ID;
  return resolve.call(this, request, ...rest);
};
