// The one typed settings reader. Every `ocp.*` setting is declared once below (type, default, bounds and
// scope, kept equal to package.json by a unit test) and read only through Settings.get. Each value is
// checked: a number must be finite and is clamped to its bounds, a boolean must be a boolean, an enum a
// member; anything else is the default, and the invalid value is logged once. Application-scoped settings
// are read from the user's (global) value only, so a workspace cannot weaken them. One change event.
import * as vscode from 'vscode';

type Scope = 'application' | 'window';

interface NumberSpec { type: 'number'; default: number; minimum: number; maximum: number; scope: Scope }
interface BooleanSpec { type: 'boolean'; default: boolean; scope: Scope }
interface EnumSpec<T extends string> { type: 'enum'; values: readonly T[]; default: T; scope: Scope; strictest?: readonly T[] }
interface ArraySpec { type: 'array'; default: unknown[]; scope: Scope }

type Spec = NumberSpec | BooleanSpec | EnumSpec<string> | ArraySpec;

const number = (d: number, minimum: number, maximum: number, scope: Scope = 'window'): NumberSpec => ({ type: 'number', default: d, minimum, maximum, scope });

/** Every setting of the extension (without the "ocp." prefix). */
export const SETTING_SPECS = {
  connections: { type: 'array', default: [], scope: 'application' } as ArraySpec,
  requestTimeoutSeconds: number(30, 1, 600, 'application'),
  'explorer.autoRefreshSeconds': number(30, 0, 86_400),
  'tasks.fastPollMilliseconds': number(1000, 250, 60_000, 'application'),
  'tasks.slowPollMilliseconds': number(15_000, 1000, 600_000, 'application'),
  'tasks.maxBackoffMilliseconds': number(60_000, 1000, 3_600_000, 'application'),
  'tasks.failedPollMinutes': number(30, 0, 1440, 'application'),
  'tasks.recentCount': number(20, 1, 200),
  // The stricter value wins over every scope: a workspace can ask for more care than the user, never less.
  confirmDestructive: { type: 'enum', values: ['modal', 'typeName'], default: 'modal', scope: 'window', strictest: ['typeName', 'modal'] } as EnumSpec<'modal' | 'typeName'>,
} satisfies Record<string, Spec>;

export type SettingKey = keyof typeof SETTING_SPECS;
type ValueOf<S> = S extends NumberSpec ? number : S extends BooleanSpec ? boolean : S extends EnumSpec<infer T> ? T : S extends ArraySpec ? unknown[] : never;
export type SettingValue<K extends SettingKey> = ValueOf<(typeof SETTING_SPECS)[K]>;

/** What VS Code's WorkspaceConfiguration.inspect returns (tests give their own). */
export interface Inspected {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface SettingsSource {
  inspect(key: string): Inspected | undefined;
  /** Writes the user's (global) value. */
  update(key: string, value: unknown): Thenable<void>;
  onDidChange(listener: (affects: (fullKey: string) => boolean) => void): vscode.Disposable;
}

export const vscodeSettingsSource: SettingsSource = {
  inspect: (key) => vscode.workspace.getConfiguration('ocp').inspect(key),
  update: (key, value) => vscode.workspace.getConfiguration('ocp').update(key, value, vscode.ConfigurationTarget.Global),
  onDidChange: (listener) => vscode.workspace.onDidChangeConfiguration((e) => listener((k) => e.affectsConfiguration(k))),
};

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Checks one raw value against its spec (pure). */
export function checkSetting(spec: Spec, raw: unknown): Checked<unknown> {
  switch (spec.type) {
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { ok: false, reason: `${describe(raw)} is not a finite number` };
      return { ok: true, value: Math.min(spec.maximum, Math.max(spec.minimum, raw)) };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, reason: `${describe(raw)} is not true or false` };
    case 'enum':
      return typeof raw === 'string' && spec.values.includes(raw) ? { ok: true, value: raw } : { ok: false, reason: `${describe(raw)} is not one of ${spec.values.join(', ')}` };
    case 'array':
      return Array.isArray(raw) ? { ok: true, value: raw } : { ok: false, reason: `${describe(raw)} is not a list` };
  }
}

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 60)}…` : s;
  } catch {
    return typeof v;
  }
}

export interface SettingsChange {
  affects(key: SettingKey): boolean;
}

export class Settings implements vscode.Disposable {
  private readonly logged = new Set<string>();
  private readonly changed = new vscode.EventEmitter<SettingsChange>();
  /** Fires once per configuration change that touches any ocp.* setting. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly source: SettingsSource = vscodeSettingsSource, private readonly warn: (line: string) => void = () => undefined) {
    this.subscription = source.onDidChange((affects) => {
      if (!affects('ocp')) return;
      this.changed.fire({ affects: (key) => affects(`ocp.${key}`) });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Sets the user's (global) value of a setting. */
  async update<K extends SettingKey>(key: K, value: SettingValue<K> | undefined): Promise<void> {
    await this.source.update(key, value);
  }

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const spec: Spec = SETTING_SPECS[key];
    const i = this.source.inspect(key) ?? {};
    if (spec.type === 'enum' && spec.strictest) {
      // Every scope's valid value counts; the first of `strictest` present wins.
      const present = [i.globalValue, i.workspaceValue, i.workspaceFolderValue].filter((v) => v !== undefined);
      const valid = present.filter((v) => this.accept(key, spec, v) !== undefined);
      for (const v of spec.strictest) if (valid.includes(v)) return v as SettingValue<K>;
      return spec.default as SettingValue<K>;
    }
    const raw = spec.scope === 'application' ? i.globalValue : i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue;
    if (raw === undefined) return spec.default as SettingValue<K>;
    const v = this.accept(key, spec, raw);
    return (v === undefined ? spec.default : v) as SettingValue<K>;
  }

  private accept(key: string, spec: Spec, raw: unknown): unknown {
    const c = checkSetting(spec, raw);
    if (c.ok) return c.value;
    const line = `setting ocp.${key}: ${c.reason}; using ${describe(spec.default)}`;
    if (!this.logged.has(line)) {
      this.logged.add(line);
      this.warn(line);
    }
    return undefined;
  }
}
