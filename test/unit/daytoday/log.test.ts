// Following a subtask log (logDelta in src/core/model/taskQuery.ts) against the simulator over real HTTP: the documented
// log call (OcpClient.subtaskLog, GET …/subtasks/{id}/log, `data.log`) returns a log that grows while the subtask runs,
// each read starting with the previous one, so a follower appends only the new text.
import * as assert from 'node:assert/strict';
import { logDelta } from '../../../src/core/model/taskQuery';
import { normalizeTask } from '../../../src/core/model/task';
import { useClientSim } from '../client/helpers';

describe('subtask log: following the tail', () => {
  const { sim, client } = useClientSim({ scenario: { subtaskDurationMs: 4000 } });

  it('logDelta: same, append the new suffix, or replace when the text no longer starts with what is shown', () => {
    assert.deepEqual(logDelta('a\nb', 'a\nb'), { kind: 'same' });
    assert.deepEqual(logDelta('a\n', 'a\nb\n'), { kind: 'append', text: 'b\n' });
    assert.deepEqual(logDelta('', 'x'), { kind: 'append', text: 'x' });
    assert.deepEqual(logDelta('old log', 'new log'), { kind: 'replace', text: 'new log' });
  });

  it("a running subtask's log grows between reads; appending the deltas rebuilds the whole log", async () => {
    const c = client();
    const task = normalizeTask(await c.post('/api/v2/ob/clusters/1000004/stop'));
    const root = task.subtasks.find((s) => s.upstreams.length === 0)!;
    let shown = '';
    let appends = 0;
    for (let i = 0; i < 6; i++) {
      sim().advance(1000);
      const next = await c.subtaskLog(task.id, root.id);
      const d = logDelta(shown, next);
      assert.notEqual(d.kind, 'replace', 'the log only grows');
      if (d.kind === 'append') {
        shown += d.text;
        appends++;
      }
      assert.equal(shown, next);
    }
    assert.ok(appends >= 2, `grew over several reads (${appends})`);
    assert.match(shown, /\bINFO\b/);
    assert.ok(sim().count('GET', new RegExp(`/subtasks/${root.id}/log$`)) === 6);
  });
});
