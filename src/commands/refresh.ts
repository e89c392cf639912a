// ocp.refresh: reloads one node (from its inline button or context menu) or, without one, everything.
import type { Services } from '../services';
import type { CommandModule } from './run';
import { isNode } from './targets';

export const refresh: CommandModule = {
  id: 'ocp.refresh',
  run(s: Services, arg?: unknown) {
    if (isNode(arg)) {
      s.explorer.refreshNode(arg);
    } else {
      s.explorer.refreshAll();
      s.tasks.refresh();
    }
  },
};
