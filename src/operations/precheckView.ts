// Shows a precheck report as a pick: each check with its verdict, then what can be done next.
import * as vscode from 'vscode';
import type { PrecheckReport } from '../core/ocp/precheck';
import type { Back, Prompter } from '../wizards/prompter';

export type PrecheckChoice = 'proceed' | 'override' | 'back';

export async function showPrecheck(p: Prompter, title: string, report: PrecheckReport, proceedLabel: string): Promise<PrecheckChoice | Back> {
  const rows = report.items.length
    ? report.items.map((i) => ({ label: `${i.passed ? '$(pass)' : '$(error)'} ${i.name}`, description: i.message, value: 'noop' as const }))
    : [{ label: '$(info) ' + vscode.l10n.t('OCP returned no individual checks'), value: 'noop' as const }];
  const facts = report.facts.slice(0, 12).map(([k, v]) => ({ label: `$(symbol-field) ${k}`, description: v, value: 'noop' as const }));
  const actions = report.passed
    ? [{ label: `$(check) ${proceedLabel}`, description: vscode.l10n.t('the precheck passed'), value: 'proceed' as const }]
    : [
      { label: `$(arrow-left) ${vscode.l10n.t('Back: change the answers')}`, value: 'back' as const },
      { label: `$(warning) ${vscode.l10n.t('{0} anyway…', proceedLabel)}`, description: vscode.l10n.t('ignores the failed checks'), value: 'override' as const },
    ];
  for (;;) {
    const v = await p.pick<PrecheckChoice | 'noop'>({
      title: `${title}: ${report.passed ? vscode.l10n.t('precheck passed') : vscode.l10n.t('precheck failed')}`,
      placeholder: report.passed ? vscode.l10n.t('All checks passed.') : vscode.l10n.t('{0} of {1} checks failed.', report.items.filter((i) => !i.passed).length, report.items.length),
      items: [...actions, ...rows, ...facts],
    });
    if (v !== 'noop') return v;
  }
}
