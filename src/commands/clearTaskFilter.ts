// ocp.clearTaskFilter: removes the Tasks view's filter (every task of every connection, read again from OCP).
import type { Services } from '../services';
import type { CommandModule } from './run';

export const clearTaskFilter: CommandModule = {
  id: 'ocp.clearTaskFilter',
  run(s: Services) {
    s.tasks.setFilter(undefined);
  },
};
