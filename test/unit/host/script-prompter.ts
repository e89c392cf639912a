// A scripted Prompter for the wizards' unit tests: answers in order (a string for an input, a value or a
// predicate for a pick, BACK, true/false for a confirm) and records every question with its counter.
import { BACK, type ConfirmOptions, type InputOptions, type PickOptions, type Prompter } from '../../../src/wizards/prompter';

export type Answer = string | boolean | typeof BACK | { pick: (v: unknown) => boolean } | { many: unknown[] };

export interface Question { kind: 'input' | 'pick' | 'pickMany' | 'confirm'; text: string; step?: number; total?: number }

export class ScriptPrompter implements Prompter {
  readonly asked: Question[] = [];
  constructor(private readonly script: Answer[]) {}

  get remaining(): number {
    return this.script.length;
  }

  private next(q: Question): Answer {
    this.asked.push(q);
    if (!this.script.length) throw new Error(`no answer for ${q.kind} "${q.text}"`);
    return this.script.shift()!;
  }

  async input(o: InputOptions): Promise<string | typeof BACK> {
    const a = this.next({ kind: 'input', text: o.prompt, step: o.step, total: o.totalSteps });
    if (a === BACK) return BACK;
    if (typeof a !== 'string') throw new Error(`input "${o.prompt}" needs a string`);
    const msg = o.validate ? await o.validate(a) : undefined;
    if (msg) throw new Error(`input "${o.prompt}" refused ${JSON.stringify(a)}: ${msg}`);
    return a;
  }

  async pick<T>(o: PickOptions<T>): Promise<T | typeof BACK> {
    const a = this.next({ kind: 'pick', text: o.placeholder ?? o.title, step: o.step, total: o.totalSteps });
    if (a === BACK) return BACK;
    const item = o.items.find((i) => (typeof a === 'object' && 'pick' in a ? a.pick(i.value) : i.value === a));
    if (!item) throw new Error(`pick "${o.placeholder}": nothing matches ${String(a)}`);
    return item.value;
  }

  async pickMany<T>(o: PickOptions<T>): Promise<T[] | typeof BACK> {
    const a = this.next({ kind: 'pickMany', text: o.placeholder ?? o.title, step: o.step, total: o.totalSteps });
    if (a === BACK) return BACK;
    if (typeof a !== 'object' || !('many' in a)) throw new Error('pickMany needs { many }');
    return o.items.filter((i) => a.many.includes(i.value)).map((i) => i.value);
  }

  async confirm(o: ConfirmOptions): Promise<boolean> {
    const a = this.next({ kind: 'confirm', text: o.message });
    if (typeof a !== 'boolean') throw new Error(`confirm "${o.message}" needs true or false`);
    return a;
  }
}

export { BACK };
