// `npm run test:integration`: runs the mocha suite of test/integration inside a real VS Code extension
// host. Default host: code-server + headless Chromium (this machine); OCP_TEST_HOST=electron or
// OCP_VSCODE_PATH=/path/to/code selects @vscode/test-electron instead. Prints the suite's report and
// `integration: N passed, N failed`; exits non-zero on any failure or on the overall timeout.
import * as fs from 'fs';
import * as path from 'path';
import { OUT_DIR, REPO_ROOT, RESULTS_DIR, cacheDir, integrationHost, log, overallTimeoutMs } from './env';
import { ensureTestHost, type CodeServerInstall } from './install';
import { createRunDir, type RunDir } from './run-dir';
import { QUIET_SETTINGS, UNTRUSTED_SETTINGS, startCodeServer } from './code-server';
import { launchBrowser } from './browser';
import { keepFailureLogs, readResults, summaryLine, tailFile } from './report';
import { runCleanups, runMain } from './processes';

const SUITE_ENTRY = path.join(OUT_DIR, 'test', 'integration', 'index');
// `--untrusted`: the folder opens in Restricted Mode and only the suites under test/integration/untrusted/ run.
const UNTRUSTED = process.argv.includes('--untrusted');
if (UNTRUSTED) process.env.OCP_TEST_UNTRUSTED = '1';
const STAGE = UNTRUSTED ? 'integration-untrusted' : 'integration';
const STARTUP_LIMIT_MS = 120_000;

function suiteEnv(reportFile: string): Record<string, string> {
  const env: Record<string, string> = { OCP_TEST_REPORT: reportFile };
  for (const k of ['OCP_TEST_GREP', 'OCP_TEST_MOCHA_TIMEOUT', 'OCP_TEST_UNTRUSTED']) if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

/** code-server host: the workbench opened with the extension-tests payload and the smoke-test driver. */
async function runInCodeServer(inst: CodeServerInstall, run: RunDir, reportFile: string): Promise<number> {
  const server = await startCodeServer(inst, run, { smokeTestDriver: true, env: suiteEnv(reportFile), untrusted: UNTRUSTED });
  const browser = await launchBrowser(run);
  let reportExit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => { reportExit = resolve; });
  // Installed before the workbench loads: the workbench calls it when the suite's run() settles.
  await browser.page.exposeFunction('codeAutomationExit', (code: number) => reportExit(Number(code)));
  const crashed = new Promise<number>((resolve) => browser.page.on('crash', () => {
    log('the browser page crashed');
    resolve(1);
  }));
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
    ['extensionTestsPath', server.remoteUri(SUITE_ENTRY)],
  ]);
  await browser.page.goto(server.workbenchUrl({ payload }));
  const watchdog = startupWatchdog(reportFile);
  try {
    return await Promise.race([exitCode, crashed, watchdog.failed]);
  } finally {
    watchdog.stop();
  }
}

/** Electron host: a downloaded VS Code, or the one at OCP_VSCODE_PATH. */
async function runInElectron(run: RunDir, reportFile: string): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const userDir = path.join(run.userData, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...(UNTRUSTED ? UNTRUSTED_SETTINGS : {}) }, null, 2));
  try {
    return await runTests({
      ...(process.env.OCP_VSCODE_PATH ? { vscodeExecutablePath: process.env.OCP_VSCODE_PATH } : {}),
      ...(process.env.OCP_VSCODE_VERSION ? { version: process.env.OCP_VSCODE_VERSION } : {}),
      cachePath: path.join(cacheDir(), 'vscode'),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_ENTRY,
      extensionTestsEnv: suiteEnv(reportFile),
      launchArgs: [run.workspace, '--user-data-dir', run.userData, '--extensions-dir', run.extensions,
        ...(UNTRUSTED ? [] : ['--disable-workspace-trust']), '--skip-welcome', '--skip-release-notes', '--disable-telemetry'],
    });
  } catch (e) {
    log(`VS Code (electron) run failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/** Fails early when the suite has written nothing within STARTUP_LIMIT_MS (it never started). */
function startupWatchdog(reportFile: string): { failed: Promise<number>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      if (fs.statSync(reportFile).size > 0) return;
      log(`the suite did not start within ${STARTUP_LIMIT_MS / 1000} s (see test-results/failures/integration/)`);
      resolve(1);
    }, STARTUP_LIMIT_MS);
  });
  return { failed, stop: () => clearTimeout(timer) };
}

async function main(): Promise<number> {
  const host = integrationHost();
  // The first-run install (minutes, once per machine) is not part of the suite's time limit.
  const inst = host === 'code-server' ? await ensureTestHost() : undefined;
  const run = createRunDir(STAGE);
  process.env.TMPDIR = run.tmp; // Playwright's own temporary files
  fs.rmSync(path.join(RESULTS_DIR, 'failures', STAGE), { recursive: true, force: true });
  const reportFile = path.join(run.logs, 'integration-report.txt');
  fs.writeFileSync(reportFile, '');
  log(`integration host: ${host}; run folder ${run.root}`);
  const tail = tailFile(reportFile, process.stdout);
  const limit = overallTimeoutMs();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), limit); });
  const started = Date.now();

  let code: number | 'timeout';
  try {
    code = await Promise.race([inst ? runInCodeServer(inst, run, reportFile) : runInElectron(run, reportFile), timedOut]);
  } catch (e) {
    log(`integration run failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    code = 1;
  } finally {
    clearTimeout(timer);
    tail.stop();
  }

  const results = readResults(reportFile);
  let failed = results?.failed ?? 0;
  if (code === 'timeout') {
    process.stdout.write(`\nintegration: TIMEOUT after ${Math.round(limit / 1000)} s (set OCP_TEST_TIMEOUT in seconds to change it)\n`);
    failed = Math.max(failed, 1);
  } else if (!results) {
    process.stdout.write('\nintegration: the suite did not report results (see the logs kept under test-results/failures/)\n');
    failed = Math.max(failed, 1);
  } else if (code !== 0) {
    failed = Math.max(failed, 1);
  }
  if (failed > 0) {
    const kept = keepFailureLogs(STAGE, { 'runner-logs': run.logs, 'vscode-logs': path.join(run.userData, 'logs') });
    log(`logs kept in ${path.relative(REPO_ROOT, kept)}`);
  }
  process.stdout.write(`${summaryLine(STAGE, { passed: results?.passed ?? 0, failed })}\n`);
  log(`integration finished in ${Math.round((Date.now() - started) / 1000)} s`);
  await runCleanups();
  return failed > 0 ? 1 : 0;
}

runMain(main);
