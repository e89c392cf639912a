// 401 means silence: after one 401 the client of that connection puts nothing more on the wire (OCP locks
// an address out after 20 failed logins) until it is given new credentials; and the client object holds
// no readable secret (the Authorization header comes from a closure).
import * as assert from 'node:assert/strict';
import type { OcpAuthRejection } from '../../../src/core/ocp/types';
import { ACCESS_KEY, BASIC, ocpError, useClientSim } from './helpers';

describe('client: 401 means silence', () => {
  const { sim, client } = useClientSim();

  it('after a 401, 50 calls of every kind send nothing; onAuthRejected is called once', async () => {
    const rejections: OcpAuthRejection[] = [];
    const c = client({ auth: { kind: 'basic', username: 'admin', password: 'wrong' }, onAuthRejected: (e) => rejections.push(e) });
    const first = await ocpError(c.listClusters(), 'auth');
    assert.equal(first.status, 401);
    assert.equal(first.notSent, false);
    assert.equal(sim().requests.length, 1);
    for (let i = 0; i < 10; i++) {
      for (const call of [() => c.listClusters(), () => c.getTask(3000001, undefined, 0), () => c.subtaskLog(3000001, 1), () => c.time(), () => c.stopCluster(1000004)]) {
        const e = await ocpError(call(), 'auth');
        assert.equal(e.notSent, true);
        assert.equal(e.message, first.message);
      }
    }
    assert.equal(sim().requests.length, 1, 'nothing more on the wire');
    assert.equal(c.transport.stats().requestsSent, 1);
    assert.equal(c.transport.stats().requestsRefused, 50);
    assert.equal(rejections.length, 1);
    assert.equal(rejections[0].path, '/api/v2/ob/clusters');
    assert.equal(c.authRejected, true);
  });

  it('setCredentials lets requests out again, with the new credentials', async () => {
    const c = client({ auth: { kind: 'basic', username: 'admin', password: 'wrong' } });
    await ocpError(c.listIdcs(), 'auth');
    await ocpError(c.listIdcs(), 'auth');
    assert.equal(sim().requests.length, 1);
    c.setCredentials(BASIC);
    assert.equal(c.authRejected, false);
    assert.equal((await c.listIdcs()).length, 3);
    assert.equal(sim().requests.length, 2);
    assert.equal(sim().requests[1].status, 200);
  });

  it('resetAuth retries the same credentials once more; a second 401 silences again', async () => {
    sim().addFault({ kind: 'unauthorized', times: 2 });
    const c = client();
    await ocpError(c.listIdcs(), 'auth');
    c.resetAuth();
    await ocpError(c.listIdcs(), 'auth');
    await ocpError(c.listIdcs(), 'auth');
    assert.equal(sim().requests.length, 2);
    c.resetAuth();
    assert.equal((await c.listIdcs()).length, 3);
    assert.equal(sim().requests.length, 3);
  });

  it('a 401 to a request signed with old credentials does not silence the new ones', async () => {
    sim().addFault({ kind: 'latency', ms: 100, times: 1 });
    const c = client({ auth: { kind: 'basic', username: 'admin', password: 'wrong' } });
    const slow = ocpError(c.listIdcs(), 'auth');
    while (sim().requests.length === 0) await new Promise((r) => setTimeout(r, 2));
    c.setCredentials(BASIC);
    await slow;
    assert.equal(c.authRejected, false);
    assert.equal((await c.listIdcs()).length, 3);
  });

  it('AccessKey: a 401 silences too', async () => {
    const c = client({ auth: { kind: 'accessKey', accessKeyId: 'AK_SIM_ADMIN', secret: 'not-the-secret' } });
    await ocpError(c.getTask(3000001), 'auth');
    await ocpError(c.getTask(3000001), 'auth');
    assert.equal(sim().requests.length, 1);
  });
});

describe('client: no readable secret', () => {
  const { client } = useClientSim();

  /** Every string reachable from `root` through own properties (enumerable or not, symbols too), Maps, Sets. */
  function reachableStrings(root: unknown, maxNodes = 200_000): string[] {
    const seen = new Set<unknown>();
    const out: string[] = [];
    const stack: unknown[] = [root];
    while (stack.length && seen.size < maxNodes) {
      const v = stack.pop();
      if (typeof v === 'string') {
        out.push(v);
        continue;
      }
      if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) continue;
      seen.add(v);
      if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
      if (v instanceof Set) for (const x of v) stack.push(x);
      if (Buffer.isBuffer(v)) out.push(v.toString('latin1'));
      for (const key of Reflect.ownKeys(v as object)) {
        const d = Object.getOwnPropertyDescriptor(v as object, key);
        if (d && 'value' in d) stack.push(d.value);
        if (typeof key === 'string') out.push(key);
      }
      stack.push(Object.getPrototypeOf(v));
    }
    return out;
  }

  for (const [name, auth, secret] of [['Basic', BASIC, BASIC.kind === 'basic' ? BASIC.password : ''], ['AccessKey', ACCESS_KEY, ACCESS_KEY.kind === 'accessKey' ? ACCESS_KEY.secret : '']] as const) {
    it(`${name}: neither the secret nor the Authorization value is reachable from the client`, async () => {
      const c = client({ auth });
      await c.listIdcs();
      const basic = Buffer.from(`admin:${secret}`).toString('base64');
      const strings = reachableStrings(c);
      assert.ok(strings.length > 50, 'the walk saw the client');
      assert.deepEqual(strings.filter((s) => s.includes(secret) || s.includes(basic)), []);
      assert.equal((c.options as Record<string, unknown>).auth, undefined);
      assert.doesNotMatch(JSON.stringify(c.options), new RegExp(secret));
    });
  }
});
