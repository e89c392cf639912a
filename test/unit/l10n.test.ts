// Every user-facing string goes through l10n, and the English and Chinese bundles hold the same keys.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { englishBundle, readBundle, ROOT, scan } from '../../tools/l10n';

const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort();

describe('localization', () => {
  const s = scan();

  it('finds the messages of the extension host', () => {
    assert.ok(s.messages.size > 100, `only ${s.messages.size} messages found`);
    assert.ok(s.messages.has('Open Task'));
  });

  it('passes no bare text to notifications, prompts, pick items or tree labels', () => {
    assert.deepEqual(s.bareText.map((f) => `${f.file}:${f.line} ${f.text}`), []);
    assert.deepEqual(s.nonLiteral.map((f) => `${f.file}:${f.line} ${f.text}`), []);
  });

  it('catches a bare string and a computed message (the check itself works)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.ts'), [
        "import * as vscode from 'vscode';",
        "void vscode.window.showErrorMessage('Something broke');",
        "const item = new vscode.TreeItem('Cluster list');",
        "const q = { title: 'Create Cluster', placeholder: 'PRIMARY' };",
        'const m = vscode.l10n.t(item.id ?? q.title);',
      ].join('\n'));
      const bad = scan(dir);
      assert.deepEqual(bad.bareText.map((f) => f.text).sort(), ['Cluster list', 'Create Cluster', 'Something broke']);
      assert.equal(bad.nonLiteral.length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ships an English bundle that matches the source (run `npm run l10n` after changing strings)', () => {
    assert.deepEqual(readBundle(), englishBundle(s.messages));
  });

  it('has a Chinese translation for every message, and no stale one', () => {
    const en = readBundle();
    const zh = readBundle('zh-cn');
    assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'stale keys in the Chinese bundle');
    assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'untranslated keys');
    for (const [k, v] of Object.entries(zh)) {
      assert.ok(v.trim(), `empty translation for "${k}"`);
      assert.deepEqual(placeholders(v), placeholders(k), `placeholders differ for "${k}"`);
    }
  });

  it('translates every package.json string', () => {
    const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
    const zh = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8'));
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(nls).sort());
    const pkg = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    for (const m of pkg.matchAll(/"%([^"%]+)%"/g)) assert.ok(m[1] in nls, `package.json uses %${m[1]}% but package.nls.json lacks it`);
  });
});
