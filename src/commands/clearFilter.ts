// ocp.clearFilter: removes the explorer's filter.
import type { Services } from '../services';
import type { CommandModule } from './run';

export const clearFilter: CommandModule = {
  id: 'ocp.clearFilter',
  run(s: Services) {
    s.explorer.setFilter({});
  },
};
