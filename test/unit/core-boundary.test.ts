// The core (OCP client, model, tracker) must never import VS Code: it runs in plain Node and in benchmarks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('core boundary', () => {
  const root = path.resolve(__dirname, '../../../src/core');
  const vscodeImport = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

  it('has source files to check', () => {
    assert.ok(tsFiles(root).length > 0, `no .ts files under ${root}`);
  });

  it('no file under src/core imports vscode', () => {
    const offenders = tsFiles(root).filter((f) => vscodeImport.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
  });

  it('the check itself catches an import', () => {
    assert.ok(vscodeImport.test(`import * as vscode from 'vscode';`));
    assert.ok(vscodeImport.test(`const v = require("vscode");`));
    assert.ok(!vscodeImport.test(`import { x } from './vscode-like';`));
  });
});
