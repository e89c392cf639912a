// Part "extension": bundle sizes of the production build (scripts/build.mjs --production, minified, and
// gzipped), and in a real VS Code (the harness' code-server + headless Chromium) the time of
// activate() in a fresh extension host and the time to the Explorer's first tree items, for the
// production bundle and, as the baseline, the unminified development bundle.
// Both builds run the project's own build script in temporary folders, so the shared dist/ is untouched.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { launchBrowser } from '../../test/harness/browser';
import { startCodeServer } from '../../test/harness/code-server';
import { OUT_DIR, REPO_ROOT } from '../../test/harness/env';
import { ensureCodeServer, ensureHostPackages } from '../../test/harness/install';
import { onCleanup } from '../../test/harness/processes';
import { createRunDir } from '../../test/harness/run-dir';
import { SIM_PASSWORD_ENV, simConnection, simUser } from '../../test/harness/sim-connection';
import { startSimulator } from '../../test/ocp-sim/api';
import type { HostRecord } from '../host/index';
import { EMPTY_EXTENSION_ID } from '../host/ids';
import { describeMachine } from '../lib/machine';
import type { Row, Section } from '../lib/report';
import { summarize, type Sample } from '../lib/stats';

type Build = 'production' | 'development';
/** production / development: activate() in a fresh host; split: the production bundle require()d first, then activate(). */
type Variant = Build | 'split';
const VARIANTS: Variant[] = ['production', 'development', 'split'];
/** What a packaged extension holds besides dist/ (see .vscodeignore). */
const EXTENSION_FILES = ['package.json', 'package.nls.json', 'l10n', 'media', 'LICENSE', 'README.md'];
const HOST_ENTRY: Record<Variant, string> = {
  production: path.join(OUT_DIR, 'bench', 'host', 'index'),
  development: path.join(OUT_DIR, 'bench', 'host', 'index'),
  split: path.join(OUT_DIR, 'bench', 'host', 'split'),
};
const BUILD_OF: Record<Variant, Build> = { production: 'production', development: 'development', split: 'production' };
const LOAD_LIMIT_MS = 90_000;

/** Runs scripts/build.mjs in `dir` (src and node_modules linked from the repository) and lays out an extension folder there. */
function build(dir: string, variant: Build): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const link of ['src', 'node_modules']) fs.symlinkSync(path.join(REPO_ROOT, link), path.join(dir, link));
  const args = [path.join(REPO_ROOT, 'scripts', 'build.mjs'), ...(variant === 'production' ? ['--production'] : [])];
  execFileSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  for (const f of EXTENSION_FILES) {
    const from = path.join(REPO_ROOT, f);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, f), { recursive: true });
  }
  for (const link of ['src', 'node_modules']) fs.unlinkSync(path.join(dir, link));
  return dir;
}

/** The bundles scripts/build.mjs writes (dist/undici.js only since undici became a bundle of its own). */
const BUNDLES = ['extension.js', 'undici.js', 'webview.js'] as const;
type Bundle = (typeof BUNDLES)[number];

/** KiB of each bundle, raw and gzipped; undefined when the build does not write it. */
function sizes(dir: string): Record<Bundle, { raw: number; gz: number } | undefined> {
  const out = {} as Record<Bundle, { raw: number; gz: number } | undefined>;
  for (const b of BUNDLES) {
    const f = path.join(dir, 'dist', b);
    if (!fs.existsSync(f)) continue;
    const buf = fs.readFileSync(f);
    out[b] = { raw: buf.length / 1024, gz: zlib.gzipSync(buf).length / 1024 };
  }
  return out;
}

const LOADER = `
const Module = require('module');
const load = Module._load;
const stub = new Proxy(function () {}, { get: (t, k) => (k === 'prototype' ? {} : stub), apply: () => stub, construct: () => ({}) });
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
const t0 = performance.now();
require(process.argv[2]);
process.stdout.write(String(performance.now() - t0));
`;

