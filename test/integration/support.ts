// Helpers for integration suites running inside the extension host: activate the extension, start
// the OCP simulator in-process, point the extension at it through `ocp.connections`, and poll.
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ocp-explorer.ocp-explorer';

/** One entry of the `ocp.connections` user setting (secrets live in SecretStorage, never here). */
export interface ConnectionSetting {
  id: string;
  name: string;
  url: string;
  auth: 'basic' | 'accessKey';
  username?: string;
  accessKeyId?: string;
  [extra: string]: unknown;
}

/** What the suites use of the simulator (test/ocp-sim/api.ts has the full API). */
export interface Sim {
  url: string;
  port: number;
  close(): Promise<void>;
  [more: string]: any;
}

export function extension(): vscode.Extension<any> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext;
}

/** Activates the extension under test and returns what activate() returned. */
export async function activateExtension<T = any>(): Promise<T> {
  return (await extension().activate()) as T;
}

/** Command ids the extension contributes in package.json. */
export function contributedCommands(): string[] {
  const cmds: Array<{ command: string }> = extension().packageJSON.contributes?.commands ?? [];
  return cmds.map((c) => c.command);
}

/** Starts the OCP simulator in this process on a free port of 127.0.0.1. */
export async function startSim(options?: Record<string, unknown>): Promise<Sim> {
  // Loaded by path so suites compile even while the simulator is being written.
  const api = (await import(path.join(__dirname, '..', 'ocp-sim', 'api'))) as { startSimulator(o?: unknown): Promise<Sim> };
  return api.startSimulator(options);
}

/** Registers before/after hooks in the current `describe` that start and close a simulator. */
export function useSim(options?: Record<string, unknown>): () => Sim {
  let sim: Sim | undefined;
  before(async () => { sim = await startSim(options); });
  after(async () => { await sim?.close(); sim = undefined; });
  return () => {
    if (!sim) throw new Error('the simulator is not running (useSim() hooks run in before/after)');
    return sim;
  };
}

/** Replaces `ocp.connections` in the user settings with one connection to `url`; returns it. */
export async function configureConnection(url: string, overrides: Partial<ConnectionSetting> = {}): Promise<ConnectionSetting> {
  const conn: ConnectionSetting = { id: 'sim', name: 'Simulator', url, auth: 'basic', username: 'admin', ...overrides };
  await setConnections([conn]);
  return conn;
}

export async function setConnections(conns: ConnectionSetting[]): Promise<void> {
  await vscode.workspace.getConfiguration('ocp').update('connections', conns, vscode.ConfigurationTarget.Global);
}

export async function clearConnections(): Promise<void> {
  await vscode.workspace.getConfiguration('ocp').update('connections', undefined, vscode.ConfigurationTarget.Global);
}

export function connections(): ConnectionSetting[] {
  return vscode.workspace.getConfiguration('ocp').get<ConnectionSetting[]>('connections') ?? [];
}

/**
 * Polls `predicate` until it returns a truthy value (returned) or `timeoutMs` passes (throws, with the
 * last error the predicate raised, if any).
 */
export async function waitFor<T>(predicate: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition', intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
