// The Tasks view's data path with 10,000 tasks on the server (issue #19): what src/views/tasks.ts does on a refresh
// (one queryTasks of the first page, firstTaskPage) and on each "Load more…" (one queryTasks of the next page,
// appendTaskPageTo), against the simulator on loopback. Baseline: a view that reads the whole task list (pages of
// OCP's largest size, 2,000) before it shows a row.
import { appendTaskPageTo, firstTaskPage } from '../../src/core/model/taskCenter';
import { normalizeTask } from '../../src/core/model/task';
import { OcpClient } from '../../src/core/ocp/client';
import { queryTasks } from '../../src/core/ocp/daytoday';
import { DEFAULT_USERS, startSimulator } from '../../test/ocp-sim/api';
import { onCleanup } from '../../test/harness/processes';
import type { Row } from '../lib/report';
import { repeat } from '../lib/stats';

export const TASKS_ON_SERVER = 10_000;
/** The default of ocp.tasks.recentCount: one page of the view. */
const PAGE = 20;
const LOAD_MORE_PAGES = 20;

export async function tasksRows(runs: number, log: (s: string) => void): Promise<Row[]> {
  const sim = await startSimulator({ clockSpeed: 0, scenario: { inventory: 'empty', generate: { clusters: 3, tenantsPerCluster: 2 } } as never });
  onCleanup(() => sim.close());
  const { username, password } = DEFAULT_USERS[0];
  const client = new OcpClient({ url: sim.url, auth: { kind: 'basic', username, password } });
  try {
    for (let i = sim.state.tasks.size; i < TASKS_ON_SERVER; i++) sim.createSyntheticTask({ subtasks: 1, status: i % 7 === 0 ? 'FAILED' : 'SUCCESSFUL', name: `History ${i}` });
    const ours = await repeat(async () => {
      const t0 = performance.now();
      const state = firstTaskPage(await queryTasks(client, {}, { page: 1, size: PAGE }));
      const firstMs = performance.now() - t0;
      if (state.tasks.length !== PAGE || state.nextPage !== 2) throw new Error(`first page: ${state.tasks.length} tasks, next ${state.nextPage}`);
      // "Load more…" page after page: each one request, appended in place.
      const per: number[] = [];
      for (let p = 0; p < LOAD_MORE_PAGES && state.nextPage !== undefined; p++) {
        const t = performance.now();
        appendTaskPageTo(state, await queryTasks(client, {}, { page: state.nextPage, size: PAGE }));
        per.push(performance.now() - t);
      }
      per.sort((a, b) => a - b);
      return { firstMs, moreMs: per[Math.floor(per.length / 2)], moreMaxMs: per[per.length - 1] };
    }, { runs: 3 * runs });
    const base = await repeat(async () => {
      const t0 = performance.now();
      const all = (await client.listAll('/api/v2/tasks/instances', { sort: 'id,desc' })).map(normalizeTask);
      if (all.length < TASKS_ON_SERVER) throw new Error(`listed ${all.length} tasks`);
      return { firstMs: performance.now() - t0 };
    }, { runs });
    log(`explorer: tasks view: first rows ${ours.firstMs.median.toFixed(1)} ms, load more ${ours.moreMs.median.toFixed(1)} ms; baseline ${base.firstMs.median.toFixed(0)} ms`);
    const label = `${TASKS_ON_SERVER.toLocaleString('en-US')} tasks on the server`;
    return [
      { figure: `Tasks view: refresh → first rows, ${label}`, unit: 'ms', ours: ours.firstMs, baseline: base.firstMs, ratio: true, target: { text: '≤ 100 ms', met: ours.firstMs.median <= 100 } },
      { figure: `Tasks view: one "Load more…" page (${PAGE} tasks), ${label}`, unit: 'ms', ours: ours.moreMs, target: { text: '≤ 16.7 ms (a frame)', met: ours.moreMs.median <= 1000 / 60 } },
      { figure: `  slowest page of ${LOAD_MORE_PAGES} in a run`, unit: 'ms', ours: ours.moreMaxMs },
    ];
  } finally {
    await client.close();
    await sim.close();
  }
}
