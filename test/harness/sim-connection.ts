// The `ocp.connections` entry that points the extension at the OCP simulator, shared by the
// integration helpers (inside the extension host) and the e2e runner (user settings.json). The
// password reaches the extension through an environment variable named by `passwordEnv`.
import type { ConnectionConfig } from '../../src/connections/config';
import { DEFAULT_USERS } from '../ocp-sim/api';

/** One entry of the `ocp.connections` setting: the extension's own type (secrets are never in it). */
export type ConnectionSetting = ConnectionConfig;

export const SIM_PASSWORD_ENV = 'OCP_TEST_SIM_PASSWORD';

export function simUser(): { username: string; password: string } {
  return DEFAULT_USERS[0];
}

/** A Basic-auth connection to the simulator at `url` as its default user. */
export function simConnection(url: string, overrides: Partial<ConnectionSetting> = {}): ConnectionSetting {
  return { id: 'sim', name: 'Simulator', url, authType: 'basic', username: simUser().username, passwordEnv: SIM_PASSWORD_ENV, ...overrides };
}
