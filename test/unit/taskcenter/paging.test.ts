// The Tasks view's paging (src/core/model/taskCenter.ts): the first page, "Load more…" pages appended without listing a
// task twice, the cursor and total followed, tracker snapshots put in place; and the same over real HTTP against the
// simulator's task list (one GET per page, every task once, newest first).
import * as assert from 'node:assert/strict';
import { queryTasks } from '../../../src/core/ocp/daytoday';
import { appendTaskPageTo, firstTaskPage, tasksLeft, upsertTask } from '../../../src/core/model/taskCenter';
import { normalizeTask, type Task } from '../../../src/core/model/task';
import type { TaskPage } from '../../../src/core/model/taskQuery';
import { useClientSim } from '../client/helpers';

const task = (id: number, status = 'SUCCESSFUL'): Task => normalizeTask({ id, name: `Task ${id}`, status });
const page = (ids: number[], n: number, nextPage?: number, total?: number): TaskPage => ({ tasks: ids.map((i) => task(i)), page: n, size: ids.length, nextPage, total });

describe('task center: paging', () => {
  it('the first page is the list; each further page adds only tasks not listed yet, and moves the cursor', () => {
    const s = firstTaskPage(page([10, 9, 8], 1, 2, 8));
    assert.deepEqual(s.tasks.map((t) => t.id), [10, 9, 8]);
    assert.equal(s.nextPage, 2);
    assert.equal(s.pages, 1);
    assert.equal(tasksLeft(s), 5);
    // A new task started between reads: the old ones shifted down one place, task 8 comes again on page 2.
    assert.equal(appendTaskPageTo(s, page([8, 7, 6], 2, 3, 9)), 2);
    assert.deepEqual(s.tasks.map((t) => t.id), [10, 9, 8, 7, 6]);
    assert.equal(s.total, 9);
    assert.equal(s.nextPage, 3);
    assert.equal(appendTaskPageTo(s, page([5, 4, 3], 3, undefined, 9)), 3);
    assert.equal(s.nextPage, undefined, 'the end');
    assert.equal(s.pages, 3);
    assert.equal(tasksLeft(s), 1);
  });

  it('keeps tasks OCP sent without an id (they cannot be told apart, so none is dropped)', () => {
    const s = firstTaskPage({ tasks: [task(-1), task(-2)], page: 1, size: 2 });
    appendTaskPageTo(s, { tasks: [task(-1)], page: 2, size: 2 });
    assert.equal(s.tasks.length, 3);
    assert.equal(tasksLeft(s), undefined, 'no total sent');
  });

  it('a tracker snapshot replaces its list item in place, or comes first when not listed', () => {
    const s = firstTaskPage(page([3, 2, 1], 1));
    upsertTask(s, task(2, 'FAILED'));
    assert.deepEqual(s.tasks.map((t) => `${t.id}:${t.status}`), ['3:SUCCESSFUL', '2:FAILED', '1:SUCCESSFUL']);
    upsertTask(s, task(4, 'RUNNING'));
    assert.deepEqual(s.tasks.map((t) => t.id), [4, 3, 2, 1]);
    assert.ok(s.ids.has(4));
    appendTaskPageTo(s, page([4, 0], 2));
    assert.deepEqual(s.tasks.map((t) => t.id), [4, 3, 2, 1, 0], 'the snapshot is not listed again');
  });

  it('a page costs its own size: 10,000 tasks in 200 pages are listed once each', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => 10_000 - i);
    const s = firstTaskPage(page(ids.slice(0, 50), 1, 2, 10_000));
    for (let p = 2; p <= 200; p++) appendTaskPageTo(s, page(ids.slice((p - 1) * 50, p * 50), p, p < 200 ? p + 1 : undefined, 10_000));
    assert.equal(s.tasks.length, 10_000);
    assert.equal(s.ids.size, 10_000);
    assert.equal(s.nextPage, undefined);
    assert.deepEqual(s.tasks.slice(0, 3).map((t) => t.id), [10_000, 9_999, 9_998]);
  });
});

describe('task center: paging through the simulator', () => {
  const { sim, client } = useClientSim({ clockSpeed: 0 });
  // The simulator starts over before each test (useClientSim): each test makes its own history.
  const history = () => { for (let i = 0; i < 23; i++) sim().createSyntheticTask({ subtasks: 2, status: i % 3 === 0 ? 'FAILED' : 'SUCCESSFUL', name: `Paged ${i}` }); };

  it('reads page after page with one GET each until the cursor ends, every task once, newest first', async () => {
    history();
    const all = [...sim().state.tasks.keys()].sort((a, b) => b - a);
    sim().clearRequests();
    const c = client();
    const s = firstTaskPage(await queryTasks(c, {}, { page: 1, size: 10 }));
    while (s.nextPage !== undefined) appendTaskPageTo(s, await queryTasks(c, {}, { page: s.nextPage, size: 10 }));
    assert.deepEqual(s.tasks.map((t) => t.id), all);
    assert.equal(s.total, all.length);
    const gets = sim().requests.filter((r) => r.path === '/api/v2/tasks/instances');
    assert.deepEqual(gets.map((r) => r.query.page), Array.from({ length: Math.ceil(all.length / 10) }, (_, i) => String(i + 1)));
    assert.ok(gets.every((r) => r.query.size === '10' && r.query.sort === 'id,desc'));
  });

  it('pages a filtered list the same way (status=FAILED)', async () => {
    history();
    const failed = [...sim().state.tasks.values()].filter((t) => t.status === 'FAILED').map((t) => t.id).sort((a, b) => b - a);
    const c = client();
    const s = firstTaskPage(await queryTasks(c, { status: ['FAILED'] }, { page: 1, size: 3 }));
    while (s.nextPage !== undefined) appendTaskPageTo(s, await queryTasks(c, { status: ['FAILED'] }, { page: s.nextPage, size: 3 }));
    assert.deepEqual(s.tasks.map((t) => t.id), failed);
    assert.ok(s.tasks.every((t) => t.status === 'FAILED'));
  });
});
