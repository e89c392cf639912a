// Bundles the extension (Node, CommonJS, `vscode` external) and the task panel's browser bundle into dist/.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning', legalComments: 'none' };
// undici is a bundle of its own, required on the first request (src/core/ocp/undici.ts), so activating the
// extension does not evaluate it.
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], plugins: [undiciApart] },
  { ...common, entryPoints: ['node_modules/undici/index.js'], outfile: 'dist/undici.js', platform: 'node', format: 'cjs', target: 'node18' },
  // The page worker (src/core/ocp/pageDecoder.ts starts it from beside the extension bundle).
  { ...common, entryPoints: ['src/core/ocp/pageWorker.ts'], outfile: 'dist/pageWorker.js', platform: 'node', format: 'cjs', target: 'node18' },
  { ...common, entryPoints: ['src/webview-ui/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2020' },
];

// A production build starts from an empty dist/, so no source map of a development build is packaged.
if (production) fs.rmSync('dist', { recursive: true, force: true });

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
