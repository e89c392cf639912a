// ocp.showLog: shows the extension's log output.
import type { Services } from '../services';
import type { CommandModule } from './run';

export const showLog: CommandModule = {
  id: 'ocp.showLog',
  run(s: Services) {
    s.log.show();
  },
};
