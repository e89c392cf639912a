// The checks `npm run package` runs on package.json before vsce packages it: what vsce and ovsx refuse (or
// ship broken) and what the Marketplace and Open VSX expect. `checkManifest(root)` returns errors (packaging
// stops) and notes (printed). Used by scripts/package.mjs and test/unit/package.test.ts.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Marketplace categories (Open VSX takes the same names). */
export const CATEGORIES = [
  'AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers',
  'Snippets', 'Testing', 'Themes', 'Visualization',
];

/** The oldest VS Code the extension supports, and the newest it is tested with (the test host's code-server). */
export const ENGINE_FLOOR = '1.90.0';
export const ENGINE_CEILING = '1.139.1';

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function cmp(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The minimum version of a `^1.90.0` / `>=1.90.0` / `1.90.0` range, or undefined. */
export function engineMinimum(range) {
  const m = /^(\^|>=|~)?\s*(\d+\.\d+\.\d+)$/.exec(String(range ?? '').trim());
  return m ? m[2] : undefined;
}

/** A git URL in one form (https, no .git, no trailing slash, lower case host) so two spellings compare equal. */
export function normalizeGitUrl(u) {
  let s = String(u ?? '').trim();
  const ssh = /^git@([^:]+):(.+)$/.exec(s);
  if (ssh) s = `https://${ssh[1]}/${ssh[2]}`;
  s = s.replace(/^git\+/, '').replace(/^ssh:\/\/git@/, 'https://').replace(/\/+$/, '').replace(/\.git$/, '');
  try {
    const url = new URL(s);
    return `https://${url.host.toLowerCase()}${url.pathname}`;
  } catch {
    return s;
  }
}

function originOf(root) {
  try {
    return execFileSync('git', ['-C', root, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Every `command:` the manifest contributes, plus the view focus commands VS Code makes for each view. */
export function knownCommands(pkg) {
  const ids = new Set((pkg.contributes?.commands ?? []).map((c) => c.command));
  for (const views of Object.values(pkg.contributes?.views ?? {})) {
    for (const v of views) {
      ids.add(`${v.id}.focus`);
      ids.add(`${v.id}.resetViewLocation`);
    }
  }
  return ids;
}

function knownViews(pkg) {
  return new Set(Object.values(pkg.contributes?.views ?? {}).flat().map((v) => v.id));
}

/** package.nls.json (as `en`, or the table given) and every package.nls.<lang>.json beside it, by language. */
function nlsTables(root, en) {
  const tables = { en };
  for (const f of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const m = /^package\.nls\.(.+)\.json$/.exec(f);
    if (m) tables[m[1]] = JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  }
  return tables;
}

/** The walkthrough's steps: media that exists in the package, and completion events that name real commands and views. */
export function checkWalkthroughs(root, pkg, nls) {
  const errors = [];
  const commands = knownCommands(pkg);
  const views = knownViews(pkg);
  const settings = new Set(Object.keys(pkg.contributes?.configuration?.properties ?? {}));
  for (const w of pkg.contributes?.walkthroughs ?? []) {
    if (!w.steps?.length) errors.push(`walkthrough ${w.id} has no steps`);
    for (const step of w.steps ?? []) {
      const where = `walkthrough ${w.id}, step ${step.id}`;
      const media = step.media ?? {};
      const files = [media.markdown, typeof media.image === 'string' ? media.image : media.image && Object.values(media.image), media.svg].flat().filter(Boolean);
      if (!files.length) errors.push(`${where}: no media`);
      // A media path may be a %key% of the nls files (a translated page per display language): check each.
      for (const f of files) {
        for (const [lang, table] of Object.entries(nlsTables(root, nls))) {
          const resolved = /^%.+%$/.test(f) ? table[f.slice(1, -1)] : f;
          if (!resolved) errors.push(`${where}: media ${f} is not in package.nls${lang === 'en' ? '' : `.${lang}`}.json`);
          else if (!fs.existsSync(path.join(root, resolved))) errors.push(`${where}: media ${resolved} does not exist`);
        }
      }
      if (media.image && !media.altText) errors.push(`${where}: an image without altText`);
      for (const key of [step.title, step.description].filter((s) => /^%.+%$/.test(s ?? ''))) {
        if (!(key.slice(1, -1) in nls)) errors.push(`${where}: ${key} is not in package.nls.json`);
      }
      const text = [step.description, ...(String(step.description).match(/^%(.+)%$/) ? [nls[step.description.slice(1, -1)]] : [])].join('\n');
      for (const m of String(text).matchAll(/\(command:([\w.-]+)/g)) if (!commands.has(m[1])) errors.push(`${where}: its description links to unknown command ${m[1]}`);
      if (!step.completionEvents?.length) errors.push(`${where}: no completion events (it can never be checked off)`);
      for (const e of step.completionEvents ?? []) {
        const [kind, arg] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
        if (kind === 'onCommand' && !commands.has(arg)) errors.push(`${where}: completion event ${e} names no contributed command`);
        else if (kind === 'onView' && !views.has(arg)) errors.push(`${where}: completion event ${e} names no contributed view`);
        else if (kind === 'onSettingChanged' && !settings.has(arg)) errors.push(`${where}: completion event ${e} names no contributed setting`);
        else if (!['onCommand', 'onView', 'onSettingChanged', 'onContext', 'extensionInstalled', 'onLink', 'onStepSelected'].includes(kind)) errors.push(`${where}: unknown completion event ${e}`);
      }
    }
  }
  return errors;
}

/**
 * Checks package.json (and the files it names) at `root`. `origin` is the checkout's git remote (read with git
 * when not given; pass null for "none").
 */
export function checkManifest(root, options = {}) {
  const pkg = options.pkg ?? JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nlsFile = path.join(root, 'package.nls.json');
  const nls = fs.existsSync(nlsFile) ? JSON.parse(fs.readFileSync(nlsFile, 'utf8')) : {};
  const errors = [];
  const notes = [];
  let allowMissingRepository = false;

  // Identity: what vsce and ovsx refuse to package or publish without.
  if (!NAME.test(pkg.name ?? '')) errors.push(`name "${pkg.name}" must be lower case letters, digits and dashes`);
  if (!NAME.test(pkg.publisher ?? '')) errors.push(`publisher "${pkg.publisher}" must be lower case letters, digits and dashes`);
  if (!SEMVER.test(pkg.version ?? '')) errors.push(`version "${pkg.version}" is not semver`);
  for (const field of ['displayName', 'description']) {
    const v = pkg[field];
    if (!v) errors.push(`${field} is missing`);
    else if (/^%.+%$/.test(v) && !nls[v.slice(1, -1)]) errors.push(`${field} ${v} is not in package.nls.json`);
  }
  if (!pkg.license) errors.push('license is missing (ovsx refuses to publish without one)');
  if (!fs.existsSync(path.join(root, 'LICENSE')) && !fs.existsSync(path.join(root, 'LICENSE.md'))) errors.push('no LICENSE file');
  if (!fs.existsSync(path.join(root, 'README.md'))) errors.push('no README.md');
  else if (/This is the README for your extension /.test(fs.readFileSync(path.join(root, 'README.md'), 'utf8'))) errors.push('README.md is still the template');

  // The changelog has an entry for this version.
  const changelog = path.join(root, 'CHANGELOG.md');
  if (!fs.existsSync(changelog)) errors.push('no CHANGELOG.md');
  else if (!new RegExp(`^## \\[?${String(pkg.version).replace(/\./g, '\\.')}\\]?(\\s|$)`, 'm').test(fs.readFileSync(changelog, 'utf8'))) errors.push(`CHANGELOG.md has no "## ${pkg.version}" entry`);

  // Icon: a PNG (the Marketplace refuses SVG icons) of at least 128×128.
  if (!pkg.icon) errors.push('icon is missing');
  else if (!fs.existsSync(path.join(root, pkg.icon))) errors.push(`icon ${pkg.icon} does not exist`);
  else {
    const size = pngSize(path.join(root, pkg.icon));
    if (!size) errors.push(`icon ${pkg.icon} is not a PNG`);
    else if (size.width < 128 || size.height < 128) errors.push(`icon ${pkg.icon} is ${size.width}×${size.height}; the Marketplace wants at least 128×128`);
  }

  // Engines: from the supported floor up to the newest VS Code it is tested with; @types/vscode not newer.
  const engine = pkg.engines?.vscode;
  const min = engineMinimum(engine);
  if (!engine) errors.push('engines.vscode is missing');
  else if (!min) errors.push(`engines.vscode "${engine}" is not a ^x.y.z or >=x.y.z range`);
  else {
    if (cmp(min, ENGINE_FLOOR) < 0) errors.push(`engines.vscode ${engine} starts below ${ENGINE_FLOOR}, the oldest VS Code supported`);
    if (cmp(min, ENGINE_CEILING) > 0) errors.push(`engines.vscode ${engine} starts above ${ENGINE_CEILING}, the newest VS Code tested`);
    const types = engineMinimum(String(pkg.devDependencies?.['@types/vscode'] ?? '').replace(/^~/, '^'));
    if (types && cmp(types, min) > 0) errors.push(`@types/vscode ${types} is newer than engines.vscode ${engine} (vsce refuses this)`);
  }

  // Categories and activation.
  if (!Array.isArray(pkg.categories) || !pkg.categories.length) errors.push('categories are missing');
  for (const c of pkg.categories ?? []) if (!CATEGORIES.includes(c)) errors.push(`category "${c}" is not a Marketplace category`);
  if ((pkg.activationEvents ?? []).includes('*')) errors.push('activationEvents has "*"');
  if (pkg.main && !/^(\.\/)?dist\//.test(pkg.main)) errors.push(`main ${pkg.main} is not the bundle in dist/`);

  // Repository: a real one (this checkout's origin) or none. A placeholder is never shipped silently.
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const origin = options.origin === null ? undefined : options.origin ?? originOf(root);
  const linked = [['repository', repo], ['bugs', typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url], ['homepage', pkg.homepage]].filter(([, v]) => v);
  if (repo) {
    if (!origin) errors.push(`repository ${repo} cannot be confirmed: this checkout has no "origin" remote. Remove it (and bugs, homepage) or push the checkout there`);
    else if (normalizeGitUrl(repo) !== normalizeGitUrl(origin)) errors.push(`repository ${repo} is not this checkout's origin (${origin}): a placeholder? Set the real URL or remove it`);
    else for (const [field, v] of linked.slice(1)) if (!normalizeGitUrl(v).startsWith(normalizeGitUrl(origin))) errors.push(`${field} ${v} is not under the repository ${origin}`);
  } else {
    for (const [field, v] of linked) errors.push(`${field} ${v} is set but repository is not: remove it too`);
    allowMissingRepository = true;
    notes.push('package.json names no repository (none is public yet): packaging with --allow-missing-repository and --no-rewrite-relative-links. '
      + 'The README keeps its relative links and images (docs/images/ is not packaged, to keep the .vsix small): they show on the '
      + 'repository\'s own page, but VS Code\'s extension page, the Marketplace and Open VSX need absolute https URLs: set "repository" '
      + '(or pass --baseContentUrl/--baseImagesUrl to vsce) before publishing.');
  }

  errors.push(...checkWalkthroughs(root, pkg, nls));
  return { errors, notes, allowMissingRepository };
}
