// The address of a subtask log opened in an editor (issue #18): its own URI scheme `ocp-log`, a path named after the
// connection, the task and the subtask (what the editor's tab, breadcrumbs and Save As show, e.g.
// `ocp-log:/Simulator/3000001 Create cluster/12 Install OBServer.log`), and the ids in the query (the names are for
// people; the ids say which log). Pure: no `vscode` import (the provider turns the parts into a vscode.Uri).

export const LOG_SCHEME = 'ocp-log';
/** The language id of a log document (package.json `languages`, syntaxes/ocp-log.tmLanguage.json). */
export const LOG_LANGUAGE = 'ocp-log';

export interface LogRef {
  connectionId: string;
  taskId: number;
  subtaskId: number;
}

export interface LogNames {
  connectionName?: string;
  taskName?: string;
  subtaskName?: string;
}

export interface UriParts {
  scheme: string;
  path: string;
  query: string;
}

const MAX_SEGMENT = 80;

/** One path segment: no slash, backslash or control character, no leading dot, at most 80 characters. */
export function pathSegment(text: string): string {
  // eslint-disable-next-line no-control-regex
  let s = text.replace(/[\u0000-\u001f\u007f/\\]+/g, '_').replace(/\s+/g, ' ').trim();
  s = s.replace(/^\.+/, '_');
  if (s.length > MAX_SEGMENT) s = `${s.slice(0, MAX_SEGMENT - 1).trimEnd()}…`;
  return s;
}

const isId = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** The URI parts of a subtask's log. */
export function logUriParts(ref: LogRef, names: LogNames = {}): UriParts {
  if (!ref.connectionId || !isId(ref.taskId) || !isId(ref.subtaskId)) throw new Error(`not a log reference: ${JSON.stringify(ref)}`);
  const named = (id: number, name: string | undefined) => pathSegment(name ? `${id} ${name}` : String(id));
  const path = [
    '',
    pathSegment(names.connectionName || ref.connectionId) || '_',
    named(ref.taskId, names.taskName),
    `${named(ref.subtaskId, names.subtaskName)}.log`,
  ].join('/');
  const query = new URLSearchParams({ connectionId: ref.connectionId, taskId: String(ref.taskId), subtaskId: String(ref.subtaskId) }).toString();
  return { scheme: LOG_SCHEME, path, query };
}

/** Which log a URI names (from its query), or undefined for anything else. */
export function parseLogUri(parts: { scheme: string; query: string }): LogRef | undefined {
  if (parts.scheme !== LOG_SCHEME) return undefined;
  const q = new URLSearchParams(parts.query);
  const connectionId = q.get('connectionId');
  const taskId = q.get('taskId');
  const subtaskId = q.get('subtaskId');
  if (!connectionId || !taskId || !subtaskId || !/^\d{1,16}$/.test(taskId) || !/^\d{1,16}$/.test(subtaskId)) return undefined;
  const ref = { connectionId, taskId: Number(taskId), subtaskId: Number(subtaskId) };
  return isId(ref.taskId) && isId(ref.subtaskId) ? ref : undefined;
}

/** A key for one log (the same log whatever names its URI carries). */
export function logKey(ref: LogRef): string {
  return `${ref.connectionId}\u0000${ref.taskId}\u0000${ref.subtaskId}`;
}
