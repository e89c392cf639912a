// Shared pieces of the fault suite: what every place gets (the extension's services, its own simulator and
// connection), reading tree items and errors the way a user sees them, and running one case into a record.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { OcpSimulator } from '../../ocp-sim/api';
import { simUser } from '../../harness/sim-connection';
import type { ConfirmOptions, InputOptions, PickOptions, Prompter } from '../../../src/wizards/prompter';
import { CaseRecord, type CaseResult, type FaultDef, type FaultId, type PlaceId } from './cases';

export type Any = any;

/** One place of the matrix: its simulator and the connection pointing at it. */
export interface PlaceEnv {
  s: Any;
  sim: OcpSimulator;
  conn: string;
}

/** A place runs a fault and returns its cases, or undefined when the fault does not apply there. */
export interface Place {
  ids: PlaceId[];
  run(fault: FaultDef): Promise<CaseResult[]> | undefined;
  /** Why a fault does not apply here (shown in the table instead of an outcome). */
  notApplicable?: Partial<Record<FaultId, string>>;
}

/**
 * Runs one case; whatever it throws becomes the case's failure. With the place's env, the requests its
 * simulator received and the bytes it wrote during the case are recorded (unless the case measured its own).
 */
export async function runCase(place: PlaceId, fault: FaultId, body: (rec: CaseRecord) => Promise<void>, env?: PlaceEnv): Promise<CaseResult> {
  const rec = new CaseRecord(place, fault);
  const before = env?.sim.traffic();
  const meter = () => {
    if (!env || !before) return;
    const after = env.sim.traffic();
    rec.requests ??= after.requests - before.requests;
    rec.bytes ??= after.bytesWritten - before.bytesWritten;
  };
  try {
    await body(rec);
    meter();
    return rec.result();
  } catch (e) {
    meter();
    return rec.result(e);
  }
}

/** Requests and bytes of the simulator since `from` (a traffic() reading). */
export function trafficSince(sim: OcpSimulator, from: { requests: number; bytesWritten: number }): { requests: number; bytes: number } {
  const now = sim.traffic();
  return { requests: now.requests - from.requests, bytes: now.bytesWritten - from.bytesWritten };
}

/** The text a user reads for an error: OCP's message with status and traceId when it is an OcpError. */
export function errText(e: unknown): string {
  const x = e as Any;
  if (x && typeof x.describe === 'function') return x.describe();
  if (x && typeof x.message === 'string') return x.message;
  return String(e);
}

export function labelOf(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : l?.label ?? '';
}

export function text(v: string | vscode.MarkdownString | undefined | boolean): string {
  if (v === undefined || typeof v === 'boolean') return '';
  return typeof v === 'string' ? v : v.value;
}

/** Tree tooltips are Markdown: never trusted (no command links), never raw HTML. */
export function assertSafeTooltip(item: vscode.TreeItem, what: string): void {
  const t = item.tooltip;
  if (t instanceof vscode.MarkdownString || (t && typeof t === 'object')) {
    const md = t as vscode.MarkdownString;
    assert.ok(!md.isTrusted, `${what}: the tooltip is trusted Markdown`);
    assert.ok(!md.supportHtml, `${what}: the tooltip renders HTML`);
    assert.doesNotMatch(md.value, /(^|[^\\])<(img|script)\b/i, `${what}: unescaped HTML in the tooltip`);
  }
}

/** Stores the simulator's password as the connection's secret: what "Enter new credentials…" does. */
export async function enterCredentials(conn: string): Promise<void> {
  await vscode.commands.executeCommand('ocp.enterSecret', { connectionId: conn, secret: simUser().password });
}

/** Confirms every confirmation (task actions); any other question is a test error. */
export class AlwaysConfirm implements Prompter {
  readonly asked: ConfirmOptions[] = [];
  async confirm(o: ConfirmOptions): Promise<boolean> {
    this.asked.push(o);
    return true;
  }
  async input(o: InputOptions): Promise<string> {
    throw new Error(`the fault suite does not answer inputs: ${o.prompt}`);
  }
  async pick<T>(o: PickOptions<T>): Promise<T> {
    throw new Error(`the fault suite does not answer picks: ${o.placeholder ?? o.title}`);
  }
  async pickMany<T>(o: PickOptions<T>): Promise<T[]> {
    throw new Error(`the fault suite does not answer picks: ${o.placeholder ?? o.title}`);
  }
}

/** POSTs the simulator received whose path matches. */
export function postsTo(sim: OcpSimulator, path: RegExp): number {
  return sim.requests.filter((r) => r.method === 'POST' && path.test(r.path)).length;
}

/**
 * A tree level once its list is whole: while a long first load runs, the Explorer answers with the first
 * page and a "Loading n of N" row, then tells the tree when the rest is in.
 */
export async function wholeChildren(provider: { getChildren(n: Any): Promise<Any[]> | Any[] }, node: Any, timeoutMs = 60_000): Promise<Any[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const kids = await provider.getChildren(node);
    if (!kids.some((k: Any) => k?.kind === 'message' && k.key === 'loading') || Date.now() > deadline) return kids;
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A name made of `n` characters that starts like a normal one. */
export function longName(prefix: string, n = 400): string {
  return (prefix + 'x'.repeat(n)).slice(0, n);
}

export const IMG = '<img src=x onerror=alert(1)>';
export const SCRIPT = '<script>alert(document.cookie)</script>';

/** The text of every log file of the session (the folder of the extension's log, searched recursively). */
export function readLogs(extensionLogFile: string): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const f = path.join(dir, n);
      const st = fs.statSync(f);
      if (st.isDirectory()) walk(f);
      else if (n.endsWith('.log')) out.push(fs.readFileSync(f, 'utf8'));
    }
  };
  walk(path.dirname(extensionLogFile));
  return out.join('\n');
}
