// npm test: every stage in order (lint, unit, integration in a real VS Code, e2e in English and Chinese),
// each timed; stops at the first failing stage and exits with its code. Prints one line per stage and a
// summary with the time each took, so a slow or cold stage (the first run installs code-server) shows.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const stages = [
  ['lint', ['run', 'lint']],
  ['unit', ['run', 'test:unit']],
  ['integration', ['run', 'test:integration']],
  ['e2e', ['run', 'test:e2e']],
];
const only = process.env.OCP_TEST_STAGES ? process.env.OCP_TEST_STAGES.split(',') : undefined;
const took = [];
let code = 0;
for (const [name, args] of stages) {
  if (only && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n[test] stage ${name}: npm ${args.join(' ')}`);
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  code = r.status ?? 1;
  took.push(`${name} ${seconds} s${code === 0 ? '' : ` (failed, exit ${code})`}`);
  console.log(`[test] stage ${name}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
  if (code !== 0) break;
}
console.log(`\n[test] stages: ${took.join(' · ')}`);
process.exit(code);
