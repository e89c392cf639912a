// Prompter: the questions a wizard asks (pick one, pick many, type a value, confirm), with a Back button
// and a step counter. The real one uses QuickPick/InputBox; tests install a scripted one through the
// extension's API. Wizards are written once against this interface, so UI and tests share one path.
import * as vscode from 'vscode';
import { UserCancelled } from '../errors';

export const BACK: unique symbol = Symbol.for('ocp.wizard.back');
export type Back = typeof BACK;

export type Validator = (value: string) => string | undefined | Promise<string | undefined>;

export interface StepInfo {
  title: string;
  step?: number;
  totalSteps?: number;
}

export interface InputOptions extends StepInfo {
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  validate?: Validator;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  picked?: boolean;
}

export interface PickOptions<T> extends StepInfo {
  placeholder?: string;
  items: PickItem<T>[];
  /** pickMany only: OK or Enter with nothing selected answers an empty list (e.g. "none: any status"). */
  allowEmpty?: boolean;
  /** Buttons shown on the title bar of the pick, e.g. "Copy as curl"; choosing one resolves with its value. */
  extraButtons?: { label: string; icon: string; value: T }[];
}

export interface ConfirmOptions {
  message: string;
  detail?: string;
  confirmLabel: string;
  /** When set, the user must type this text (a cluster or tenant name) to confirm. */
  typeToConfirm?: string;
}

export interface Prompter {
  input(o: InputOptions): Promise<string | Back>;
  pick<T>(o: PickOptions<T>): Promise<T | Back>;
  pickMany<T>(o: PickOptions<T>): Promise<T[] | Back>;
  confirm(o: ConfirmOptions): Promise<boolean>;
}

function title(o: StepInfo): string {
  return o.title;
}

/** Prompter backed by VS Code's QuickPick and InputBox, with Back on every step after the first. */
export class VsCodePrompter implements Prompter {
  input(o: InputOptions): Promise<string | Back> {
    return new Promise((resolve, reject) => {
      const box = vscode.window.createInputBox();
      box.title = title(o);
      box.step = o.step;
      box.totalSteps = o.totalSteps;
      box.prompt = o.prompt;
      box.placeholder = o.placeholder;
      box.value = o.value ?? '';
      box.password = !!o.password;
      box.ignoreFocusOut = true;
      if ((o.step ?? 1) > 1) box.buttons = [vscode.QuickInputButtons.Back];
      let done = false;
      let validation = 0;
      const validate = async (v: string): Promise<string | undefined> => {
        const n = ++validation;
        const msg = o.validate ? await o.validate(v) : undefined;
        if (n === validation) box.validationMessage = msg;
        return msg;
      };
      const finish = (fn: () => void) => { done = true; fn(); box.dispose(); };
      box.onDidChangeValue((v) => void validate(v));
      box.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish(() => resolve(BACK)); });
      box.onDidAccept(async () => {
        box.busy = true;
        const msg = await validate(box.value);
        box.busy = false;
        if (!msg) finish(() => resolve(box.value));
      });
      box.onDidHide(() => { if (!done) { done = true; reject(new UserCancelled()); box.dispose(); } });
      if (o.value) void validate(o.value);
      box.show();
    });
  }

  pick<T>(o: PickOptions<T>): Promise<T | Back> {
    return this.quickPick(o, false) as Promise<T | Back>;
  }

  pickMany<T>(o: PickOptions<T>): Promise<T[] | Back> {
    return this.quickPick(o, true) as Promise<T[] | Back>;
  }

  private quickPick<T>(o: PickOptions<T>, many: boolean): Promise<T | T[] | Back> {
    return new Promise((resolve, reject) => {
      type Item = vscode.QuickPickItem & { value: T };
      const qp = vscode.window.createQuickPick<Item>();
      qp.title = title(o);
      qp.step = o.step;
      qp.totalSteps = o.totalSteps;
      qp.placeholder = o.placeholder;
      qp.canSelectMany = many;
      qp.ignoreFocusOut = true;
      qp.matchOnDescription = true;
      qp.matchOnDetail = true;
      const items: Item[] = o.items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, value: i.value }));
      qp.items = items;
      if (many) qp.selectedItems = items.filter((_, k) => o.items[k].picked);
      const extra = (o.extraButtons ?? []).map((b) => ({ iconPath: new vscode.ThemeIcon(b.icon), tooltip: b.label, value: b.value }));
      qp.buttons = [...((o.step ?? 1) > 1 ? [vscode.QuickInputButtons.Back] : []), ...extra];
      let done = false;
      const finish = (fn: () => void) => { done = true; fn(); qp.dispose(); };
      qp.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) return finish(() => resolve(BACK));
        const e = extra.find((x) => x === b);
        if (e) finish(() => resolve(many ? [e.value] : e.value));
      });
      qp.onDidAccept(() => {
        if (many) {
          if (qp.selectedItems.length === 0 && !o.allowEmpty) return;
          finish(() => resolve(qp.selectedItems.map((i) => i.value)));
        } else if (qp.selectedItems[0]) {
          const v = qp.selectedItems[0].value;
          finish(() => resolve(v));
        }
      });
      qp.onDidHide(() => { if (!done) { done = true; reject(new UserCancelled()); qp.dispose(); } });
      qp.show();
    });
  }

  async confirm(o: ConfirmOptions): Promise<boolean> {
    if (o.typeToConfirm !== undefined) {
      const expected = o.typeToConfirm;
      const typed = await vscode.window.showInputBox({
        title: o.message,
        prompt: `${o.detail ? o.detail + ' ' : ''}${vscode.l10n.t('Type "{0}" to confirm.', expected)}`,
        ignoreFocusOut: true,
        validateInput: (v) => (v === expected ? undefined : vscode.l10n.t('Type "{0}" exactly.', expected)),
      });
      return typed === expected;
    }
    const pick = await vscode.window.showWarningMessage(o.message, { modal: true, detail: o.detail }, o.confirmLabel);
    return pick === o.confirmLabel;
  }
}
