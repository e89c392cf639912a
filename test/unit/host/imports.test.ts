// The house's floors, checked on the import statements of every .ts file under src/: no import cycle
// anywhere (type-only imports count too), and no arrow running up the floors. Floors, bottom to top:
//   core → errors, settings, ids → connections → inventory → views, wizards, tasks, logs → panel, operations
//   → services → commands → extension, testApi.   (webview-ui is its own bundle: cycles only.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../../../../src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative imports of one source text, resolved to files under src (module ids relative to src, no extension). */
export function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec?.startsWith('.')) continue;
    const abs = path.resolve(path.dirname(file), spec);
    const candidates = [`${abs}.ts`, path.join(abs, 'index.ts')];
    const hit = candidates.find((c) => fs.existsSync(c));
    if (hit) out.push(moduleId(hit));
  }
  return out;
}

function moduleId(file: string): string {
  return path.relative(SRC, file).replace(/\\/g, '/').replace(/\.ts$/, '');
}

export function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of tsFiles(SRC)) g.set(moduleId(f), importsOf(f, fs.readFileSync(f, 'utf8')));
  return g;
}

/** Every cycle found by a depth-first search, each as the list of modules around it. */
export function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      if (state.get(d) === 'open') found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...g.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

/** The floor of a module; undefined for webview-ui (its own bundle). */
export function floor(id: string): number | undefined {
  const top = id.split('/')[0];
  switch (top) {
    case 'core': return 0;
    case 'errors': case 'settings': case 'ids': return 1;
    case 'connections': return 2;
    case 'inventory': return 3;
    case 'views': case 'wizards': case 'tasks': case 'logs': return 4;
    case 'panel': case 'operations': return 5;
    case 'services': return 6;
    case 'commands': return 7;
    case 'extension': case 'testApi': return 8;
    default: return undefined;
  }
}

export function upwardArrows(g: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, deps] of g) {
    const f = floor(from);
    if (f === undefined) continue;
    for (const d of deps) {
      const t = floor(d);
      if (t !== undefined && t > f) out.push(`${from} → ${d}`);
    }
  }
  return out.sort();
}

describe('import graph of src/', () => {
  const g = graph();

  it('reads the imports of every source file', () => {
    assert.ok(g.size > 50, `only ${g.size} modules`);
    assert.ok(g.get('extension')?.includes('services'), 'extension.ts imports services.ts');
  });

  it('has no import cycle', () => {
    assert.deepEqual(cycles(g).map((c) => c.join(' → ')), []);
  });

  it('has no arrow running up the floors (views/wizards/connections never import commands/panel/operations)', () => {
    assert.deepEqual(upwardArrows(g), []);
  });

  it('places every host module on a floor', () => {
    const unplaced = [...g.keys()].filter((id) => floor(id) === undefined && !id.startsWith('webview-ui/'));
    assert.deepEqual(unplaced, []);
  });

  it('the checks themselves catch a cycle and an upward arrow', () => {
    const bad = new Map([['views/a', ['commands/b']], ['commands/b', ['views/a']], ['core/x', []]]);
    assert.deepEqual(cycles(bad).map((c) => c.join(' → ')), ['commands/b → views/a → commands/b']);
    assert.deepEqual(upwardArrows(bad), ['views/a → commands/b']);
    const file = path.join(SRC, 'commands', 'run.ts');
    assert.deepEqual(importsOf(file, "import type { X } from '../services';\nexport { y } from './targets';\nimport * as vscode from 'vscode';"), ['services', 'commands/targets']);
  });
});
