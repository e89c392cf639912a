// The panel's message protocol: what the host accepts from the webview, and nothing else.
import * as assert from 'node:assert/strict';
import { isHostMessage, MAX_COPY_CHARS, parsePanelState, parseTaskId, parseWebviewMessage, STRING_KEYS } from '../../../src/panel/protocol';

function accepted(raw: unknown): unknown {
  const r = parseWebviewMessage(raw);
  assert.ok(r.ok, `expected ${JSON.stringify(raw)} to be accepted, got ${r.ok ? '' : r.reason}`);
  return r.message;
}

function rejected(raw: unknown): string {
  const r = parseWebviewMessage(raw);
  assert.ok(!r.ok, `expected ${JSON.stringify(raw)} to be rejected`);
  return r.reason;
}

describe('panel protocol: messages from the webview', () => {
  it('accepts every well-formed message and keeps only the known fields', () => {
    assert.deepEqual(accepted({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(accepted({ type: 'refresh' }), { type: 'refresh' });
    assert.deepEqual(accepted({ type: 'selectSubtask', subtaskId: 12, junk: '<b>' }), { type: 'selectSubtask', subtaskId: 12 });
    assert.deepEqual(accepted({ type: 'selectSubtask', subtaskId: null }), { type: 'selectSubtask', subtaskId: null });
    assert.deepEqual(accepted({ type: 'requestLog', subtaskId: 0 }), { type: 'requestLog', subtaskId: 0 });
    assert.deepEqual(accepted({ type: 'action', kind: 'skipSubtask', subtaskId: 5 }), { type: 'action', kind: 'skipSubtask', subtaskId: 5 });
    assert.deepEqual(accepted({ type: 'action', kind: 'retryTask' }), { type: 'action', kind: 'retryTask' });
    assert.deepEqual(accepted({ type: 'copy', format: 'mermaid', text: 'flowchart TD' }), { type: 'copy', format: 'mermaid', text: 'flowchart TD' });
    assert.deepEqual(accepted({ type: 'error', message: 'boom' }), { type: 'error', message: 'boom' });
    assert.deepEqual(accepted({ type: 'openLog', subtaskId: 12, connectionId: 'other', taskId: 1 }), { type: 'openLog', subtaskId: 12 }, 'the panel names its own task: only the subtask is read');
  });

  it('openLog (the log in an editor) needs a subtask id', () => {
    for (const id of ['12', 1.5, -1, NaN, 2 ** 60, undefined, null, {}]) assert.match(rejected({ type: 'openLog', subtaskId: id }), /openLog\.subtaskId must be an id/);
    assert.ok(STRING_KEYS.includes('openLogInEditor') && STRING_KEYS.includes('openLogTitle'));
  });

  it('rejects what is not an object or has an unknown type', () => {
    for (const raw of [null, undefined, 42, 'ready', ['ready'], {}, { type: 'Ready' }, { type: 'eval', code: '1' }, { type: 7 }]) rejected(raw);
    assert.match(rejected({ type: 'nuke' }), /unknown message type "nuke"/);
  });

  it('rejects ids that are not non-negative safe integers', () => {
    for (const id of ['12', 1.5, -1, NaN, Infinity, 2 ** 60, undefined, {}]) {
      rejected({ type: 'requestLog', subtaskId: id });
      rejected({ type: 'action', kind: 'retrySubtask', subtaskId: id });
    }
    rejected({ type: 'selectSubtask' });
    rejected({ type: 'selectSubtask', subtaskId: '3' });
  });

  it('rejects unknown actions, subtask actions without a subtask and task actions with one', () => {
    rejected({ type: 'action', kind: 'deleteTask' });
    rejected({ type: 'action', kind: 'SKIPSUBTASK', subtaskId: 1 });
    rejected({ type: 'action' });
    assert.match(rejected({ type: 'action', kind: 'cancelSubtask' }), /needs a subtaskId/);
    assert.match(rejected({ type: 'action', kind: 'rollbackTask', subtaskId: 3 }), /takes no subtaskId/);
  });

  it('rejects copies of an unknown format, of non-text, or too long', () => {
    rejected({ type: 'copy', format: 'html', text: 'x' });
    rejected({ type: 'copy', format: 'svg', text: 42 });
    rejected({ type: 'copy', format: 'svg' });
    rejected({ type: 'copy', format: 'svg', text: 'x'.repeat(MAX_COPY_CHARS + 1) });
  });

  it('truncates error reports from the webview', () => {
    const m = accepted({ type: 'error', message: 'e'.repeat(100_000) }) as { message: string };
    assert.ok(m.message.length < 10_000);
    rejected({ type: 'error', message: { stack: 'x' } });
  });
});

describe('panel protocol: host messages, state and typed ids', () => {
  it('recognises host messages and refuses malformed ones', () => {
    assert.ok(isHostMessage({ type: 'snapshot', state: 'polling' }));
    assert.ok(isHostMessage({ type: 'snapshot', state: 'done', task: { subtasks: [] } }));
    assert.ok(isHostMessage({ type: 'log', subtaskId: 3, text: '' }));
    assert.ok(isHostMessage({ type: 'init', strings: {}, connectionId: 'c', taskId: 1 }));
    assert.ok(isHostMessage({ type: 'actionResult', kind: 'retryTask', outcome: 'done' }));
    assert.ok(!isHostMessage({ type: 'snapshot', state: 'polling', task: { subtasks: 'no' } }));
    assert.ok(!isHostMessage({ type: 'log', subtaskId: '3', text: '' }));
    assert.ok(!isHostMessage({ type: 'init', connectionId: 'c', taskId: 1 }));
    assert.ok(!isHostMessage({ type: 'other' }));
    assert.ok(!isHostMessage(null));
  });

  it('reads a stored panel state with a connection id and a task id only', () => {
    assert.deepEqual(parsePanelState({ connectionId: 'ocp1', taskId: 7, password: 'x' }), { connectionId: 'ocp1', taskId: 7 });
    assert.equal(parsePanelState({ connectionId: '', taskId: 7 }), undefined);
    assert.equal(parsePanelState({ connectionId: 'ocp1', taskId: '7' }), undefined);
    assert.equal(parsePanelState({ taskId: 7 }), undefined);
    assert.equal(parsePanelState(undefined), undefined);
    assert.equal(parsePanelState('ocp1/7'), undefined);
  });

  it('accepts typed task ids made of digits only', () => {
    assert.equal(parseTaskId('13089035'), 13089035);
    assert.equal(parseTaskId('  42 '), 42);
    for (const bad of ['', ' ', '-1', '1.5', '1e3', '0x10', '12a', '#12', '99999999999999999']) assert.equal(parseTaskId(bad), undefined, bad);
  });

  it('has unique string keys', () => {
    assert.equal(new Set(STRING_KEYS).size, STRING_KEYS.length);
  });
});
