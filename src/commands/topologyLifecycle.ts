// What the zone and OBServer lifecycle commands (zoneLifecycle.ts, serverLifecycle.ts) share: the action's words,
// the version gate of LIFECYCLE_MINIMUM_OCP (checked before any input), the refusal of an illegal selection, the
// one confirmation that lists every target, and sending one POST per target through runOperation, each once.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import { compareVersions, parseOcpVersion, shortVersion, type OcpVersion } from '../core/model/version';
import { legalActions, LIFECYCLE_MINIMUM_OCP, type LifecycleAction, type LifecycleFeature } from '../core/model/topology';
import { readOcpVersion } from '../core/ocp/lookups';
import { UserCancelled } from '../errors';
import { confirmDestructive } from '../operations/confirm';
import { sendMany } from '../operations/many';
import { runOperation, type OperationResult, type OperationSpec } from '../operations/run';
import type { Services } from '../services';

export type { LifecycleAction };

/** "Starting…" / "Stopping…" / "Restarting…": the busy marker while the task runs. */
export function busyLabel(a: LifecycleAction): string {
  return a === 'start' ? vscode.l10n.t('Starting…') : a === 'stop' ? vscode.l10n.t('Stopping…') : vscode.l10n.t('Restarting…');
}

export function isLegal(a: LifecycleAction, status: string): boolean {
  return legalActions(status).includes(a);
}

function featureLabel(f: LifecycleFeature): string {
  switch (f) {
    case 'zoneLifecycle': return vscode.l10n.t('Zone start, stop and restart');
    case 'serverLifecycle': return vscode.l10n.t('OBServer start, stop and restart');
    case 'serverFreeze': return vscode.l10n.t('A minor compaction before an OBServer stops');
    default: return f;
  }
}

/** The connected OCP's version: the inventory's cached /info, or read once now; unknown when /info fails. */
export async function ocpVersion(s: Services, connection: ConnectionConfig): Promise<OcpVersion> {
  const cached = s.inventory.info(connection.id);
  if (cached && typeof cached === 'object') return parseOcpVersion(cached.buildVersion);
  try {
    return await readOcpVersion(await s.connections.client(connection.id));
  } catch {
    return parseOcpVersion(undefined);
  }
}

/** Whether a known OCP version has a lifecycle feature (an unknown version is never refused). */
export function hasFeature(version: OcpVersion, f: LifecycleFeature): boolean {
  return !version.known || compareVersions(version.parts, parseOcpVersion(LIFECYCLE_MINIMUM_OCP[f]).parts) >= 0;
}

/** Refuses, before any input, a lifecycle call this OCP's version does not document. Returns the version. */
export async function requireLifecycle(s: Services, connection: ConnectionConfig, f: LifecycleFeature): Promise<OcpVersion> {
  const version = await ocpVersion(s, connection);
  if (hasFeature(version, f)) return version;
  s.log.info(`${f} refused before any input: OCP ${version.raw} < ${LIFECYCLE_MINIMUM_OCP[f]}`);
  throw new Error(vscode.l10n.t('{0} needs OCP {1} or later; this OCP is {2}.', featureLabel(f), shortVersion(LIFECYCLE_MINIMUM_OCP[f]), version.text));
}

/** The busy marker on any of these keys (the target, or an ancestor whose operation covers it). */
export function refuseBusy(s: Services, what: string, keys: string[]): void {
  for (const k of keys) {
    const b = s.busy.get(k);
    if (b) throw new Error(vscode.l10n.t('An operation is already running on {0} ({1}). Wait for it to end.', what, b.label));
  }
}

export interface Confirmation {
  /** Destructive (stop, restart): through confirmDestructive, with `name` to type when the setting asks for it. */
  destructive: boolean;
  message: string;
  lines: string[];
  confirmLabel: string;
  name: string;
}

/** The one confirmation in front of every POST of the command (skipped by a script's `confirm: true`). */
export async function confirmOnce(s: Services, skip: boolean, c: Confirmation): Promise<void> {
  if (skip) return;
  const detail = c.lines.join('\n');
  if (c.destructive) {
    await confirmDestructive(s.prompter, s.settings, c.message, detail, c.confirmLabel, c.name);
    return;
  }
  if (!(await s.prompter.confirm({ message: c.message, detail, confirmLabel: c.confirmLabel }))) throw new UserCancelled();
}

/** "zone1, zone2, zone3 and 4 more": the names in a message. */
export function nameList(names: string[], max = 10): string {
  return names.length > max ? vscode.l10n.t('{0} and {1} more', names.slice(0, max).join(', '), names.length - max) : names.join(', ');
}

/**
 * Sends one operation per target through the one multi-target loop (operations/many.ts sendMany): each exactly once
 * (runOperation never resends). With one target its error is the command's; with several, the others still go after
 * a failure, and the failures are thrown together at the end ("Stop Zone: 1 of 2 started; failed: …").
 */
export async function sendEach(s: Services, title: string, specs: { name: string; spec: OperationSpec }[]): Promise<OperationResult | OperationResult[]> {
  if (specs.length === 1) return runOperation(s, specs[0].spec);
  const outcomes = await sendMany(title, specs, (x) => x.name, (x) => runOperation(s, x.spec));
  return outcomes.flatMap((o) => (o.ok ? [o.result] : []));
}
