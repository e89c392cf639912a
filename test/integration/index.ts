// Entry point of the integration suite inside the VS Code extension host (whichever host runs it):
// runs mocha over out/test/integration/**/*.test.js and writes the spec report to the file named by
// OCP_TEST_REPORT (plus `<report>.json` with the counts) for the runner to stream. OCP_TEST_GREP filters.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import type MochaType from 'mocha';
import { REPO_ROOT } from '../harness/env';
import { plainMochaOutput, resultsFileFor, type Results } from '../harness/report';

async function loadMocha(): Promise<typeof MochaType> {
  let mod: any;
  try {
    mod = await import('mocha');
  } catch (e) {
    // Hosts on Node < 20.19 cannot require mocha's ESM entry; its CommonJS build is the same code.
    if ((e as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw e;
    mod = await import('mocha/lib/mocha.cjs' as string);
  }
  return mod.default ?? mod;
}

/** Compiled test files under `dir` whose TypeScript source still exists (tsc leaves deleted tests behind). */
function findTests(dir: string, srcDir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(p, path.join(srcDir, entry.name)));
    else if (entry.name.endsWith('.test.js') && fs.existsSync(path.join(srcDir, entry.name.replace(/\.js$/, '.ts')))) found.push(p);
  }
  return found.sort();
}

export async function run(): Promise<void> {
  const Mocha = await loadMocha();
  const reportFile = process.env.OCP_TEST_REPORT;
  plainMochaOutput(Mocha.reporters.Base);
  if (reportFile) {
    fs.writeFileSync(reportFile, '');
    (Mocha.reporters.Base as any).consoleLog = (...args: unknown[]) => fs.appendFileSync(reportFile, `${util.format(...args)}\n`);
  }
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: Number(process.env.OCP_TEST_MOCHA_TIMEOUT) || 30_000,
    ...(process.env.OCP_TEST_GREP ? { grep: process.env.OCP_TEST_GREP } : {}),
  });
  // The suites under untrusted/ need a Restricted Mode window: they run alone, with `run-integration --untrusted`.
  const untrusted = !!process.env.OCP_TEST_UNTRUSTED;
  const src = path.join(REPO_ROOT, 'test', 'integration');
  const files = untrusted
    ? findTests(path.join(__dirname, 'untrusted'), path.join(src, 'untrusted'))
    : findTests(__dirname, src).filter((f) => path.relative(__dirname, f).split(path.sep)[0] !== 'untrusted');
  for (const f of files) mocha.addFile(f);

  return new Promise((resolve, reject) => {
    const failedTitles: string[] = [];
    try {
      const runner = mocha.run((failures) => {
        const results: Results = {
          passed: runner.stats?.passes ?? 0,
          failed: failures,
          pending: runner.stats?.pending ?? 0,
          failures: failedTitles,
        };
        if (reportFile) fs.writeFileSync(resultsFileFor(reportFile), JSON.stringify(results));
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on('fail', (test) => failedTitles.push(test.fullTitle()));
    } catch (e) {
      if (reportFile) {
        fs.appendFileSync(reportFile, `Could not load the integration suite: ${e instanceof Error ? e.stack : String(e)}\n`);
        fs.writeFileSync(resultsFileFor(reportFile), JSON.stringify({ passed: 0, failed: 1, pending: 0, failures: ['loading the suite'] }));
      }
      reject(e);
    }
  });
}
