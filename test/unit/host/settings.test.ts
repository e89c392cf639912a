// The typed settings reader: every value checked against the spec (kept equal to package.json), invalid
// ones fall back to the default and are logged once, application-scoped settings read only the user value.
import { configuration, EventEmitter } from './vscode-stub';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSetting, SETTING_SPECS, Settings, type Inspected, type SettingsSource } from '../../../src/settings';

function source(values: Record<string, Inspected>): SettingsSource & { fire(keys: string[]): void } {
  const changed = new EventEmitter<(k: string) => boolean>();
  return {
    inspect: (k) => values[k],
    update: async (k, v) => { values[k] = { ...values[k], globalValue: v }; },
    onDidChange: (l) => changed.event(l),
    fire: (keys) => changed.fire((k) => keys.some((x) => x === k || x.startsWith(`${k}.`))),
  };
}

describe('settings reader', () => {
  const ROOT = path.resolve(__dirname, '../../../..');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;

  it('declares exactly the settings of package.json, with the same default, bounds, enum and scope', () => {
    assert.deepEqual(Object.keys(SETTING_SPECS).map((k) => `ocp.${k}`).sort(), Object.keys(props).sort());
    for (const [key, spec] of Object.entries(SETTING_SPECS)) {
      const p = props[`ocp.${key}`];
      assert.deepEqual(spec.default, p.default, `${key} default`);
      assert.equal(spec.scope, p.scope ?? 'window', `${key} scope`);
      if (spec.type === 'number') {
        assert.equal(p.type, 'number');
        assert.equal(spec.minimum, p.minimum, `${key} minimum`);
        assert.equal(spec.maximum, p.maximum, `${key} maximum`);
      }
      if (spec.type === 'enum') assert.deepEqual([...spec.values], p.enum, `${key} enum`);
    }
  });

  it('scopes the polling settings to the application (a workspace cannot weaken them)', () => {
    for (const k of ['ocp.tasks.fastPollMilliseconds', 'ocp.tasks.slowPollMilliseconds', 'ocp.tasks.maxBackoffMilliseconds', 'ocp.requestTimeoutSeconds', 'ocp.connections']) {
      assert.equal(props[k].scope, 'application', k);
    }
  });

  it('clamps finite numbers to the bounds and refuses strings, NaN, Infinity and other types', () => {
    const spec = SETTING_SPECS['tasks.fastPollMilliseconds'];
    assert.deepEqual(checkSetting(spec, 500), { ok: true, value: 500 });
    assert.deepEqual(checkSetting(spec, 10), { ok: true, value: 250 });
    assert.deepEqual(checkSetting(spec, -5), { ok: true, value: 250 });
    assert.deepEqual(checkSetting(spec, 1e12), { ok: true, value: 60_000 });
    for (const bad of ['fast', '1000', NaN, Infinity, -Infinity, null, true, [], {}]) {
      assert.equal(checkSetting(spec, bad).ok, false, String(bad));
    }
  });

  it('accepts booleans only when boolean and enum values only when a member', () => {
    const b = { type: 'boolean' as const, default: false, scope: 'window' as const };
    assert.deepEqual(checkSetting(b, true), { ok: true, value: true });
    assert.equal(checkSetting(b, 'false').ok, false);
    assert.equal(checkSetting(b, 0).ok, false);
    const e = SETTING_SPECS.confirmDestructive;
    assert.deepEqual(checkSetting(e, 'typeName'), { ok: true, value: 'typeName' });
    assert.equal(checkSetting(e, 'TYPENAME').ok, false);
    assert.equal(checkSetting(e, 1).ok, false);
  });

  it('falls back to the default for an invalid value and logs it once', () => {
    const logged: string[] = [];
    const s = new Settings(source({ 'tasks.fastPollMilliseconds': { globalValue: 'fast' }, 'tasks.recentCount': { globalValue: Infinity } }), (l) => logged.push(l));
    for (let i = 0; i < 3; i++) {
      assert.equal(s.get('tasks.fastPollMilliseconds'), 1000);
      assert.equal(s.get('tasks.recentCount'), 20);
    }
    assert.equal(logged.length, 2, logged.join('\n'));
    assert.match(logged[0], /ocp\.tasks\.fastPollMilliseconds: "fast" is not a finite number; using 1000/);
    assert.match(logged[1], /ocp\.tasks\.recentCount: Infinity is not a finite number; using 20/);
  });

  it('reads application-scoped settings from the user value only', () => {
    const s = new Settings(source({
      'tasks.fastPollMilliseconds': { globalValue: 2000, workspaceValue: 250, workspaceFolderValue: 250 },
      requestTimeoutSeconds: { workspaceValue: 600 },
      'tasks.recentCount': { globalValue: 50, workspaceValue: 7 },
    }));
    assert.equal(s.get('tasks.fastPollMilliseconds'), 2000);
    assert.equal(s.get('requestTimeoutSeconds'), 30);
    assert.equal(s.get('tasks.recentCount'), 7, 'a window-scoped setting takes the workspace value');
  });

  it('keeps the strictest confirmation over every scope', () => {
    assert.equal(new Settings(source({ confirmDestructive: { globalValue: 'typeName', workspaceValue: 'modal' } })).get('confirmDestructive'), 'typeName');
    assert.equal(new Settings(source({ confirmDestructive: { globalValue: 'modal', workspaceValue: 'typeName' } })).get('confirmDestructive'), 'typeName');
    assert.equal(new Settings(source({ confirmDestructive: { globalValue: 'nonsense' } })).get('confirmDestructive'), 'modal');
    assert.equal(new Settings(source({})).get('confirmDestructive'), 'modal');
  });

  it('fires one change event per configuration change touching ocp.*, naming what changed', () => {
    const src = source({});
    const s = new Settings(src);
    const seen: boolean[] = [];
    s.onDidChange((e) => seen.push(e.affects('tasks.fastPollMilliseconds')));
    src.fire(['ocp.tasks.fastPollMilliseconds']);
    src.fire(['editor.fontSize']);
    src.fire(['ocp.explorer.autoRefreshSeconds']);
    assert.deepEqual(seen, [true, false]);
  });

  it('reads VS Code\'s configuration by default (the stub stands in for it)', () => {
    configuration.values.set('explorer.autoRefreshSeconds', { globalValue: -3 });
    assert.equal(new Settings().get('explorer.autoRefreshSeconds'), 0);
    configuration.values.clear();
  });
});
