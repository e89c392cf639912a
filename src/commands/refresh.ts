// ocp.refresh: reloads one Explorer node (from its inline button or context menu) or, without one,
// everything. Never debounced: it always fetches.
import type { Services } from '../services';
import type { CommandModule } from './run';
import type { CommandTarget } from './targets';

export const refresh: CommandModule = {
  id: 'ocp.refresh',
  run(s: Services, t: CommandTarget) {
    if (t.from === 'explorer') {
      s.explorer.refreshNode(t.node);
    } else {
      s.explorer.refreshAll();
      s.tasks.refresh();
    }
  },
};
