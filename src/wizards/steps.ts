// Wizards as step objects that count themselves. A step says whether it shows for the answers so far (a
// step whose answer a script gave, or that does not apply, does not show), and asks its question(s) with
// the step number and total computed from the steps that show: given answers shrink the counter. Back
// returns to the previous step that was shown; the first shown step is number 1 and has no Back button.
import { BACK, type Back } from './prompter';

export interface StepView {
  title: string;
  step: number;
  totalSteps: number;
}

export interface WizardStep<A> {
  /** Whether the step shows for the answers so far. */
  shows(a: A): boolean;
  /** Asks (every question of the step uses the same number); BACK to return to the previous shown step. */
  ask(view: StepView, a: A): Promise<void | Back>;
}

/** The number and total a step shows with, for the answers so far. */
export function counter<A>(steps: readonly WizardStep<A>[], index: number, a: A): { step: number; totalSteps: number } {
  let step = 0;
  let total = 0;
  steps.forEach((s, i) => {
    if (i !== index && !s.shows(a)) return;
    total++;
    if (i <= index) step++;
  });
  return { step, totalSteps: total };
}

export async function runWizard<A>(title: string, steps: readonly WizardStep<A>[], a: A): Promise<void> {
  const shown: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const s = steps[i];
    if (!s.shows(a)) {
      i++;
      continue;
    }
    const r = await s.ask({ title, ...counter(steps, i, a) }, a);
    if (r === BACK) {
      // Back to the previous step shown; on the first one (a script's Back), ask it again.
      const prev = shown.pop();
      if (prev !== undefined) i = prev;
      continue;
    }
    shown.push(i);
    i++;
  }
}
