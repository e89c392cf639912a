// Child processes owned by a runner: each runs in its own process group, which is killed as a whole
// (SIGTERM, then SIGKILL) when the runner stops, exits, or is interrupted. Temp folders are removed too.
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import * as fs from 'fs';

const groups = new Set<number>();
const tempDirs = new Set<string>();
const cleanups: Array<() => Promise<void>> = [];
let interrupted = false;

export function spawnGroup(cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
  const child = spawn(cmd, args, { ...opts, detached: true });
  if (child.pid) groups.add(child.pid);
  child.once('exit', () => {
    // The leader is gone but its group may still hold children; keep it until killGroup confirms.
    if (child.pid && !groupAlive(child.pid)) groups.delete(child.pid);
  });
  return child;
}

/** True while any process of the group is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a whole process group: SIGTERM, then SIGKILL after `graceMs` if anything is left. */
export async function killGroup(pgid: number, graceMs = 3000): Promise<void> {
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
    const deadline = Date.now() + graceMs;
    while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive(pgid)) {
      try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
      const hardDeadline = Date.now() + 2000;
      while (groupAlive(pgid) && Date.now() < hardDeadline) await new Promise((r) => setTimeout(r, 50));
    }
  }
  groups.delete(pgid);
}

export function registerTempDir(dir: string): void {
  tempDirs.add(dir);
}

/** Stops tracking a folder that must outlive the run (it was renamed into place). */
export function forgetTempDir(dir: string): void {
  tempDirs.delete(dir);
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Registers an async cleanup step; steps run in reverse order by runCleanups(). */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try { await fn(); } catch (e) { process.stderr.write(`[harness] cleanup failed: ${String(e)}\n`); }
  }
  for (const pg of [...groups]) await killGroup(pg, 1000);
  for (const d of [...tempDirs]) removeTempDir(d);
}

process.on('exit', () => {
  for (const pg of groups) { try { process.kill(-pg, 'SIGKILL'); } catch { /* gone */ } }
  for (const d of tempDirs) { try { fs.rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ } }
});

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n[harness] ${sig}: stopping code-server, browser and simulator\n`);
    void runCleanups().finally(() => process.exit(130));
  });
}

/** Runs a command to completion, streaming its output with a prefix; rejects on non-zero exit. */
export function runCommand(cmd: string, args: string[], opts: SpawnOptions & { prefix?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const forward = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      if (opts.prefix !== undefined) {
        for (const line of text.split('\n')) if (line.trim()) process.stderr.write(`${opts.prefix}${line}\n`);
      }
    };
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (child.pid) groups.delete(child.pid);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})\n${out.slice(-4000)}`));
    });
  });
}

/** Runs a runner's main(): exits with its code; on a crash prints the stack, stops everything started, exits 1. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      void runCleanups().finally(() => process.exit(1));
    },
  );
}