/** ms to require() each file in a fresh process of code-server's Node ('vscode' stubbed); files alternate run by run. */
function freshRequire(nodeBin: string, loader: string, files: string[], runs: number): Sample[] {
  const values: number[][] = files.map(() => []);
  for (let i = -1; i < runs; i++) {
    files.forEach((file, k) => {
      const ms = Number(execFileSync(nodeBin, [loader, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
      if (i >= 0) values[k].push(ms);
    });
  }
  return values.map((v) => summarize(v));
}

/**
 * Installs an extension that does nothing into the run's extensions folder (code-server loads only the last
 * of several extensionDevelopmentPath entries), to time VS Code's own share of an activation.
 */
function installEmptyExtension(extensionsDir: string): void {
  const [publisher, name] = EMPTY_EXTENSION_ID.split('.');
  const dir = path.join(extensionsDir, `${publisher}.${name}-0.0.0`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, publisher, version: '0.0.0', engines: { vscode: '^1.90.0' }, main: './extension.js', activationEvents: [] }, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = function () {};\n');
}

async function hostRuns(dirs: Record<Build, string>, runs: number, log: (s: string) => void): Promise<Record<Variant, HostRecord[]>> {
  await ensureHostPackages();
  const inst = await ensureCodeServer();
  const run = createRunDir('bench-host');
  const sim = await startSimulator();
  onCleanup(() => sim.close());
  installEmptyExtension(run.extensions);
  const resultsFile = path.join(run.logs, 'host-results.jsonl');
  fs.writeFileSync(resultsFile, '');
  const server = await startCodeServer(inst, run, {
    smokeTestDriver: true,
    env: { OCP_BENCH_HOST_RESULTS: resultsFile, [SIM_PASSWORD_ENV]: simUser().password },
    settings: { 'ocp.connections': [simConnection(sim.url)], 'ocp.explorer.autoRefreshSeconds': 0 },
  });
  const browser = await launchBrowser(run);
  let exited: ((code: number) => void) | undefined;
  await browser.page.exposeFunction('codeAutomationExit', (code: number) => exited?.(Number(code)));
  const out: Record<Variant, HostRecord[]> = { production: [], development: [], split: [] };
  try {
    for (let i = -1; i < runs; i++) {
      const order = i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const v of order) {
        const done = new Promise<number>((resolve, reject) => {
          exited = resolve;
          setTimeout(() => reject(new Error(`the workbench did not finish the bench suite within ${LOAD_LIMIT_MS / 1000} s (logs: ${run.logs})`)), LOAD_LIMIT_MS);
        });
        const dir = dirs[BUILD_OF[v]];
        const payload = JSON.stringify([['extensionDevelopmentPath', server.remoteUri(dir)], ['extensionTestsPath', server.remoteUri(HOST_ENTRY[v])]]);
        await browser.page.goto(server.workbenchUrl({ payload }));
        await done;
        const lines = fs.readFileSync(resultsFile, 'utf8').trim().split('\n');
        const rec = JSON.parse(lines[lines.length - 1]) as HostRecord;
        if (rec.error) throw new Error(`in the extension host: ${rec.error}`);
        if (rec.extensionPath !== dir) throw new Error(`the host ran ${rec.extensionPath}, not ${dir}`);
        if (i >= 0) out[v].push(rec);
      }
    }
    await browser.page.goto('about:blank');
  } finally {
    await browser.close();
    await server.stop();
    await sim.close();
  }
  log(`extension: activate ${summarize(out.production.map((r) => r.activateMs!)).median.toFixed(1)} ms (production)`);
  return out;
}

export async function runExtension(opts: { runs: number; log: (s: string) => void }): Promise<Section> {
  const machine = describeMachine();
  const tmp = createRunDir('bench-build');
  const dirs: Record<Build, string> = {
    production: build(path.join(tmp.root, 'production'), 'production'),
    development: build(path.join(tmp.root, 'development'), 'development'),
  };
  const prod = sizes(dirs.production);
  const dev = sizes(dirs.development);
  const one = (v: number | undefined) => (v === undefined ? undefined : summarize([v]));
  const rows: Row[] = [];
  for (const b of BUNDLES) {
    if (!prod[b]) continue;
    const when = b === 'undici.js' ? ' (required on the first request, not at activation)' : '';
    rows.push(
      { figure: `dist/${b}${when}`, unit: 'KiB', ours: one(prod[b]?.raw), baseline: one(dev[b]?.raw), ratio: true },
      { figure: `dist/${b} gzipped`, unit: 'KiB', ours: one(prod[b]?.gz), baseline: one(dev[b]?.gz), ratio: true },
    );
  }
  const inst = await ensureCodeServer();
  const loader = path.join(tmp.root, 'load.cjs');
  fs.writeFileSync(loader, LOADER);
  const files = [path.join(dirs.production, 'dist', 'extension.js'), path.join(dirs.development, 'dist', 'extension.js')];
  const undiciFile = path.join(dirs.production, 'dist', 'undici.js');
  if (fs.existsSync(undiciFile)) files.push(undiciFile);
  const [loadBundle, loadBundleDev, loadUndici] = freshRequire(inst.nodeBin, loader, files, 3 * opts.runs);
  opts.log(`extension: require() in a fresh Node: bundle ${loadBundle.median.toFixed(0)} ms${loadUndici ? `, dist/undici.js ${loadUndici.median.toFixed(0)} ms` : ''}`);

  const host = await hostRuns(dirs, opts.runs, opts.log);
  const all = [...host.production, ...host.development, ...host.split];
  const wasActive = all.filter((r) => r.wasActive).length;
  const pids = new Set(all.map((r) => r.pid)).size;
  const med = (v: Variant, k: 'activateMs' | 'activateCpuMs' | 'firstTreeItemMs' | 'loadMs' | 'ownActivateMs' | 'emptyActivateMs') => summarize(host[v].map((r) => r[k]!));
  const act = { ours: med('production', 'activateMs'), baseline: med('development', 'activateMs') };
  rows.push(
    { figure: 'activate() in a fresh extension host', unit: 'ms', ...act, ratio: true, target: { text: '≤ 30 ms', met: act.ours.median <= 30 && wasActive === 0 },
      cause: activateCause({
        machine: `${machine.cores} cores, load average ${machine.load ?? '?'} at the start`, empty: med('split', 'emptyActivateMs').median, load: med('split', 'loadMs').median,
        loaded: med('split', 'activateMs').median, own: med('split', 'ownActivateMs').median, cpu: med('split', 'activateCpuMs').median, bundleNode: loadBundle.median, bundleKiB: prod['extension.js']?.raw ?? 0,
      }) },
    { figure: '  breakdown, in other fresh hosts: an empty extension\'s activate() first (VS Code\'s own cost)', unit: 'ms', ours: med('split', 'emptyActivateMs') },
    { figure: '  breakdown: then require() of dist/extension.js alone', unit: 'ms', ours: med('split', 'loadMs') },
    { figure: '  breakdown: then activate() with the bundle loaded', unit: 'ms', ours: med('split', 'activateMs') },
    { figure: '  breakdown: of which inside the extension\'s activate() function', unit: 'ms', ours: med('split', 'ownActivateMs') },
    { figure: '  breakdown: CPU time of the extension host process during that activate()', unit: 'ms', ours: med('split', 'activateCpuMs') },
    { figure: '  require() of dist/extension.js in a fresh Node process (code-server\'s Node 24, vscode stubbed)', unit: 'ms', ours: loadBundle, baseline: loadBundleDev, ratio: true },
    ...(loadUndici ? [{ figure: '  require() of dist/undici.js, same way (paid by the first request)', unit: 'ms' as const, ours: loadUndici }] : []),
    { figure: `activate() start → Explorer lists the simulator's ${host.production[0]?.clusters ?? '?'} clusters (incl. loading undici for the first request)`, unit: 'ms', ours: med('production', 'firstTreeItemMs'), baseline: med('development', 'firstTreeItemMs'), ratio: true },
  );
  return {
    part: 'extension',
    title: 'Extension: bundles, activation, first tree item',
    baseline: 'the same extension built without --production (unminified bundle, source map beside it). Bundle sizes are single builds; "gzipped" is zlib\'s default level. Rows without a baseline break the production figure down.',
    machine,
    rows,
    notes: [
      `Host: code-server (VS Code's server build, its own Node 24) in headless Chromium via the project's harness (test/harness); every run is a new page load, hence a new extension host (${pids} distinct host processes for ${all.length} measured runs), the three kinds of run alternating. Suites: bench/host/index.ts and bench/host/split.ts; the extension was already active in ${wasActive} of them (must be 0).`,
      'activate() is timed in the extension host around vscode.extensions.getExtension(\'ocp-explorer.ocp-explorer\').activate() (module load + activate()); the first tree item is services.explorer.getChildren(connection) resolving with the clusters of the OCP simulator (default inventory, in the benchmark process on 127.0.0.1), timed from the same start.',
      'Builds: node scripts/build.mjs [--production] run in a temporary folder with src/ and node_modules/ linked, so the repository\'s dist/ is not rebuilt under other work.',
    ],
  };
}

interface CauseFigures {
  machine: string;
  empty: number;
  load: number;
  loaded: number;
  own: number;
  cpu: number;
  bundleNode: number;
  bundleKiB: number;
}

/** Why activate() is over 30 ms, from the breakdown rows of the same run. */
function activateCause(f: CauseFigures): string {
  const r = (v: number) => v.toFixed(0);
  const vscodeShare = Math.max(0, f.loaded - f.own);
  const ours = f.bundleNode + f.own;
  const parts = [
    `activate() is loading the bundle + VS Code's activation work + the extension's activate(). In the breakdown hosts: activating an extension that does nothing takes ${r(f.empty)} ms (the first activation in a fresh code-server extension host); loading dist/extension.js takes ${r(f.load)} ms in the host, while the same ${r(f.bundleKiB)} KiB file loads in ${r(f.bundleNode)} ms in a fresh Node 24 with 'vscode' stubbed (the difference is the extension host's own module loading, which also builds the extension's vscode API object on first use); activating it once loaded takes ${r(f.loaded)} ms, of which only ${f.own.toFixed(1)} ms is inside the extension's activate() function.`,
    `So about ${r(vscodeShare)} ms of every activation here is VS Code's own work around the call (for example setting up the ExtensionContext and its state before activate() runs); the extension host process was on the CPU for only ${r(f.cpu)} of those ${r(f.loaded)} ms, so most of it is waiting, not computing. That alone leaves ${vscodeShare >= 30 ? 'nothing' : `${r(30 - vscodeShare)} ms`} of the 30 ms on this host (${f.machine}).`,
    ours <= 30
      ? `What the extension controls — evaluating its bundle and its activate() — is about ${r(ours)} ms, within the target; the miss is the host's share, not the extension's code.`
      : `What the extension controls — evaluating its bundle and its activate() — is about ${r(ours)} ms, itself over the target: see the require() rows.`,
  ];
  return parts.join(' ');
}
