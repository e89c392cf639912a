/* Scenario loading (object or JSON file) and the settings derived from it, with the simulator's defaults. */
import * as fs from 'node:fs';
import type { Settings } from './core';
import { DEFAULT_TAKEOVER_TARGETS } from './ops';
import type { Scenario, SimAccessKey, SimUser } from './types';

export const DEFAULT_USERS: SimUser[] = [{ username: 'admin', password: 'aaAA11__' }];
export const DEFAULT_ACCESS_KEYS: SimAccessKey[] = [{ accessKey: 'AK_SIM_ADMIN', secret: 'SK_sim_0123456789abcdef', username: 'admin' }];
export const DEFAULT_BUILD_VERSION = '4.2.1-20240110';

export function loadScenario(s: Scenario | string | undefined): Scenario {
  if (s === undefined) return {};
  if (typeof s === 'string') return JSON.parse(fs.readFileSync(s, 'utf8')) as Scenario;
  return s;
}

export function settingsOf(s: Scenario): Settings {
  return {
    users: s.users ?? DEFAULT_USERS,
    accessKeys: s.accessKeys ?? DEFAULT_ACCESS_KEYS,
    taskShape: s.taskShape ?? 'new',
    takeOverTargets: s.takeOverTargets ?? DEFAULT_TAKEOVER_TARGETS,
    buildVersion: s.buildVersion === null ? null : s.buildVersion ?? DEFAULT_BUILD_VERSION,
    serveClusterDetail: s.serveClusterDetail === true,
    documentedOnly: s.documentedOnly === true,
    cacheReads: s.cacheReads === true,
    serverTimeOffsetMs: s.serverTimeOffsetMs ?? 0,
  };
}
