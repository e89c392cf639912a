// Starts code-server (VS Code's server build) for one run: 127.0.0.1 on a free port, no auth, no
// telemetry or update checks, its own user data and extensions, an isolated HOME/XDG/TMPDIR, and user
// settings that keep the welcome page, AI/chat features and update checks from starting.
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import type { ChildProcess } from 'child_process';
import type { CodeServerInstall } from './install';
import type { RunDir } from './run-dir';
import { REPO_ROOT, log } from './env';
import { killGroup, onCleanup, runCommand, spawnGroup } from './processes';

export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
};

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The workbench URL opening the run's workspace folder, with optional extra query parameters. */
  workbenchUrl(query?: Record<string, string>): string;
  /** A path of this machine as the workbench sees it (vscode-remote URI). */
  remoteUri(absPath: string): string;
  logFile: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Adds `--vscode-option enable-smoke-test-driver` (needed for the `payload` of extension tests). */
  smokeTestDriver?: boolean;
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
  /** User settings merged over QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /** .vsix files installed into the run's extensions folder before start. */
  vsix?: string[];
  /** VS Code's display language (`--locale`), e.g. zh-cn; default from OCP_TEST_LOCALE, else English. */
  locale?: string;
  /** Workspace trust on, so the run's folder (never trusted before) opens in Restricted Mode. */
  untrusted?: boolean;
}

/** User settings of a Restricted Mode run: trust enabled, no prompt, the folder stays untrusted. */
export const UNTRUSTED_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/** Packages the test language pack (test/fixtures/zh-langpack: no VS Code translations, just the locale). */
async function languagePackVsix(run: RunDir, locale: string): Promise<string> {
  if (locale.toLowerCase() !== 'zh-cn') throw new Error(`no test language pack for ${locale} (only zh-cn)`);
  const out = path.join(run.tmp, 'language-pack-zh-cn.vsix');
  const vsce = require.resolve('@vscode/vsce/vsce');
  await runCommand(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], {
    cwd: path.join(REPO_ROOT, 'test', 'fixtures', 'zh-langpack'),
    env: { ...process.env, ...run.isolatedEnv },
  });
  return out;
}

/**
 * code-server finds language packs through languagepacks.json in its user data, which VS Code desktop writes
 * at startup but code-server does not write for a pack installed from the command line: write it.
 */
function registerLanguagePack(run: RunDir, locale: string): void {
  const dir = fs.readdirSync(run.extensions).find((d) => d.startsWith('ocp-explorer-test.test-language-pack-'));
  if (!dir) throw new Error('the test language pack was not installed');
  const entry = {
    hash: `test-${locale}`,
    extensions: [{ extensionIdentifier: { id: dir.replace(/-\d+\.\d+\.\d+$/, '') }, version: '0.0.1' }],
    translations: { vscode: path.join(run.extensions, dir, 'translations', 'main.i18n.json') },
    label: locale,
  };
  fs.writeFileSync(path.join(run.userData, 'languagepacks.json'), JSON.stringify({ [locale.toLowerCase()]: entry }));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Environment for code-server: the install's PATH, the run's isolated folders, nothing from a parent VS Code. */
function serverEnv(inst: CodeServerInstall, run: RunDir, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...inst.env, ...run.isolatedEnv, ...extra };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS' || k.startsWith('npm_')) delete env[k];
  }
  return env;
}

function baseArgs(run: RunDir): string[] {
  return ['--user-data-dir', run.userData, '--extensions-dir', run.extensions];
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

export async function startCodeServer(inst: CodeServerInstall, run: RunDir, opts: StartOptions = {}): Promise<CodeServer> {
  const env = serverEnv(inst, run, opts.env ?? {});
  const userDir = path.join(run.userData, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...(opts.untrusted ? UNTRUSTED_SETTINGS : {}), ...opts.settings }, null, 2));

  const locale = opts.locale ?? process.env.OCP_TEST_LOCALE;
  const vsixes = [...(opts.vsix ?? [])];
  // VS Code reports a display language to extensions only when a language pack for it is installed.
  if (locale && locale.toLowerCase() !== 'en') vsixes.push(await languagePackVsix(run, locale));
  for (const vsix of vsixes) {
    await runCommand(inst.nodeBin, [inst.entry, ...baseArgs(run), '--install-extension', vsix, '--force'], { env, cwd: run.workspace });
  }
  if (locale && locale.toLowerCase() !== 'en') registerLanguagePack(run, locale);

  const port = await freePort();
  const logFile = path.join(run.logs, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    inst.entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.untrusted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--config', '/dev/null',
    ...baseArgs(run),
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(locale ? ['--locale', locale] : []),
  ];
  const child: ChildProcess = spawnGroup(inst.nodeBin, args, { env, cwd: run.workspace, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const pgid = child.pid!;
  let exited: string | undefined;
  child.once('exit', (code, sig) => { exited = sig ?? `exit ${code}`; });
  const stop = () => killGroup(pgid);
  onCleanup(stop);

  const deadline = Date.now() + 30_000;
  while (!(await healthy(port))) {
    if (exited) throw new Error(`code-server stopped before listening (${exited}); log:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`code-server did not listen on port ${port} within 30 s; log:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`code-server listening on 127.0.0.1:${port}`);
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    logFile,
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${p}`,
    workbenchUrl: (query = {}) => {
      const q = new URLSearchParams({ folder: run.workspace, ...query });
      return `${origin}/?${q.toString()}`;
    },
    stop,
  };
}
