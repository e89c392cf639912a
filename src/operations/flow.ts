// The steps every operation shares, written once: the wizard loop that keeps the answers already given and
// reopens at the fields OCP rejected (a 400 naming fields), and the precheck gate with its override.
// Each operation command is then: resolve target → wizardLoop(wizard, precheck gate, confirmation,
// runOperation) — see operations/run.ts for the one POST, the tracking and the busy marker.
import * as vscode from 'vscode';
import type { PrecheckReport } from '../core/ocp/precheck';
import { fieldErrors, isFieldRejection, UserCancelled } from '../errors';
import { BACK, type Prompter } from '../wizards/prompter';
import { showPrecheck } from './precheckView';

/** Returned by `send` to ask the wizard again with the answers it gave filled in (Back from the precheck). */
export const ASK_AGAIN: unique symbol = Symbol('askAgain');

export interface WizardLoop<A, B extends A, R> {
  interactive: boolean;
  /** Answers given by a script (never asked again unless OCP rejected them). */
  given: A;
  /** Runs the wizard: `answers` are not asked again, `serverErrors` name the fields OCP rejected, `prefill` fills the questions in. */
  ask(answers: A, serverErrors: Map<string, string> | undefined, prefill: A | undefined): Promise<B>;
  send(body: B): Promise<R | typeof ASK_AGAIN>;
  /** How OCP's field names map to the wizard's ("zones[0].servers" → "zones"); identity by default. */
  fields?(errors: Map<string, string>): Map<string, string>;
}

export async function wizardLoop<A, B extends A, R>(o: WizardLoop<A, B, R>): Promise<R> {
  let answers: A = o.given;
  let serverErrors: Map<string, string> | undefined;
  let prefill: A | undefined;
  for (;;) {
    const body = await o.ask(answers, serverErrors, prefill);
    try {
      const r = await o.send(body);
      if (r !== ASK_AGAIN) return r;
      answers = o.given;
      serverErrors = undefined;
      prefill = body;
    } catch (e) {
      if (!o.interactive || !isFieldRejection(e)) throw e;
      // Keep every answer; ask again only what OCP named, with its words at that field.
      void vscode.window.showErrorMessage(e.describe());
      const f = fieldErrors(e);
      serverErrors = o.fields ? o.fields(f) : f;
      answers = body;
      prefill = undefined;
    }
  }
}

export interface PrecheckGate {
  interactive: boolean;
  /** A script's explicit override of a failed precheck. */
  override?: boolean;
  title: string;
  /** "Take Over", "Switchover". */
  proceedLabel: string;
  /** "Take over 10.0.0.1:2881 although the precheck failed?" */
  overrideQuestion: string;
  overrideDetail: string;
  /** The error of a script whose precheck failed, given the failed checks in words. */
  failed(checks: string): string;
}

/**
 * The precheck gate, the same for every operation that has one: a script goes on only when it passed or was
 * overridden; a person sees the report and goes on (passed), goes back, or overrides after a confirmation.
 */
export async function precheckGate(p: Prompter, report: PrecheckReport, g: PrecheckGate): Promise<'proceed' | 'back'> {
  if (!g.interactive) {
    if (!report.passed && !g.override) {
      throw new Error(g.failed(report.items.filter((i) => !i.passed).map((i) => `${i.name}${i.message ? ` (${i.message})` : ''}`).join('; ')));
    }
    return 'proceed';
  }
  const choice = await showPrecheck(p, g.title, report, g.proceedLabel);
  if (choice === BACK || choice === 'back') return 'back';
  if (choice === 'override') {
    const ok = await p.confirm({ message: g.overrideQuestion, detail: g.overrideDetail, confirmLabel: vscode.l10n.t('{0} Anyway', g.proceedLabel) });
    if (!ok) throw new UserCancelled();
  }
  return 'proceed';
}
