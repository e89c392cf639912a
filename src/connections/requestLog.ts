// The log line of one OCP request (the OCP Explorer output channel, trace level; warning when it failed).
// Built only from the client's RequestEvent, which carries no header and no body: method, path, status or
// error, duration, attempt and OCP's traceId. Kept apart from the manager so it is unit-tested in Node.
import type { RequestEvent } from '../core/ocp/types';

export interface RequestLogLine {
  level: 'trace' | 'warn';
  line: string;
}

export function requestLogLine(connectionName: string, e: RequestEvent): RequestLogLine {
  const attempt = e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
  const trace = e.traceId ? ` traceId ${e.traceId}` : '';
  return {
    level: e.error ? 'warn' : 'trace',
    line: `${connectionName}: ${e.method} ${e.path} → ${e.status ?? e.error} in ${e.durationMs} ms${attempt}${trace}`,
  };
}
