// docs/reliability.md from what the integration suites recorded (test-results/reliability/*.json):
// the fault matrix (faults × places, with what the user saw, how each case recovered, the requests sent
// and bytes read), the hostile-server cases with their bounds, the secrets search, the hostile workspace and
// the webview checks. Every figure in the page comes from a run; so do the generator's checks (checks()).
//
//   node scripts/reliability.mjs          build, run the four suites in VS Code, then write the page
//   node scripts/reliability.mjs --render render the page from the last run's results only
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results', 'reliability');
const outFile = path.join(root, 'docs', 'reliability.md');
const SUITES = '^(Faults|Secrets|Webview security|Workspace settings) ';

function run() {
  const opts = { cwd: root, stdio: 'inherit' };
  fs.rmSync(resultsDir, { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], opts);
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], opts);
  try {
    execFileSync(process.execPath, [path.join(root, 'out', 'test', 'harness', 'run-integration.js')], { ...opts, env: { ...process.env, OCP_TEST_GREP: SUITES } });
  } catch {
    console.error('reliability: some cases failed; the page says which');
  }
}

function read(name) {
  const file = path.join(resultsDir, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** Text for a Markdown table cell: no HTML, no column break, one line; run-specific ids masked. */
function cell(text, max = 220) {
  let t = String(text ?? '').replace(/\s+/g, ' ').trim();
  t = t.replace(/traceId [0-9a-f]+/g, 'traceId …').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/`/g, '&#96;');
}

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Bytes in a table: B, KiB or MiB. */
function bytes(n) {
  if (n === undefined || n === null) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The newest source file the results depend on (results older than it describe other code). */
function newestSource() {
  let newest = { file: '', ms: 0 };
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.(ts|tsx|css|json)$/.test(e.name)) {
        const ms = fs.statSync(f).mtimeMs;
        if (ms > newest.ms) newest = { file: path.relative(root, f), ms };
      }
    }
  };
  for (const d of ['src', 'media', path.join('test', 'integration'), path.join('test', 'ocp-sim')]) walk(path.join(root, d));
  return newest;
}

/**
 * The generator's own checks, all from the recorded results: every case survived; no duplicate POST; no secret
 * found; every case recorded its requests and bytes; every bound a case asserted holds for what it recorded;
 * every fault after which OCP may have acted recorded, in each operation and action, whether the message said so;
 * and the results are newer than the code they describe.
 */
function checks(faults, secrets) {
  const problems = [];
  const tried = faults.cases.filter((c) => !c.notApplicable);
  for (const c of tried) {
    const at = `${c.fault} in ${c.place}`;
    if (!c.survived) problems.push(`${at}: failed (${c.failure ?? 'no reason recorded'})`);
    if (c.duplicatePosts) problems.push(`${at}: ${c.duplicatePosts} duplicate POST(s)`);
    if (typeof c.requests !== 'number' || typeof c.bytes !== 'number') problems.push(`${at}: requests or bytes not recorded`);
    if (c.bound?.requests !== undefined && !(c.requests <= c.bound.requests)) problems.push(`${at}: ${c.requests} requests, bound ${c.bound.requests}`);
    if (c.bound?.bytes !== undefined && !(c.bytes <= c.bound.bytes)) problems.push(`${at}: ${c.bytes} bytes, bound ${c.bound.bytes}`);
  }
  const ambiguous = new Set(faults.faults.filter((f) => f.ambiguous).map((f) => f.id));
  for (const c of tried) {
    if (ambiguous.has(c.fault) && /^(op|action)\./.test(c.place) && typeof c.warnedUncertain !== 'boolean') problems.push(`${c.fault} in ${c.place}: whether the message warned that OCP may have acted was not recorded`);
  }
  for (const f of faults.faults.filter((x) => x.hostile)) {
    if (!tried.some((c) => c.fault === f.id)) problems.push(`${f.id}: no case tried it`);
  }
  if (secrets?.found?.length) problems.push(`${secrets.found.length} secret(s) found: ${secrets.found.join(', ')}`);
  const newest = newestSource();
  if (newest.ms > Date.parse(faults.writtenAt)) problems.push(`the results (${faults.writtenAt}) are older than ${newest.file} (${new Date(newest.ms).toISOString()}): run the suites again`);
  return problems;
}

function render() {
  const faults = read('faults.json');
  if (!faults) throw new Error(`no ${path.join(resultsDir, 'faults.json')}: run the suites first (node scripts/reliability.mjs)`);
  const secrets = read('secrets.json');
  const workspace = read('workspace.json');
  const webview = read('webview.json');
  const cases = faults.cases;
  const hostileIds = new Set(faults.faults.filter((f) => f.hostile).map((f) => f.id));
  const matrixFaults = faults.faults.filter((f) => !f.hostile);
  const hostileFaults = faults.faults.filter((f) => f.hostile);
  const tried = cases.filter((c) => !c.notApplicable);
  const survived = tried.filter((c) => c.survived);
  const dupes = tried.reduce((n, c) => n + c.duplicatePosts, 0);
  const blanks = tried.filter((c) => c.blank).length;
  const unrecovered = tried.filter((c) => !c.recovered).length;
  const posts = tried.reduce((n, c) => n + c.posts, 0);
  const requests = tried.reduce((n, c) => n + (c.requests ?? 0), 0);
  const written = tried.reduce((n, c) => n + (c.bytes ?? 0), 0);
  const found = secrets ? secrets.found : undefined;
  const placeTitle = new Map(faults.places.map((p) => [p.id, p.title]));
  const byFault = (id) => cases.filter((c) => c.fault === id);
  const titles = new Map(faults.faults.map((f) => [f.id, f.title]));
  const title = (id) => titles.get(id) ?? id;
  const problems = checks(faults, secrets);
  const hostileCases = tried.filter((c) => hostileIds.has(c.fault));
  const matrixCases = cases.filter((c) => !hostileIds.has(c.fault));
  const out = [];

  out.push('# Reliability: faults, bad input, hostile servers and secrets', '');
  out.push(`Generated by \`node scripts/reliability.mjs\` from the integration suites \`Faults\`, \`Secrets\`, \`Webview security\` and \`Workspace settings\` (run of ${faults.writtenAt.slice(0, 10)}). Do not edit: run the script again.`, '');
  out.push('## Summary', '');
  out.push(`- **${tried.length} cases** (${matrixFaults.length} faults × ${faults.places.length} places with ${matrixCases.filter((c) => c.notApplicable).length} combinations not applicable, and ${hostileCases.length} hostile-server cases): **${survived.length} survived, ${tried.length - survived.length} failed**.`);
  out.push(`- **Duplicate POSTs: ${dupes}** (${posts} POSTs sent in all, each one user action). Blank views: ${blanks}. Cases without recovery: ${unrecovered}. Requests received by the simulators during the cases: ${requests}; bytes they wrote: ${bytes(written)}.`);
  out.push(`- **Hostile servers: ${hostileCases.filter((c) => c.survived).length} of ${hostileCases.length} cases within their bounds** (requests in a window, bytes read; see [Hostile servers](#hostile-servers)).`);
  if (secrets) out.push(`- **Secrets found: ${found.length}** (${secrets.secrets.length} secrets and ${secrets.encodings.length} Authorization encodings searched in ${secrets.searched.length} places, log level ${secrets.logLevel}, ${secrets.requestLinesInLog} request lines in the log).`);
  else out.push('- Secrets: not run.');
  if (workspace?.connections) out.push(`- Hostile workspace settings: connections used ${workspace.connections.connectionsUsed.join(', ')}; requests to the hostile server: ${workspace.connections.requestsToHostileServer}.`);
  if (webview) out.push(`- Webview: ${webview.garbageMessages} malformed and ${webview.illegalActions} illegal messages: ${webview.requests} requests, ${webview.questions} questions.`);
  out.push(`- Generator checks: ${problems.length ? `**${problems.length} problem(s)** (below)` : 'all held (every case survived and recorded its requests and bytes, every bound held, no duplicate POST, no secret, the uncertain outcomes recorded, results newer than the code)'}.`);
  const failed = tried.filter((c) => !c.survived);
  if (failed.length) {
    out.push('', '### Failed cases', '', table(['fault', 'place', 'failure'], failed.map((c) => [c.fault, placeTitle.get(c.place), cell(c.failure, 400)])));
  }
  if (problems.length) out.push('', '### Problems found by the generator', '', ...problems.map((p) => `- ${cell(p, 400)}`));

  out.push('', '## How the cases run', '');
  out.push('Inside a real VS Code extension host (code-server), against the OCP simulator over real HTTP on 127.0.0.1. Each place has its own simulator and connection, so one fault is tried in every place at once. A request fault is put on the exact method and path the place uses and stays until the case clears it; data faults change the simulator\'s records (or its answer) and are undone after. Settings for the run:', '');
  out.push(table(['setting', 'value'], Object.entries(faults.settings).map(([k, v]) => [`\`ocp.${k}\``, String(v)])), '');
  out.push('Every case checks: the message shown names the problem; once the fault is cleared the place shows normal data again (Retry, Enter Credentials, Refresh) or the operation works with exactly one more POST; no POST is sent twice (the simulator counts them; when OCP did act despite the error, the task must appear in the Tasks view instead of being sent again); no view is ever empty while OCP has data.', '');
  out.push('**Requests** are the API requests the place\'s simulator received during the case (everything that connection sent, background polling included); **bytes read** are the bytes that simulator wrote to the sockets during the case, headers included: at most what the extension read, plus what the loopback buffers held when it hung up. The hostile cases count only the requests that matter, in the window they name.', '');

  out.push('## Matrix', '');
  const mark = (c) => (!c ? '' : c.notApplicable ? '—' : c.survived ? '✅' : '❌');
  out.push(table(['fault', ...faults.places.map((p) => p.title)], matrixFaults.map((f) => [f.title, ...faults.places.map((p) => mark(cases.find((c) => c.fault === f.id && c.place === p.id)))])));
  out.push('', '✅ survived (every check held) · ❌ failed · — not applicable (reasons below)', '');

  out.push('## Hostile servers', '');
  out.push('Issue #15: what a misbehaving server, gateway or proxy does, tried where it does harm, each measured by the number that matters in a window after the place answered (a paging loop still running, a timer that fired too soon, a log read again by itself would all add requests).', '');
  out.push(table(['fault', 'place', 'what the user saw', 'requests (bound)', 'bytes read (bound)', 'outcome', ''], hostileFaults.flatMap((f) => byFault(f.id).filter((c) => !c.notApplicable).map((c) => [
    `${f.title} (\`${cell(JSON.stringify(f.simulator), 160)}\`)`, placeTitle.get(c.place), cell(c.message),
    `${c.requests ?? '?'}${c.bound?.requests !== undefined ? ` (≤ ${c.bound.requests}${c.bound.window ? `, ${c.bound.window}` : ''})` : ''}`,
    `${bytes(c.bytes)}${c.bound?.bytes !== undefined ? ` (≤ ${bytes(c.bound.bytes)})` : ''}`,
    cell(c.outcome, 300), mark(c),
  ]))), '');

  out.push('## Outcomes', '');
  for (const f of matrixFaults) {
    const rows = byFault(f.id).filter((c) => !c.notApplicable);
    if (!rows.length) continue;
    const how = f.simulator ? ` (simulator fault \`${JSON.stringify(f.simulator)}\`)` : '';
    out.push(`### ${f.title}${how}`, '');
    out.push(table(['place', 'what the user saw', 'outcome', 'requests sent', 'bytes read', 'POSTs', ''], rows.map((c) => [placeTitle.get(c.place), cell(c.message), cell(c.outcome, 300), String(c.requests ?? ''), bytes(c.bytes), String(c.posts), mark(c)])), '');
  }

  out.push('## Known gaps', '');
  // From what each case recorded: a fault after which OCP may have acted, in an operation or action whose message did not say so.
  const silent = tried.filter((c) => c.warnedUncertain === false);
  if (silent.length) {
    const places = [...new Set(silent.map((c) => placeTitle.get(c.place)))].join(', ');
    const kinds = [...new Set(silent.map((c) => title(c.fault)))].join(', ');
    out.push(`- ${places}: after ${kinds}, OCP may have acted although the request failed, but the message does not say so. Nothing is resent by itself.`);
  } else out.push('- None found by these suites.');
  out.push('');

  out.push('## Not applicable', '');
  const reasons = new Map();
  for (const c of matrixCases.filter((x) => x.notApplicable)) {
    const k = `${c.fault}\u0000${c.notApplicable}`;
    reasons.set(k, [...(reasons.get(k) ?? []), placeTitle.get(c.place)]);
  }
  out.push(table(['fault', 'places', 'why'], [...reasons].map(([k, places]) => { const [f, why] = k.split('\u0000'); return [title(f), places.join(', '), cell(why)]; })), '');
  out.push('The hostile-server cases are tried only in the place named in their table.', '');

  out.push('## Secrets', '');
  if (secrets) {
    out.push(`Searched for: ${secrets.secrets.join('; ')}; and ${secrets.encodings.join('; ')}. SecretStorage itself is not searched: that is where they belong (the test checks they are there, and gone once the connections are removed).`, '');
    out.push(table(['place', 'items', 'characters', 'found'], secrets.searched.map((x) => [cell(x.place), String(x.items), String(x.bytes), x.found.length ? cell(x.found.join(', ')) : 'none'])), '');
  } else out.push('Not run.', '');

  out.push('## Workspace settings', '');
  if (workspace?.connections) {
    const w = workspace.connections;
    out.push(`A workspace \`.vscode/settings.json\` with ${w.hostileEntries} \`ocp.connections\` entries aimed at a second simulator (one reusing the user's connection id, both naming an environment variable that holds a secret) and \`ocp.requestTimeoutSeconds: 600\`:`, '');
    out.push(`- connections used: ${w.connectionsUsed.join(', ')} (the user's, at the user's address); requests to the hostile server: **${w.requestsToHostileServer}** (to the user's: ${w.requestsToUserServer});`);
    out.push(`- VS Code reports the workspace value of \`ocp.connections\`: ${w.workspaceValueSeenByVsCode ? 'yes' : 'no'} (the setting is application-scoped; the extension also reads only its user value);`);
    out.push(`- writing \`ocp.connections\` to the workspace: refused (${cell(w.workspaceWriteRefused)});`);
    out.push(`- application-scoped \`ocp.requestTimeoutSeconds\` from the workspace ignored: ${w.applicationScopedSettingIgnored ? 'yes' : 'no'}.`);
  }
  if (workspace?.weakening) {
    const k = workspace.weakening;
    out.push(`- user \`ocp.confirmDestructive: "typeName"\`, workspace \`"modal"\`: the stop confirmation still asks to type the name: ${k.typeToConfirmKept ? 'yes' : 'no'} (POSTs after declining: ${k.postsAfterDecline});`);
    out.push(`- workspace \`ocp.explorer.autoRefreshSeconds: ${k.autoRefreshSeconds}\`: ${k.clusterListsIn2500ms} cluster lists in 2.5 s (the interval is at least one second).`);
  }
  if (!workspace) out.push('Not run.');
  out.push('');

  out.push('## Webview', '');
  if (webview) {
    out.push(`The task panel's page: \`default-src 'none'\`, scripts only by a per-load nonce (no inline script, no \`unsafe-inline\`/\`unsafe-eval\`), styles, fonts and images only from the webview's resource origin, command links off, local resources only from \`dist/\` and \`media/\`. ${webview.garbageMessages} messages outside the protocol (commands, eval, fetch, unknown actions, mistyped ids, a prototype-polluting object, …) were dropped unanswered, and ${webview.illegalActions} well-formed but illegal actions were refused: ${webview.requests} requests to OCP, ${webview.questions} confirmations asked, connections${webview.clipboardChecked ? ' and clipboard' : ''} unchanged.`, '');
  } else out.push('Not run.', '');

  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`);
  console.log(`reliability: ${path.relative(root, outFile)}: ${survived.length}/${tried.length} cases survived, ${dupes} duplicate POSTs, ${found ? found.length : '?'} secrets found, ${problems.length} problem(s)`);
  for (const p of problems) console.error(`reliability: ${p}`);
  return problems.length === 0;
}

if (!process.argv.includes('--render')) run();
process.exitCode = render() ? 0 : 1;
