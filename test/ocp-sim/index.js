#!/usr/bin/env node
// Launcher for the OCP simulator: runs the tsc-compiled CLI from out/ (see cli.ts for options).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const compiled = path.resolve(__dirname, '../../out/test/ocp-sim/cli.js');
if (!fs.existsSync(compiled)) {
  console.error(`ocp-sim: ${path.relative(process.cwd(), compiled)} not found; run npm run compile-tests first`);
  process.exit(1);
}
require(compiled).main(process.argv.slice(2)).catch((err) => {
  console.error('ocp-sim:', err);
  process.exit(1);
});
