// `npm run test:e2e`: packages the extension as a .vsix, installs it into a fresh code-server, starts
// the OCP simulator in this process (its URL goes into the user settings as `ocp.connections`), opens
// the workbench in headless Chromium and runs the mocha suites out/test/e2e/**/*.e2e.js against it.
// Screenshots land in test-results/screenshots/, failure screenshots and logs in test-results/failures/.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { OUT_DIR, REPO_ROOT, RESULTS_DIR, log, overallTimeoutMs } from './env';
import { ensureTestHost } from './install';
import { createRunDir, type RunDir } from './run-dir';
import { startCodeServer } from './code-server';
import { launchBrowser, type Browser } from './browser';
import { keepFailureLogs, plainMochaOutput, summaryLine } from './report';
import { onCleanup, runCleanups, runCommand } from './processes';
import { setE2EContext } from '../e2e/support';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { SIM_PASSWORD_ENV, simConnection, simUser } from './sim-connection';

const E2E_DIR = path.join(OUT_DIR, 'test', 'e2e');
const E2E_SRC = path.join(REPO_ROOT, 'test', 'e2e');
const SCREENSHOTS = path.join(RESULTS_DIR, 'screenshots');
const FAILURES = path.join(RESULTS_DIR, 'failures', 'e2e');

async function packageVsix(run: RunDir): Promise<string> {
  const out = path.join(run.tmp, 'ocp-explorer.vsix');
  const vsce = require.resolve('@vscode/vsce/vsce');
  // No repository in package.json (see scripts/package.mjs): README links stay relative, as npm run package leaves them.
  await runCommand(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...run.isolatedEnv },
  });
  return out;
}

async function startSim(): Promise<OcpSimulator> {
  const sim = await startSimulator();
  onCleanup(() => sim.close());
  return sim;
}

/** Compiled e2e suites whose TypeScript source still exists (tsc leaves deleted suites behind). */
function findSuites(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  // The suites under l10n/ need the workbench in another display language: they run (alone) with --locale.
  const localized = (f: string) => f.split(path.sep)[0] === 'l10n';
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.e2e.js') && fs.existsSync(path.join(E2E_SRC, f.replace(/\.js$/, '.ts'))))
    .filter((f) => localized(f) === !!process.env.OCP_TEST_LOCALE)
    .map((f) => path.join(dir, f))
    .sort();
}

async function openWorkbench(browser: Browser, url: string): Promise<void> {
  await browser.page.goto(url);
  await browser.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
}

function runMocha(browser: Browser): Promise<{ passed: number; failed: number }> {
  if (process.env.CI || !process.stdout.isTTY) plainMochaOutput(Mocha.reporters.Base);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: Number(process.env.OCP_TEST_MOCHA_TIMEOUT) || 60_000,
    ...(process.env.OCP_TEST_GREP ? { grep: process.env.OCP_TEST_GREP } : {}),
  });
  mocha.suite.afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const name = test.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 120);
    fs.mkdirSync(FAILURES, { recursive: true });
    await browser.page.screenshot({ path: path.join(FAILURES, `${name}.png`) }).catch(() => undefined);
  });
  for (const f of findSuites(E2E_DIR)) mocha.addFile(f);
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
  });
}

const localeArg = process.argv.indexOf('--locale');
if (localeArg > 0) process.env.OCP_TEST_LOCALE = process.argv[localeArg + 1];
const STAGE = process.env.OCP_TEST_LOCALE ? `e2e-${process.env.OCP_TEST_LOCALE}` : 'e2e';

async function main(): Promise<number> {
  // The first-run install (minutes, once per machine) is not part of the stage's time limit.
  const inst = await ensureTestHost();
  startTimeLimit();
  const started = Date.now();
  const run = createRunDir('e2e');
  process.env.TMPDIR = run.tmp; // Playwright's own temporary files
  fs.rmSync(FAILURES, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  const vsix = await packageVsix(run);
  const sim = await startSim();
  const server = await startCodeServer(inst, run, {
    vsix: [vsix],
    settings: { 'ocp.connections': [simConnection(sim.url)] },
    env: { [SIM_PASSWORD_ENV]: simUser().password },
  });
  const browser = await launchBrowser(run);
  setE2EContext({ page: browser.page, origin: server.origin, sim, screenshotsDir: SCREENSHOTS });

  let result = { passed: 0, failed: 1 };
  try {
    await openWorkbench(browser, server.workbenchUrl());
    log(`workbench ready after ${Math.round((Date.now() - started) / 1000)} s`);
    result = await runMocha(browser);
  } catch (e) {
    process.stdout.write(`e2e: could not run the suites: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    fs.mkdirSync(FAILURES, { recursive: true });
    await browser.page.screenshot({ path: path.join(FAILURES, 'setup.png') }).catch(() => undefined);
  }
  if (result.failed > 0) {
    const kept = keepFailureLogs('e2e', { 'runner-logs': run.logs, 'vscode-logs': path.join(run.userData, 'logs') });
    log(`logs kept in ${path.relative(REPO_ROOT, kept)}`);
  }
  process.stdout.write(`${summaryLine(STAGE, result)}\n`);
  log(`e2e finished in ${Math.round((Date.now() - started) / 1000)} s`);
  return result.failed > 0 ? 1 : 0;
}

let timer: NodeJS.Timeout | undefined;
function startTimeLimit(): void {
  const limit = overallTimeoutMs();
  timer = setTimeout(() => {
    process.stdout.write(`\ne2e: TIMEOUT after ${Math.round(limit / 1000)} s (set OCP_TEST_TIMEOUT in seconds to change it)\n${summaryLine(STAGE, { passed: 0, failed: 1 })}\n`);
    void runCleanups().finally(() => process.exit(1));
  }, limit);
}

main().then(
  async (code) => { clearTimeout(timer); await runCleanups(); process.exit(code); },
  async (e) => {
    clearTimeout(timer);
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.stdout.write(`${summaryLine(STAGE, { passed: 0, failed: 1 })}\n`);
    await runCleanups();
    process.exit(1);
  },
);
