/*
 * ApiError: thrown by handlers, turned into the OCP error envelope by the server. Numeric codes follow the
 * OCP Express ranges (ocp-api.md §3); whether OCP itself uses these numbers is unconfirmed.
 */
import { t, entity, type MessageKey } from './i18n';
import type { Lang } from './types';

export const CODES = {
  VALIDATION: 10001,
  NOT_FOUND: 10004,
  METHOD_NOT_ALLOWED: 10005,
  RATE_LIMITED: 0,
  INTERNAL: 10000,
  TASK_STATE_INVALID: 20003,
  TASK_PROHIBIT_ROLLBACK: 20004,
  SUBTASK_PROHIBIT_SKIP: 20005,
  NOT_LOGGED_IN: 30001,
  BAD_CREDENTIALS: 30004,
  NOT_PERMITTED: 30014,
  CLUSTER_STATUS_INVALID: 50010,
  CLUSTER_EXISTS: 50011,
  TAKEOVER_PRECHECK_FAILED: 50020,
  TENANT_STATUS_INVALID: 60010,
  TENANT_ROLE_INVALID: 60011,
} as const;

export interface SubError { object: string; field: string; rejectedValue: unknown; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly subErrors?: SubError[],
  ) {
    super(message);
  }
}

/** Builds localised errors for one request. */
export class Errors {
  constructor(readonly lang: Lang) {}

  msg(key: MessageKey, ...args: (string | number)[]): string {
    return t(this.lang, key, ...args);
  }

  of(status: number, code: number, key: MessageKey, ...args: (string | number)[]): ApiError {
    return new ApiError(status, code, t(this.lang, key, ...args));
  }

  notFound(what: string, id: string | number): ApiError {
    return new ApiError(404, CODES.NOT_FOUND, t(this.lang, 'notFound', entity(this.lang, what), id));
  }

  validation(subErrors: SubError[]): ApiError {
    const summary = subErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new ApiError(400, CODES.VALIDATION, `${t(this.lang, 'validation')}: ${summary}`, subErrors);
  }
}

/** Collects field errors of one request body. */
export class FieldErrors {
  readonly list: SubError[] = [];
  constructor(private readonly errors: Errors, private readonly object: string) {}

  add(field: string, rejectedValue: unknown, key: MessageKey, ...args: (string | number)[]): void {
    this.list.push({ object: this.object, field, rejectedValue: rejectedValue ?? null, message: this.errors.msg(key, ...args) });
  }

  /** Adds a "required" error when value is missing/blank; returns true when present. */
  required(field: string, value: unknown): boolean {
    const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (missing) this.add(field, value, 'required');
    return !missing;
  }

  throwIfAny(): void {
    if (this.list.length) throw this.errors.validation(this.list);
  }
}
