// A Prompter that answers from a script instead of a person, for integration tests. It records every
// question (title, step, prompt, the items offered, validation messages), runs each input's validator
// like the input box does, and returns Back when the script says so.
import type { ConfirmOptions, InputOptions, PickOptions, Prompter } from '../../src/wizards/prompter';

export const BACK = Symbol.for('ocp.wizard.back') as unknown as symbol;

/** One scripted answer: a typed value, a pick (by label fragment or by value test), Back, or a function of the question. */
export type Answer =
  | string
  | boolean
  | typeof BACK
  | { label: string }
  | { labels: string[] }
  | { value: (v: unknown) => boolean }
  | { values: (v: unknown) => boolean }
  | { cancel: true }
  /** pickMany: OK with nothing chosen (an empty list). */
  | { none: true };

export interface Asked {
  kind: 'input' | 'pick' | 'pickMany' | 'confirm';
  title: string;
  step?: number;
  totalSteps?: number;
  text: string;
  items?: string[];
  validation?: string[];
  password?: boolean;
  detail?: string;
}

function plain(label: string): string {
  return label.replace(/\$\([^)]+\)\s*/g, '').trim();
}

export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];

  constructor(private readonly answers: Answer[]) {}

  get remaining(): number {
    return this.answers.length;
  }

  private next(q: Asked): Answer {
    if (this.answers.length === 0) throw new Error(`the script has no answer for: ${q.kind} "${q.title}" ${q.text} [${q.items?.join(' | ') ?? ''}]`);
    const a = this.answers.shift()!;
    if (typeof a === 'object' && a !== null && 'cancel' in a) throw Object.assign(new Error('cancelled'), { name: 'UserCancelled', [Symbol.for('ocp.userCancelled')]: true });
    return a;
  }

  async input(o: InputOptions): Promise<string | any> {
    const q: Asked = { kind: 'input', title: o.title, step: o.step, totalSteps: o.totalSteps, text: o.prompt, password: o.password, validation: [] };
    this.asked.push(q);
    for (;;) {
      const a = this.next(q);
      if (a === BACK) return BACK;
      if (typeof a !== 'string') throw new Error(`input "${o.prompt}" needs a string answer, got ${String(a)}`);
      const msg = o.validate ? await o.validate(a) : undefined;
      if (!msg) return a;
      q.validation!.push(msg);
    }
  }

  async pick<T>(o: PickOptions<T>): Promise<T | any> {
    const q: Asked = { kind: 'pick', title: o.title, step: o.step, totalSteps: o.totalSteps, text: o.placeholder ?? '', items: o.items.map((i) => plain(i.label)) };
    this.asked.push(q);
    const a = this.next(q);
    if (a === BACK) return BACK;
    const item = o.items.find((i) => matches(a, plain(i.label), i.value));
    if (!item) throw new Error(`pick "${o.placeholder}": no item matches ${JSON.stringify(a)} among [${q.items!.join(' | ')}]`);
    return item.value;
  }

  async pickMany<T>(o: PickOptions<T>): Promise<T[] | any> {
    const q: Asked = { kind: 'pickMany', title: o.title, step: o.step, totalSteps: o.totalSteps, text: o.placeholder ?? '', items: o.items.map((i) => plain(i.label)) };
    this.asked.push(q);
    const a = this.next(q);
    if (a === BACK) return BACK;
    if (typeof a === 'object' && a !== null && 'none' in a) {
      if (!o.allowEmpty) throw new Error(`pickMany "${o.placeholder}" does not accept an empty answer`);
      return [];
    }
    const chosen = o.items.filter((i) => matches(a, plain(i.label), i.value));
    if (chosen.length === 0) throw new Error(`pickMany "${o.placeholder}": nothing matches ${JSON.stringify(a)} among [${q.items!.join(' | ')}]`);
    return chosen.map((i) => i.value);
  }

  async confirm(o: ConfirmOptions): Promise<boolean> {
    const q: Asked = { kind: 'confirm', title: o.message, text: o.confirmLabel, detail: o.detail };
    this.asked.push(q);
    const a = this.next(q);
    if (typeof a !== 'boolean') throw new Error(`confirm "${o.message}" needs true or false`);
    return a;
  }
}

function matches(a: Answer, label: string, value: unknown): boolean {
  if (typeof a === 'string') return label === a || label.includes(a);
  if (typeof a === 'boolean') return value === a;
  if (typeof a !== 'object' || a === null) return false;
  if ('label' in a) return label === a.label || label.includes(a.label);
  if ('labels' in a) return a.labels.some((l) => label === l);
  if ('value' in a) return a.value(value);
  if ('values' in a) return a.values(value);
  return false;
}
