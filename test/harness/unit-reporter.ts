// Mocha reporter for the unit stage: mocha's spec output, then a plain `unit: N passed, N failed` line
// like the integration and e2e stages print.
import Mocha from 'mocha';
import { summaryLine } from './report';

class UnitReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      (Mocha.reporters.Base as any).consoleLog(summaryLine('unit', { passed: stats?.passes ?? 0, failed: stats?.failures ?? 0 }));
    });
  }
}

export = UnitReporter;
