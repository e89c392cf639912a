// One operation on several targets at once (a multi-selection in the Explorer): the legality check that refuses a
// selection before any input, naming every node the operation cannot act on; then ONE confirmation listing every
// target; then one POST per target, one after the other, each through runOperation (so each is sent exactly once,
// claimed busy, tracked). A failure of one target is reported and never resent, and does not stop the others.
// Clusters go through runOnMany; zones and OBServers ask their own confirmation and send through sendMany.
import * as vscode from 'vscode';
import { describeError, isUserCancelled, UserCancelled } from '../errors';
import type { Settings } from '../settings';
import type { Prompter } from '../wizards/prompter';
import { requireTypedName } from './confirm';
import type { OperationResult } from './run';

/** Why a node cannot take part (a sentence fragment naming it), or undefined when it can. */
export type Legality<N> = (node: N) => string | undefined;

/** The reasons of every node that cannot take part (in selection order); empty when all can. */
export function illegalNodes<N>(nodes: readonly N[], legal: Legality<N>): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    const why = legal(n);
    if (why !== undefined) out.push(why);
  }
  return out;
}

/** Throws, before any input, when some selected node cannot take part: "Restart Cluster cannot act on: …". */
export function refuseIllegal<N>(title: string, nodes: readonly N[], legal: Legality<N>): void {
  const bad = illegalNodes(nodes, legal);
  if (bad.length) throw new Error(vscode.l10n.t('{0} cannot act on every selected item: {1}.', title, bad.join('; ')));
}

/** The one confirmation in front of a multi-target operation. */
export interface ManyConfirmation {
  /** "Restart 3 clusters?" */
  message: string;
  /** Facts stated once for all targets (each target's own line is added by runOnMany). */
  detail: string;
  /** "Restart Cluster". */
  confirmLabel: string;
  /** Destructive: the ocp.confirmDestructive setting may ask for the names to be typed. */
  destructive: boolean;
}

export interface ManySpec<T> {
  /** The resolved targets, each already checked (fresh status) by the caller. */
  targets: readonly T[];
  /** The target's name in the confirmation and in the summary. */
  name(target: T): string;
  /** The target's line in the confirmation ("a — Running · 3 zones, 9 servers"); defaults to the name. */
  line?(target: T): string;
  confirmation: ManyConfirmation;
  /** Skips the confirmation (a script that passed confirm: true). */
  confirmed?: boolean;
  /** Sends the target's one operation: runOperation (one POST, tracked). */
  send(target: T): Promise<OperationResult>;
}

export type ManyOutcome<T> =
  | { target: T; ok: true; result: OperationResult }
  | { target: T; ok: false; error: unknown; cancelled: boolean };

/** Thrown when at least one target failed; the started ones are tracked all the same. */
export class ManyFailedError<T> extends Error {
  constructor(message: string, readonly outcomes: ManyOutcome<T>[]) {
    super(message);
    this.name = 'ManyFailedError';
  }
}

/** The text to type for a destructive multi-target confirmation: every name, comma-separated. */
export function typedNames(names: readonly string[]): string {
  return names.join(', ');
}

/** The confirmation's detail: the common facts, then one line per target. */
export function manyDetail(common: string, lines: readonly string[]): string {
  return [common, ...lines.map((l) => `• ${l}`)].filter(Boolean).join('\n');
}

/** The summary of a multi-target run with failures: "2 of 3 started; failed: b (reason)". */
export function failureSummary<T>(title: string, outcomes: readonly ManyOutcome<T>[], name: (t: T) => string): string | undefined {
  const failed = outcomes.filter((o): o is Extract<ManyOutcome<T>, { ok: false }> => !o.ok);
  if (!failed.length) return undefined;
  const started = outcomes.length - failed.length;
  const why = failed.map((o) => `${name(o.target)} (${o.cancelled ? vscode.l10n.t('cancelled') : describeError(o.error)})`).join('; ');
  return vscode.l10n.t('{0}: {1} of {2} started; failed: {3}', title, started, outcomes.length, why);
}

/**
 * Asks ONE confirmation listing every target, then sends one operation per target, in order, each exactly once.
 * Returns every outcome when all started; throws ManyFailedError (with the outcomes) when some did not.
 * `UserCancelled` when the confirmation is declined (nothing sent).
 */
export async function runOnMany<T>(p: Prompter, settings: Settings, title: string, spec: ManySpec<T>): Promise<ManyOutcome<T>[]> {
  if (!spec.targets.length) throw new Error(vscode.l10n.t('Nothing is selected.'));
  if (!spec.confirmed) {
    const c = spec.confirmation;
    const names = spec.targets.map((t) => spec.name(t));
    const ok = await p.confirm({
      message: c.message,
      detail: manyDetail(c.detail, spec.targets.map((t) => (spec.line ?? spec.name)(t))),
      confirmLabel: c.confirmLabel,
      typeToConfirm: c.destructive && requireTypedName(settings) ? typedNames(names) : undefined,
    });
    if (!ok) throw new UserCancelled();
  }
  return sendMany(title, spec.targets, spec.name, spec.send);
}

/**
 * The loop under every multi-target operation (clusters through runOnMany; zones and OBServers after their own
 * confirmation): one send per target, in order, each exactly once; a failure is kept and the next target goes on.
 * Returns every outcome when all started; throws ManyFailedError (with the outcomes) when some did not.
 */
export async function sendMany<T>(title: string, targets: readonly T[], name: (t: T) => string, send: (t: T) => Promise<OperationResult>): Promise<ManyOutcome<T>[]> {
  const outcomes: ManyOutcome<T>[] = [];
  for (const target of targets) {
    try {
      outcomes.push({ target, ok: true, result: await send(target) });
    } catch (e) {
      // Never resent: the next target goes on; an unknown outcome is already noted by runOperation.
      outcomes.push({ target, ok: false, error: e, cancelled: isUserCancelled(e) });
    }
  }
  const summary = failureSummary(title, outcomes, name);
  if (summary) throw new ManyFailedError(summary, outcomes);
  return outcomes;
}
