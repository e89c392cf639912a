/*
 * Authentication: HTTP Basic against the scenario's users, or AccessKey signatures (signing.ts) against its
 * access keys. A Date is accepted within 15 minutes of the simulated server clock, or of real time shifted by
 * `serverTimeOffsetMs` (so a sped-up clock does not lock out clients that sign with their own time).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, CODES, type Errors } from './errors';
import { parseAuthorization, sign, signaturesEqual } from './signing';
import type { Settings } from './core';
import type { SimUser } from './types';

export const MAX_SKEW_MS = 15 * 60_000;

export interface AuthInput {
  method: string;
  path: string;
  rawQuery: string;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  /** Node's rawHeaders (name, value, …) as received: x-ocp-* names are signed as sent */
  rawHeaders?: string[];
  simNow: number;
  realNow: number;
}

export function authenticate(input: AuthInput, settings: Settings, e: Errors): SimUser {
  const header = input.headers.authorization;
  if (!header) throw e.of(401, CODES.NOT_LOGGED_IN, 'notLoggedIn');
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    const user = settings.users.find((u) => i > 0 && u.username === decoded.slice(0, i) && u.password === decoded.slice(i + 1));
    if (!user) throw e.of(401, CODES.BAD_CREDENTIALS, 'badCredentials');
    return user;
  }
  const ak = parseAuthorization(header);
  if (!ak) throw e.of(401, CODES.NOT_LOGGED_IN, 'notLoggedIn');
  const key = settings.accessKeys.find((k) => k.accessKey === ak.accessKey);
  if (!key) throw e.of(401, CODES.BAD_CREDENTIALS, 'unknownAccessKey', ak.accessKey);
  const date = input.headers.date;
  if (!date) throw e.of(401, CODES.BAD_CREDENTIALS, 'missingDate');
  const when = Date.parse(date);
  const nominal = input.realNow + settings.serverTimeOffsetMs;
  if (Number.isNaN(when) || (Math.abs(when - input.simNow) >= MAX_SKEW_MS && Math.abs(when - nominal) >= MAX_SKEW_MS)) {
    throw e.of(401, CODES.BAD_CREDENTIALS, 'dateSkew', date);
  }
  const expected = sign(key.secret, {
    method: input.method,
    body: input.rawBody,
    contentType: headerString(input.headers['content-type']),
    date,
    host: headerString(input.headers.host),
    headers: input.rawHeaders ? headersAsSent(input.rawHeaders) : input.headers,
    path: input.path,
    query: input.rawQuery,
  });
  if (!signaturesEqual(expected, ak.signature)) throw e.of(401, CODES.BAD_CREDENTIALS, 'badSignature');
  const owner = settings.users.find((u) => u.username === (key.username ?? 'admin'));
  return owner ?? { username: key.username ?? 'admin', password: '' };
}

/** 403 for mutating requests of read-only users. */
export function checkPermission(user: SimUser, method: string, e: Errors): void {
  if (user.readOnly && method !== 'GET') throw new ApiError(403, CODES.NOT_PERMITTED, e.msg('notPermitted'));
}

/** Header names as the client sent them, each with its values in sent order. */
function headersAsSent(raw: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) (out[raw[i]] ??= []).push(raw[i + 1]);
  return out;
}

function headerString(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}
