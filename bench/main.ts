// `npm run bench [-- part...] [--runs N]`: runs the benchmark parts (panel, explorer, tracker, extension;
// all by default), saves each part's figures to bench/results/<part>.json, and writes and prints
// bench/results/latest.md (parts not run this time keep their last figures). Never part of `npm test`.
import { runCleanups, runMain } from '../test/harness/processes';
import { describeMachine } from './lib/machine';
import { PARTS, saveSection, writeReport, type Part, type Section } from './lib/report';
import { DEFAULT_RUNS } from './lib/stats';

type Runner = (opts: { runs: number; log: (s: string) => void }) => Promise<Section>;

const RUNNERS: Record<Part, () => Promise<Runner>> = {
  panel: async () => (await import('./panel/run')).runPanel,
  explorer: async () => (await import('./explorer/run')).runExplorer,
  tracker: async () => (await import('./tracker/run')).runTracker,
  extension: async () => (await import('./extension/run')).runExtension,
};

const TITLES: Record<Part, string> = {
  panel: 'Task panel (headless Chromium)',
  explorer: 'Explorer: listing clusters and tenants',
  tracker: 'Task tracker: 200 tasks for 60 s of simulated time',
  extension: 'Extension: bundles, activation, first tree item',
};

function parseArgs(argv: string[]): { parts: Part[]; runs: number } {
  const parts: Part[] = [];
  let runs = DEFAULT_RUNS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') runs = Math.max(DEFAULT_RUNS, Number(argv[++i]));
    else if ((PARTS as readonly string[]).includes(a)) parts.push(a as Part);
    else throw new Error(`unknown argument ${a}; parts are ${PARTS.join(', ')}; option --runs N (at least ${DEFAULT_RUNS})`);
  }
  if (!Number.isFinite(runs)) throw new Error('--runs needs a number');
  return { parts: parts.length ? parts : [...PARTS], runs };
}

function log(s: string): void {
  process.stderr.write(`[bench] ${s}\n`);
}

async function main(): Promise<number> {
  const { parts, runs } = parseArgs(process.argv.slice(2));
  let failed = 0;
  for (const part of parts) {
    const started = Date.now();
    log(`${part}: running (${runs} runs per figure after a warm-up)`);
    let section: Section;
    try {
      section = await (await RUNNERS[part]())({ runs, log });
    } catch (e) {
      failed++;
      log(`${part} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      section = { part, title: TITLES[part], baseline: '—', machine: describeMachine(), rows: [], notes: [], error: e instanceof Error ? e.message : String(e) };
    } finally {
      await runCleanups();
    }
    saveSection(section);
    log(`${part}: done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  process.stdout.write(`${writeReport()}\n`);
  return failed > 0 ? 1 : 0;
}

runMain(main);
