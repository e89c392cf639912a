// The ocp-log language (package.json languages + grammars, syntaxes/ocp-log.tmLanguage.json): declared, shipped, every
// rule a valid expression, and the simulator's log lines highlighted by level and timestamp.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const grammarPath = path.join(root, 'syntaxes', 'ocp-log.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));

interface Rule { match?: string; name?: string; patterns?: Rule[]; include?: string }
/** Every rule with a `match`, by repository key. */
function rules(): { key: string; re: RegExp; name: string }[] {
  const out: { key: string; re: RegExp; name: string }[] = [];
  const walk = (key: string, r: Rule) => {
    if (r.match) out.push({ key, re: new RegExp(r.match, 'g'), name: r.name ?? '' });
    for (const p of r.patterns ?? []) walk(key, p);
  };
  for (const [k, r] of Object.entries(grammar.repository as Record<string, Rule>)) walk(k, r);
  return out;
}
/** The repository key of the first top-level rule matching at `text`'s index of `word`. */
function scopeOf(line: string, word: string): string | undefined {
  const at = line.indexOf(word);
  for (const inc of grammar.patterns as Rule[]) {
    const key = inc.include!.slice(1);
    for (const r of rules().filter((x) => x.key === key)) {
      for (const m of line.matchAll(r.re)) if (m.index! <= at && at < m.index! + m[0].length) return r.name;
    }
  }
  return undefined;
}

describe('log editor: the ocp-log language', () => {
  it('is declared with its grammar, which is shipped', () => {
    assert.ok(pkg.contributes.languages.some((l: { id: string }) => l.id === 'ocp-log'));
    const g = pkg.contributes.grammars.find((x: { language: string }) => x.language === 'ocp-log');
    assert.equal(g.scopeName, grammar.scopeName);
    assert.ok(fs.existsSync(path.join(root, g.path)));
    const conf = pkg.contributes.languages.find((l: { id: string }) => l.id === 'ocp-log').configuration;
    assert.ok(fs.existsSync(path.join(root, conf)));
    assert.match(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8'), /^!syntaxes\/\*\*$/m, 'the grammar is packaged');
  });

  it('has only valid rules, each named', () => {
    const all = rules();
    assert.ok(all.length >= 8);
    for (const r of all) assert.ok(r.name.endsWith('.ocp-log'), `${r.key}: ${r.name}`);
    for (const inc of grammar.patterns as Rule[]) assert.ok(grammar.repository[inc.include!.slice(1)], inc.include);
  });

  it('highlights levels and timestamps of the simulator\'s log lines', () => {
    const info = '2026-12-01 10:42:17.123 INFO  [task-executor-3] SubtaskExecutor: Start subtask 12 Install OBServer, runTime=1';
    const warn = '2026-12-01 10:42:18.000 WARN  [task-executor-3] SubtaskExecutor: Subtask skipped by user';
    const error = '2026-12-01T10:42:19.5+08:00 ERROR [task-executor-3] SubtaskExecutor: Execute failed';
    assert.match(scopeOf(info, '2026-12-01 10:42:17.123')!, /^constant\.numeric\.date\.timestamp/);
    assert.match(scopeOf(info, 'INFO')!, /level\.info/);
    assert.match(scopeOf(warn, 'WARN')!, /level\.warning/);
    assert.match(scopeOf(error, 'ERROR')!, /level\.error/);
    assert.match(scopeOf(error, '2026-12-01T10:42:19.5+08:00')!, /timestamp/);
    assert.match(scopeOf(info, '[task-executor-3]')!, /thread/);
    assert.match(scopeOf('[OCP Explorer] This log is longer than 16 characters', 'longer')!, /comment/);
    assert.equal(scopeOf(info, 'Install'), undefined, 'plain words stay plain');
  });
});
