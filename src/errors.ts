// The one home of error → words rules above the core: user cancellation (branded, so it is recognised
// across bundles and realms without instanceof), describeError, which failures are a rejected credential
// (reported once per connection, then silence), the "OCP may have acted" rule for a POST whose outcome is
// unknown, and the error nodes both trees show. Imports only the core and vscode (the ground floor).
import * as vscode from 'vscode';
import { isOcpError, OcpError, outcomeUnknown } from './core/ocp/errors';

const CANCELLED = Symbol.for('ocp.userCancelled');
const MISSING_SECRET = Symbol.for('ocp.missingSecret');

/** Thrown when the user dismisses a prompt: never an error, never a notification. */
export class UserCancelled extends Error {
  readonly [CANCELLED] = true;
  constructor() {
    super('cancelled');
    this.name = 'UserCancelled';
  }
}

/** True for UserCancelled from any bundle (the brand is a global symbol) and for VS Code's CancellationError. */
export function isUserCancelled(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  if ((e as Record<symbol, unknown>)[CANCELLED] === true) return true;
  return e instanceof vscode.CancellationError;
}

/** No password or AccessKey secret is available for a connection (nothing was sent). */
export class MissingSecretError extends Error {
  readonly [MISSING_SECRET] = true;
  constructor(readonly connectionName: string, readonly authType: 'basic' | 'accessKey', message?: string) {
    super(message ?? (authType === 'basic'
      ? vscode.l10n.t('No password is stored for the OCP connection "{0}".', connectionName)
      : vscode.l10n.t('No AccessKey secret is stored for the OCP connection "{0}".', connectionName)));
    this.name = 'MissingSecretError';
  }
}

export function isMissingSecret(e: unknown): e is MissingSecretError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MISSING_SECRET] === true;
}

/** One line for a notification, a log line or a tree node. */
export function describeError(e: unknown): string {
  if (isOcpError(e)) return e.describe();
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  return String(e);
}

/**
 * The auth-failure rule: a 401 (the credentials are rejected) means silence for the connection until new
 * credentials are entered. A 403 is a permission problem of one request: reported, never silencing.
 */
export function isAuthFailure(e: unknown): e is OcpError {
  return isOcpError(e) && e.kind === 'auth';
}

/**
 * An answer OCP sent beyond the client's byte cap (kind tooLarge): the cap in bytes (0 when not said), else undefined.
 * Reading it again would download the whole cap again, so readers do not re-read it by themselves.
 */
export function oversizedLimit(e: unknown): number | undefined {
  if (!isOcpError(e) || e.kind !== 'tooLarge') return undefined;
  return typeof e.limitBytes === 'number' ? e.limitBytes : 0;
}

/** A credential problem the user fixes by entering credentials: rejected (401) or missing. */
export function needsCredentials(e: unknown): boolean {
  return isAuthFailure(e) || isMissingSecret(e);
}

/** The "OCP may have acted" rule: a failed POST whose outcome is unknown must not be sent again blindly. */
export function mayHaveActed(e: unknown): e is OcpError {
  return isOcpError(e) && outcomeUnknown(e);
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.?!。]$/.test(t) ? t : `${t}.`;
}

/** The same error, saying that OCP may have started an operation although the request failed. */
export function operationMayHaveStarted(e: OcpError): OcpError {
  return new OcpError({
    kind: e.kind, status: e.status, code: e.code, traceId: e.traceId, subErrors: e.subErrors, retryAfterMs: e.retryAfterMs,
    method: e.method, path: e.path, cause: e,
    message: vscode.l10n.t('{0} OCP may have started the operation anyway: check the Tasks view before you try again.', sentence(e.message)),
  });
}

/** The words for a task action whose POST failed with an unknown outcome. */
export function actionMayHaveActed(e: unknown): string {
  return vscode.l10n.t('{0} OCP may have carried out the action anyway: the task is read again; check it before you try again.', sentence(describeError(e)));
}

/** OCP's 400 sub-errors as field → message, for the wizard step that asks for the field. */
export function fieldErrors(e: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isOcpError(e)) return out;
  for (const se of e.subErrors) if (se.field) out.set(se.field, out.has(se.field) ? `${out.get(se.field)}; ${se.message}` : se.message);
  return out;
}

/** A 400 naming fields: the wizard reopens with the answers kept and OCP's words at those fields. */
export function isFieldRejection(e: unknown): e is OcpError {
  return isOcpError(e) && e.status === 400 && fieldErrors(e).size > 0;
}

// ---- error nodes (Explorer and Tasks view) -------------------------------------------------------------

export interface ErrorNodeSpec {
  /** Unique among the parent's children. */
  key: 'error' | 'fix' | 'retry' | 'secret';
  label: string;
  detail?: string;
  severity: 'error' | 'warning' | 'info';
  command: vscode.Command;
}

/**
 * The nodes a tree shows in place of a level that could not be loaded: the error (Retry on click), and the
 * way out: "Enter new credentials…" for a rejected or missing credential, else a Retry row.
 * `what` is the view's lead ("Cannot load from OCP", "Cannot list tasks").
 */
export function errorNodes(e: unknown, connectionId: string, retry: vscode.Command, what: 'load' | 'tasks'): ErrorNodeSpec[] {
  const enter: vscode.Command = { command: 'ocp.enterSecret', title: vscode.l10n.t('Enter Password or Secret'), arguments: [{ connectionId }] };
  if (isMissingSecret(e)) return [{ key: 'secret', label: e.message, severity: 'warning', command: enter }];
  const text = describeError(e);
  if (isAuthFailure(e)) {
    return [
      { key: 'error', label: vscode.l10n.t('OCP rejected the credentials: {0}', text), detail: text, severity: 'error', command: retry },
      { key: 'fix', label: vscode.l10n.t('Enter new credentials…'), severity: 'info', command: enter },
    ];
  }
  const label = what === 'tasks' ? vscode.l10n.t('Cannot list tasks: {0}', text) : vscode.l10n.t('Cannot load from OCP: {0}', text);
  return [
    { key: 'error', label, detail: text, severity: 'error', command: retry },
    { key: 'retry', label: vscode.l10n.t('Retry'), severity: 'info', command: retry },
  ];
}
