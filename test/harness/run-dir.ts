// A per-run temporary folder holding everything a run writes: HOME, XDG_*, TMPDIR, VS Code's user data
// and extensions, the browser profile, the workspace folder and logs. Removed when the run ends.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerTempDir } from './processes';

export interface RunDir {
  root: string;
  home: string;
  tmp: string;
  userData: string;
  extensions: string;
  browserProfile: string;
  workspace: string;
  logs: string;
  /** HOME, XDG_* and TMPDIR pointing into this folder. */
  isolatedEnv: Record<string, string>;
}

export function createRunDir(kind: string): RunDir {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ocp-${kind}-`));
  registerTempDir(root);
  const sub = (name: string) => {
    const p = path.join(root, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const home = sub('home');
  const tmp = sub('tmp');
  const runtime = sub('xdg/runtime');
  fs.chmodSync(runtime, 0o700);
  return {
    root,
    home,
    tmp,
    userData: sub('user-data'),
    extensions: sub('extensions'),
    browserProfile: sub('browser-profile'),
    workspace: sub('workspace'),
    logs: sub('logs'),
    isolatedEnv: {
      HOME: home,
      TMPDIR: tmp,
      XDG_CONFIG_HOME: sub('xdg/config'),
      XDG_DATA_HOME: sub('xdg/data'),
      XDG_CACHE_HOME: sub('xdg/cache'),
      XDG_STATE_HOME: sub('xdg/state'),
      XDG_RUNTIME_DIR: runtime,
    },
  };
}
