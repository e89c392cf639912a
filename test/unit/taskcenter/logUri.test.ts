// The log editor's addresses (src/logs/logUri.ts): scheme ocp-log, a path named after connection, task and subtask,
// the ids in the query; parsing takes the ids from the query only and refuses anything else.
import * as assert from 'node:assert/strict';
import { LOG_SCHEME, logKey, logUriParts, parseLogUri, pathSegment } from '../../../src/logs/logUri';

describe('log editor: URIs', () => {
  const ref = { connectionId: 'sim', taskId: 3000001, subtaskId: 12 };

  it('names the document after the connection, the task and the subtask, and keeps the ids in the query', () => {
    const p = logUriParts(ref, { connectionName: 'Simulator', taskName: 'Create cluster', subtaskName: 'Install OBServer' });
    assert.equal(p.scheme, 'ocp-log');
    assert.equal(p.path, '/Simulator/3000001 Create cluster/12 Install OBServer.log');
    assert.deepEqual(parseLogUri(p), ref);
    assert.equal(logUriParts(ref).path, '/sim/3000001/12.log', 'ids alone without names');
  });

  it('keeps each name one path segment: no slash, backslash, control character or leading dot; long names cut', () => {
    const p = logUriParts(ref, { connectionName: '../etc', taskName: 'a/b\\c\nd', subtaskName: 'x'.repeat(300) });
    const segs = p.path.split('/');
    assert.equal(segs.length, 4);
    assert.equal(segs[1], '__etc');
    assert.equal(segs[2], '3000001 a_b_c_d');
    assert.ok(segs[3].length <= 84 && segs[3].endsWith('….log'));
    assert.equal(pathSegment('  many   spaces '), 'many spaces');
    assert.deepEqual(parseLogUri(p), ref, 'the ids come from the query whatever the names');
  });

  it('refuses other schemes, missing or malformed ids, and bad references', () => {
    const q = logUriParts(ref).query;
    assert.equal(parseLogUri({ scheme: 'file', query: q }), undefined);
    for (const query of ['', 'connectionId=sim&taskId=1', 'connectionId=&taskId=1&subtaskId=2', 'connectionId=sim&taskId=-1&subtaskId=2', 'connectionId=sim&taskId=1.5&subtaskId=2', 'connectionId=sim&taskId=1&subtaskId=99999999999999999']) {
      assert.equal(parseLogUri({ scheme: LOG_SCHEME, query }), undefined, query);
    }
    assert.deepEqual(parseLogUri({ scheme: LOG_SCHEME, query: 'connectionId=a%26b&taskId=1&subtaskId=2' }), { connectionId: 'a&b', taskId: 1, subtaskId: 2 });
    assert.throws(() => logUriParts({ connectionId: '', taskId: 1, subtaskId: 2 }));
    assert.throws(() => logUriParts({ connectionId: 'c', taskId: -1, subtaskId: 2 }));
    assert.notEqual(logKey(ref), logKey({ ...ref, subtaskId: 13 }));
  });
});
