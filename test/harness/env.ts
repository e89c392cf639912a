// Paths, versions and environment knobs shared by the real-VS-Code runners (integration and e2e).
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const OUT_DIR = path.join(REPO_ROOT, 'out');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
export const CHROMIUM_PATH = process.env.OCP_CHROMIUM_PATH || '/usr/bin/chromium';

/** Cache of the code-server install, shared by every clone on this machine. */
export function cacheDir(): string {
  if (process.env.OCP_TEST_CACHE) return path.resolve(process.env.OCP_TEST_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'ocp-explorer-test');
}

/** Overall time limit of a runner, from OCP_TEST_TIMEOUT (seconds), default 10 minutes. */
export function overallTimeoutMs(): number {
  const s = Number(process.env.OCP_TEST_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 10 * 60 * 1000;
}

/** Which host runs the integration suite: electron when asked for or a local VS Code is given. */
export function integrationHost(): 'electron' | 'code-server' {
  return process.env.OCP_TEST_HOST === 'electron' || !!process.env.OCP_VSCODE_PATH ? 'electron' : 'code-server';
}

export function log(msg: string): void {
  process.stderr.write(`[harness] ${msg}\n`);
}
