// ocp.refreshTasks: reloads the Tasks view.
import type { Services } from '../services';
import type { CommandModule } from './run';

export const refreshTasks: CommandModule = {
  id: 'ocp.refreshTasks',
  run(s: Services) {
    s.tasks.refresh();
  },
};
