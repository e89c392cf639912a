// npm run bench [-- panel explorer tracker extension] [--runs N]: compiles the TypeScript (bench/ is compiled
// with the tests into out/) and runs bench/main.ts. Never part of `npm test`. See bench/README.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
const main = path.join(root, 'out', 'bench', 'main.js');
if (compiled.status !== 0) {
  // tsc still emits; type errors elsewhere in the tree should not stop a benchmark run, but they are shown.
  if (!fs.existsSync(main)) process.exit(compiled.status ?? 1);
  console.error('bench: tsc reported errors (above); running the compiled benchmarks anyway');
}
const run = spawnSync(process.execPath, [main, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
