// Runs inside a fresh VS Code extension host (the workbench's extensionTestsPath, see bench/extension/run.ts):
// times vscode.extensions.getExtension(...).activate() and, from the same start, the Explorer's first tree
// items (the connection's clusters from the simulator), and appends one JSON line to the file named by
// OCP_BENCH_HOST_RESULTS. The extension must not have been activated before (reported as wasActive).
// bench/host/split.ts breaks it down in another fresh host: an empty extension's activate() first (VS Code's
// own cost), then require() of the bundle alone, then activate() with the time inside its activate() function.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './ids';

export interface HostRecord {
  pid: number;
  extensionPath?: string;
  wasActive?: boolean;
  /** Only with preload: require() of the extension's main file before activate(). */
  loadMs?: number;
  /** Only with preload: time spent inside the extension's own activate() function. */
  ownActivateMs?: number;
  /** Only with an empty extension: its activate(), the first activation in this host. */
  emptyActivateMs?: number;
  activateMs?: number;
  /** CPU time (user + system) of the extension host process during activate(). */
  activateCpuMs?: number;
  firstTreeItemMs?: number;
  clusters?: number;
  error?: string;
}

interface ExplorerLike {
  getChildren(node?: unknown): Promise<{ kind: string }[]>;
}

/** Requires the extension's main file (timed) and wraps its activate() so the time spent inside it is known. */
function preload(ext: vscode.Extension<unknown>, rec: HostRecord): void {
  const main = require.resolve(path.join(ext.extensionPath, String(ext.packageJSON.main)));
  const l0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle on its own is the point
  const mod = require(main) as { activate(...args: unknown[]): unknown };
  rec.loadMs = performance.now() - l0;
  const cached = require.cache[main];
  if (!cached) throw new Error(`${main} is not in the module cache`);
  cached.exports = {
    ...mod,
    async activate(...args: unknown[]) {
      const a0 = performance.now();
      try {
        return await mod.activate(...args);
      } finally {
        rec.ownActivateMs = performance.now() - a0;
      }
    },
  };
}

export async function measure(opts: { preload: boolean; emptyFirst?: string }): Promise<void> {
  const out = process.env.OCP_BENCH_HOST_RESULTS;
  const rec: HostRecord = { pid: process.pid };
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
    rec.extensionPath = ext.extensionPath;
    rec.wasActive = ext.isActive;
    if (opts.emptyFirst) {
      const empty = vscode.extensions.getExtension(opts.emptyFirst);
      if (!empty) throw new Error(`${opts.emptyFirst} is not installed in this host`);
      const e0 = performance.now();
      await empty.activate();
      rec.emptyActivateMs = performance.now() - e0;
    }
    if (opts.preload) preload(ext, rec);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const api = (await ext.activate()) as { test: { explorer: ExplorerLike } };
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    rec.activateCpuMs = (cpu.user + cpu.system) / 1000;
    const explorer = api.test.explorer;
    const connection = (await explorer.getChildren()).find((n) => n.kind === 'connection');
    if (!connection) throw new Error('no connection node (ocp.connections not set?)');
    const items = await explorer.getChildren(connection);
    const t2 = performance.now();
    rec.clusters = items.filter((n) => n.kind === 'cluster').length;
    if (rec.clusters === 0) throw new Error(`no cluster items: ${JSON.stringify(items).slice(0, 500)}`);
    rec.activateMs = t1 - t0;
    rec.firstTreeItemMs = t2 - t0;
  } catch (e) {
    rec.error = e instanceof Error ? e.stack ?? e.message : String(e);
  }
  if (out) fs.appendFileSync(out, `${JSON.stringify(rec)}\n`);
  if (rec.error) throw new Error(rec.error);
}

export function run(): Promise<void> {
  return measure({ preload: false });
}
