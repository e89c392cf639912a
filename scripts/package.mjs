// npm run package: checks the manifest the way vsce and ovsx would (scripts/manifest-check.mjs: required
// fields, icon, engines, categories, walkthrough, changelog entry, no placeholder repository), then a
// production build, then a .vsix holding only what runs (dist/, media/, l10n/, README,
// CHANGELOG, LICENSE, package.json and its nls files; see .vscodeignore). Prints the file and its size.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkManifest } from './manifest-check.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, `${pkg.name}-${pkg.version}.vsix`);

const check = checkManifest(root);
for (const n of check.notes) console.log(`package: note: ${n}`);
if (check.errors.length) {
  for (const e of check.errors) console.error(`package: error: ${e}`);
  console.error(`package: ${check.errors.length} problem(s) in package.json; nothing packaged`);
  process.exit(1);
}

execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
if (!fs.existsSync(path.join(root, pkg.main))) {
  console.error(`package: error: the build did not produce ${pkg.main}`);
  process.exit(1);
}
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const flags = check.allowMissingRepository ? ['--allow-missing-repository', '--no-rewrite-relative-links'] : [];
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', ...flags, '--out', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const kb = (fs.statSync(out).size / 1024).toFixed(1);
console.log(`package: ${path.relative(process.cwd(), out) || out} (${kb} KiB)`);
