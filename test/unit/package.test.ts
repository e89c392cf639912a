// Marketplace and Open VSX conventions: the manifest checks `npm run package` runs (scripts/manifest-check.mjs)
// pass on this package.json and catch what vsce/ovsx refuse or what would ship broken (placeholder repository,
// bad engines, missing icon, unknown category, a walkthrough step with missing media or a dead completion
// event); the changelog has an entry per version; and the extension sends no telemetry.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module of scripts/, loaded by Node's require(esm)
const check = require(path.join(root, 'scripts', 'manifest-check.mjs')) as {
  checkManifest(root: string, o?: { pkg?: unknown; origin?: string | null }): { errors: string[]; notes: string[]; allowMissingRepository: boolean };
  normalizeGitUrl(u: string): string;
  ENGINE_CEILING: string;
};

const clone = (): any => JSON.parse(JSON.stringify(pkg));
const errorsOf = (p: unknown, origin: string | null = null) => check.checkManifest(root, { pkg: p, origin }).errors;

describe('packaging: the manifest checks of npm run package', () => {
  it('pass on this package.json, noting that no repository is named', () => {
    const r = check.checkManifest(root, { origin: null });
    assert.deepEqual(r.errors, []);
    assert.equal(r.allowMissingRepository, true);
    assert.match(r.notes.join('\n'), /no repository/);
  });

  it('ships no repository, bugs or homepage URL that nobody checked', () => {
    assert.equal(pkg.repository, undefined);
    assert.equal(pkg.bugs, undefined);
    assert.equal(pkg.homepage, undefined);
    const placeholder = { ...clone(), repository: { type: 'git', url: 'https://github.com/ocp-explorer/ocp-explorer.git' } };
    assert.match(errorsOf(placeholder).join('\n'), /cannot be confirmed/);
    assert.match(errorsOf(placeholder, 'https://git.example.com/dba/ocp-explorer.git').join('\n'), /not this checkout's origin/);
    assert.deepEqual(errorsOf(placeholder, 'git@github.com:ocp-explorer/ocp-explorer.git'), [], 'the real origin (ssh spelling) is accepted');
    assert.match(errorsOf({ ...clone(), homepage: 'https://example.com' }).join('\n'), /homepage .* repository is not/);
    assert.equal(check.normalizeGitUrl('git+https://GitHub.com/a/b.git/'), 'https://github.com/a/b');
  });

  it('refuses what vsce and ovsx refuse, or what would ship broken', () => {
    const cases: Array<[string, (p: any) => void, RegExp]> = [
      ['engine too old', (p) => { p.engines.vscode = '^1.80.0'; }, /below 1\.90/],
      ['engine newer than tested', (p) => { p.engines.vscode = '^1.140.0'; }, new RegExp(`above ${check.ENGINE_CEILING.replace(/\./g, '\\.')}`)],
      ['engine not a range', (p) => { p.engines.vscode = '*'; }, /not a \^x\.y\.z/],
      ['@types/vscode newer than the engine', (p) => { p.devDependencies['@types/vscode'] = '^1.100.0'; }, /@types\/vscode/],
      ['missing icon file', (p) => { p.icon = 'media/nope.png'; }, /does not exist/],
      ['SVG icon', (p) => { p.icon = 'media/ocp.svg'; }, /not a PNG/],
      ['unknown category', (p) => { p.categories = ['Databases']; }, /not a Marketplace category/],
      ['upper-case name', (p) => { p.name = 'OCP Explorer'; }, /name/],
      ['no license', (p) => { delete p.license; }, /license/],
      ['no engines', (p) => { delete p.engines; }, /engines\.vscode is missing/],
      ['star activation', (p) => { p.activationEvents = ['*']; }, /"\*"/],
      ['version without a changelog entry', (p) => { p.version = '9.9.9'; }, /CHANGELOG\.md has no "## 9\.9\.9"/],
      ['display name not translated', (p) => { p.displayName = '%nope%'; }, /displayName/],
    ];
    for (const [what, edit, expected] of cases) {
      const p = clone();
      edit(p);
      assert.match(errorsOf(p).join('\n'), expected, what);
    }
  });
});

describe('packaging: the walkthrough', () => {
  const steps: any[] = pkg.contributes.walkthroughs.flatMap((w: any) => w.steps);

  it('has steps whose media exist and whose completion events name real commands and views', () => {
    assert.ok(steps.length >= 3);
    for (const lang of ['', '.zh-cn']) {
      const nls = JSON.parse(fs.readFileSync(path.join(root, `package.nls${lang}.json`), 'utf8')) as Record<string, string>;
      for (const s of steps) {
        const media = /^%(.+)%$/.test(s.media.markdown) ? nls[s.media.markdown.slice(1, -1)] : s.media.markdown;
        assert.ok(media && fs.existsSync(path.join(root, media)), `${s.id}${lang}: ${media}`);
        if (lang) assert.match(fs.readFileSync(path.join(root, media), 'utf8'), /[\u4e00-\u9fff]/, `${s.id}: the Chinese page is not Chinese`);
      }
    }
    const commands = new Set(pkg.contributes.commands.map((c: any) => c.command));
    const views = new Set(Object.values(pkg.contributes.views).flat().map((v: any) => v.id));
    for (const s of steps) {
      for (const e of s.completionEvents) {
        const [kind, arg] = e.split(/:(.*)/);
        if (kind === 'onCommand') assert.ok(commands.has(arg), `${s.id}: ${e}`);
        else if (kind === 'onView') assert.ok(views.has(arg), `${s.id}: ${e}`);
        else assert.fail(`${s.id}: unexpected completion event ${e}`);
      }
    }
  });

  it('catches a step with missing media, a dead completion event or a dead command link', () => {
    const p = clone();
    p.contributes.walkthroughs[0].steps[0].media.markdown = 'media/walkthrough/gone.md';
    p.contributes.walkthroughs[0].steps[1].media.markdown = '%walkthrough.nothing.media%';
    p.contributes.walkthroughs[0].steps[1].completionEvents = ['onView:ocp.nothing'];
    p.contributes.walkthroughs[0].steps[2].completionEvents = ['onCommand:ocp.nothing'];
    p.contributes.walkthroughs[0].steps[2].description = 'See [this](command:ocp.gone)';
    const errors = errorsOf(p).join('\n');
    assert.match(errors, /media media\/walkthrough\/gone\.md does not exist/);
    assert.match(errors, /media %walkthrough\.nothing\.media% is not in package\.nls\.zh-cn\.json/);
    assert.match(errors, /onView:ocp\.nothing names no contributed view/);
    assert.match(errors, /onCommand:ocp\.nothing names no contributed command/);
    assert.match(errors, /unknown command ocp\.gone/);
  });

  it('links only to real commands from the step descriptions, in both languages', () => {
    const commands = new Set([...pkg.contributes.commands.map((c: any) => c.command), 'ocp.explorer.focus', 'ocp.tasks.focus']);
    for (const f of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as Record<string, string>;
      for (const [k, v] of Object.entries(nls)) {
        if (!k.startsWith('walkthrough.')) continue;
        for (const m of v.matchAll(/\(command:([\w.-]+)/g)) assert.ok(commands.has(m[1]), `${f} ${k}: ${m[1]}`);
      }
    }
  });
});

describe('packaging: changelog', () => {
  it('has a "## x.y.z" entry for this version, newest first, each with content', () => {
    const text = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    const versions = [...text.matchAll(/^## \[?(\d+\.\d+\.\d+)\]?/gm)].map((m) => m[1]);
    assert.equal(versions[0], pkg.version, 'the newest entry is this version');
    const cmp = (a: string, b: string) => a.split('.').map(Number).reduce((d, x, i) => d || x - Number(b.split('.')[i]), 0);
    for (let i = 1; i < versions.length; i++) assert.ok(cmp(versions[i - 1], versions[i]) > 0, 'entries newest first');
    for (const section of text.split(/^## /m).slice(1)) assert.match(section, /^- /m, `an empty entry: ${section.split('\n')[0]}`);
  });
});

describe('privacy: no telemetry', () => {
  const files = (dir: string): string[] => fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|js)$/.test(f)).map((f) => path.join(dir, f))
    : [];
  const sources = files(path.join(root, 'src'));
  const TELEMETRY = /createTelemetryLogger|TelemetryLogger|TelemetrySender|isTelemetryEnabled|onDidChangeTelemetryEnabled|applicationinsights|@vscode\/extension-telemetry|vscode-extension-telemetry|telemetryReporter/i;

  it('the source has no telemetry API, reporter or analytics package', () => {
    assert.ok(sources.length > 20);
    const hits = sources.filter((f) => TELEMETRY.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(hits.map((f) => path.relative(root, f)), []);
    const deps = Object.keys({ ...pkg.dependencies });
    assert.deepEqual(deps.filter((d) => /telemetry|insights|analytics|sentry|segment|mixpanel|posthog/i.test(d)), []);
  });

  it('sends requests only to the configured OCP: no fixed host anywhere in the source', () => {
    const urls: string[] = [];
    for (const f of sources) {
      const text = fs.readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
      for (const m of text.matchAll(/['"`](https?:\/\/[^'"`\s$]+)/g)) urls.push(`${path.relative(root, f)}: ${m[1]}`);
    }
    // Only placeholder examples, the loopback and XML namespaces (names, never fetched) may be written in the code;
    // every address requests go to comes from a connection.
    const allowed = /^https?:\/\/(host|127\.0\.0\.1|localhost|ocp\.example\.com|example\.com|proxy)([:/]|$)|^http:\/\/www\.w3\.org\/2000\/svg$/;
    assert.deepEqual(urls.filter((u) => !allowed.test(u.slice(u.indexOf(': ') + 2))), []);
  });

  it('the extension bundle (esbuild, as npm run build makes it) calls no telemetry API', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    const out = esbuild.buildSync({ entryPoints: [path.join(root, 'src', 'extension.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], write: false, logLevel: 'silent' });
    const text = out.outputFiles[0].text;
    assert.ok(text.length > 100_000, 'the bundle is suspiciously small');
    assert.match(text, /registerCommand/, 'not the extension bundle');
    assert.doesNotMatch(text, /createTelemetryLogger|telemetryLogger|applicationinsights|dc\.services\.visualstudio\.com|vortex\.data\.microsoft\.com/i);
  });

  it('the README says so', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.match(readme, /^## Privacy/m);
    assert.match(readme, /no telemetry/i);
  });

  it('the checks themselves catch a telemetry call', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.ts'), "const logger = vscode.env.createTelemetryLogger(sender);\n");
      assert.ok(files(dir).some((f) => TELEMETRY.test(fs.readFileSync(f, 'utf8'))));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
