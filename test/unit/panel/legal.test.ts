// The host re-checks every action against the latest snapshot before asking and before posting.
import * as assert from 'node:assert/strict';
import { normalizeTask } from '../../../src/core/model';
import { checkAction } from '../../../src/panel/legal';
import { chain } from '../builders';

describe('panel: legality of actions', () => {
  const failed = normalizeTask(chain(3, 1).status('FAILED').statuses('PENDING', { 1: 'SUCCESSFUL', 2: 'FAILED' }).build());
  const running = normalizeTask(chain(3, 1).status('RUNNING').statuses('PENDING', { 1: 'SUCCESSFUL', 2: 'RUNNING' }).build());

  it('allows retry and rollback of a failed task, and retry and skip of its failed subtask', () => {
    assert.ok(checkAction(failed, 'retryTask').ok);
    assert.ok(checkAction(failed, 'rollbackTask').ok);
    const skip = checkAction(failed, 'skipSubtask', 2);
    assert.ok(skip.ok && skip.subtask?.id === 2);
    assert.ok(checkAction(failed, 'retrySubtask', 2).ok);
  });

  it('refuses actions that do not fit the current statuses', () => {
    assert.ok(!checkAction(running, 'retryTask').ok);
    assert.ok(!checkAction(running, 'rollbackTask').ok);
    assert.ok(!checkAction(failed, 'skipSubtask', 1).ok, 'a successful subtask cannot be skipped');
    assert.ok(!checkAction(failed, 'cancelSubtask', 2).ok, 'a failed subtask cannot be cancelled');
    assert.ok(checkAction(running, 'cancelSubtask', 2).ok);
    assert.ok(!checkAction(running, 'skipSubtask', 2).ok);
  });

  it('refuses unknown subtasks, a task not loaded yet, and prohibited rollback or skip', () => {
    const r = checkAction(failed, 'skipSubtask', 99);
    assert.ok(!r.ok && /not in task/.test(r.reason));
    assert.ok(!checkAction(undefined, 'retryTask').ok);
    const prohibited = normalizeTask(chain(2, 1).status('FAILED').statuses('PENDING', { 1: 'FAILED' }).withFields({ prohibitRollback: true }).patch(1, { prohibitSkip: true }).build());
    assert.ok(!checkAction(prohibited, 'rollbackTask').ok);
    assert.ok(!checkAction(prohibited, 'skipSubtask', 1).ok);
    assert.ok(checkAction(prohibited, 'retrySubtask', 1).ok);
  });
});
