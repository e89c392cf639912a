// `npm start`: the OCP simulator with its default inventory, and VS Code with OCP Explorer connected to it.
// A local `code` gets the extension through --extensionDevelopmentPath; without one (or with
// OCP_START_HOST=code-server) code-server serves VS Code on 127.0.0.1 and the URL to open is printed.
// Everything runs in a temporary profile; Ctrl-C stops all of it.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startSimulator } from '../test/ocp-sim/api';
import { startCodeServer, QUIET_SETTINGS } from '../test/harness/code-server';
import { REPO_ROOT } from '../test/harness/env';
import { InstallStepError, ensureTestHost } from '../test/harness/install';
import { onCleanup, runCleanups, runCommand } from '../test/harness/processes';
import { createRunDir } from '../test/harness/run-dir';
import { SIM_PASSWORD_ENV, simConnection, simUser } from '../test/harness/sim-connection';

function hasLocalCode(): boolean {
  if (process.env.OCP_START_HOST === 'code-server') return false;
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const sim = await startSimulator({ port: Number(process.env.OCP_SIM_PORT) || 0 });
  onCleanup(() => sim.close());
  console.log(`OCP simulator: ${sim.url} (user ${simUser().username})`);
  const settings = { ...QUIET_SETTINGS, 'ocp.connections': [simConnection(sim.url, { name: 'OCP Simulator' })] };
  const env = { [SIM_PASSWORD_ENV]: simUser().password };

  if (hasLocalCode()) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-start-'));
    fs.mkdirSync(path.join(profile, 'data', 'User'), { recursive: true });
    fs.writeFileSync(path.join(profile, 'data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${REPO_ROOT}`, '--user-data-dir', path.join(profile, 'data'), '--extensions-dir', path.join(profile, 'extensions')], {
      stdio: 'inherit', env: { ...process.env, ...env },
    });
    onCleanup(async () => { code.kill(); fs.rmSync(profile, { recursive: true, force: true }); });
    console.log('VS Code opened with OCP Explorer connected to the simulator. Close the window or press Ctrl-C to stop.');
    await new Promise<void>((resolve) => code.once('exit', () => resolve()));
    return;
  }

  // First run on this machine: Debian packages, Node 24 and code-server, one line per phase and a heartbeat.
  const inst = await ensureTestHost({ say: (line) => console.log(`[setup] ${line}`) });
  const run = createRunDir('start');
  const vsix = path.join(run.tmp, 'ocp-explorer.vsix');
  // A local package for this session: package.json names no repository, and README links need no rewriting.
  await runCommand(process.execPath, [path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], { cwd: REPO_ROOT, env: { ...process.env, ...run.isolatedEnv } });
  const server = await startCodeServer(inst, run, { vsix: [vsix], settings, env });
  console.log(`OCP Explorer is running in VS Code at ${server.workbenchUrl()}`);
  console.log('Open that address in a browser; the OCP view is in the activity bar. Press Ctrl-C to stop.');
  await new Promise<void>(() => undefined);
}

let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  void runCleanups().finally(() => process.exit(code));
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
main().then(() => stop(0), (e) => {
  if (e instanceof InstallStepError) console.error(`npm start: ${e.message}`);
  else console.error(e instanceof Error ? e.stack : e);
  stop(1);
});
