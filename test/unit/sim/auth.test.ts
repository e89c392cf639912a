// Simulator authentication over real HTTP: Basic, AK/SK, clock skew, unauthenticated endpoints, permissions.
import * as assert from 'node:assert/strict';
import { startSimulator } from '../../ocp-sim/api';
import { Client, useSim } from './helpers';

function assertAuthError(r: { status: number; json: any }): void {
  assert.equal(r.status, 401);
  assert.equal(r.json.successful, false);
  assert.equal(r.json.status, 401);
  assert.equal(typeof r.json.error.code, 'number');
  assert.equal(typeof r.json.error.message, 'string');
}

describe('sim auth', () => {
  const { client } = useSim();

  it('accepts Basic admin/aaAA11__', async () => {
    const r = await client().get('/api/v2/ob/clusters');
    assert.equal(r.status, 200);
    assert.equal(r.json.successful, true);
  });

  it('rejects a bad Basic password with a 401 envelope, in English or Chinese', async () => {
    const en = await client().with({ password: 'nope' }).get('/api/v2/ob/clusters');
    assertAuthError(en);
    assert.equal(en.json.error.message, 'Bad credentials');
    const zh = await client().with({ password: 'nope', lang: 'zh-CN,zh;q=0.9' }).get('/api/v2/ob/clusters');
    assertAuthError(zh);
    assert.match(zh.json.error.message, /[\u4e00-\u9fff]/);
  });

  it('rejects a request without credentials', async () => {
    const r = await client().with({ auth: 'none' }).get('/api/v2/ob/clusters');
    assertAuthError(r);
    assert.match(r.json.error.message, /not logged on/);
  });

  it('accepts a correctly signed AK/SK GET with a query and a POST with a body', async () => {
    const ak = client().with({ auth: 'ak' });
    const list = await ak.get('/api/v2/ob/clusters?size=2&status=RUNNING,STOPPED&name=obcluster');
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.data.contents.length, 2);
    const pre = await ak.post('/api/v2/ob/clusters/takeOverPreCheck', { address: '10.9.9.9', port: 2881, rootSysPassword: 'x' });
    assert.equal(pre.status, 200, pre.text);
    assert.equal(pre.json.data.valid, true);
  });

  it('signs x-ocp-* headers', async () => {
    const r = await client().with({ auth: 'ak' }).request('GET', '/api/v2/compute/idcs', undefined, { 'x-ocp-origin': 'unit-test' });
    assert.equal(r.status, 200, r.text);
  });

  it('rejects a wrong secret, an unknown key and a tampered query', async () => {
    assertAuthError(await client().with({ auth: 'ak', secret: 'wrong' }).get('/api/v2/ob/clusters'));
    assertAuthError(await client().with({ auth: 'ak', accessKey: 'AK_NOBODY' }).get('/api/v2/ob/clusters'));
    // sign one query, send another
    const c = client().with({ auth: 'ak' });
    const good = await c.get('/api/v2/ob/clusters?size=1');
    assert.equal(good.status, 200);
    const rec = c.sim.requests.at(-1)!;
    const r = await fetch(`${c.sim.url}/api/v2/ob/clusters?size=2`, { headers: { Authorization: String(rec.headers.authorization), Date: String(rec.headers.date), 'Content-Type': 'application/json' } });
    assert.equal(r.status, 401);
  });

  it('rejects a Date 15 minutes or more away from the server clock, accepts one within', async () => {
    const at = (offsetMs: number) => () => new Date(Date.now() + offsetMs).toUTCString();
    assertAuthError(await client().with({ auth: 'ak', date: at(-16 * 60_000) }).get('/api/v2/ob/clusters'));
    assertAuthError(await client().with({ auth: 'ak', date: at(60 * 60_000) }).get('/api/v2/ob/clusters'));
    assert.equal((await client().with({ auth: 'ak', date: at(-10 * 60_000) }).get('/api/v2/ob/clusters')).status, 200);
  });

  it('serves /api/v2/time and /api/status without auth, /api/v2/info unwrapped with auth', async () => {
    const anon = client().with({ auth: 'none' });
    const time = await anon.get('/api/v2/time');
    assert.equal(time.status, 200);
    assert.match(time.text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    assert.ok(Math.abs(Date.parse(time.text) - Date.now()) < 60_000);
    const status = await anon.get('/api/status');
    assert.equal(status.text, 'okay');
    assertAuthError(await anon.get('/api/v2/info'));
    const info = await client().get('/api/v2/info');
    assert.equal(info.json.buildVersion, '4.2.1-20240110');
    assert.equal(info.json.successful, undefined);
    for (const k of ['name', 'group', 'artifact', 'buildTime']) assert.ok(info.json[k], k);
  });
});

describe('sim auth: scenario users, keys and clock offset', () => {
  it('uses scenario users/keys, forbids writes for read-only users, and checks the Date against the shifted clock', async () => {
    const sim = await startSimulator({
      clockSpeed: 0,
      scenario: {
        users: [{ username: 'ops', password: 'pw1' }, { username: 'viewer', password: 'pw2', readOnly: true }],
        accessKeys: [{ accessKey: 'AK2', secret: 'SK2', username: 'ops' }],
        serverTimeOffsetMs: 2 * 3600_000,
      },
    });
    try {
      const c = new Client(sim);
      assert.equal((await c.get('/api/v2/ob/clusters')).status, 401, 'default admin is replaced');
      assert.equal((await c.with({ user: 'ops', password: 'pw1' }).get('/api/v2/ob/clusters')).status, 200);
      const viewer = c.with({ user: 'viewer', password: 'pw2' });
      assert.equal((await viewer.get('/api/v2/ob/clusters')).status, 200);
      const denied = await viewer.post('/api/v2/ob/clusters/1000001/stop');
      assert.equal(denied.status, 403);
      assert.equal(denied.json.successful, false);

      const ak = c.with({ auth: 'ak', accessKey: 'AK2', secret: 'SK2' });
      assert.equal((await ak.get('/api/v2/ob/clusters')).status, 401, 'own clock is 2 h behind the server');
      const serverTime = Date.parse((await c.with({ auth: 'none' }).get('/api/v2/time')).text);
      assert.ok(Math.abs(serverTime - Date.now() - 2 * 3600_000) < 60_000);
      const skew = serverTime - Date.now();
      const fixed = ak.with({ date: () => new Date(Date.now() + skew).toUTCString() });
      assert.equal((await fixed.get('/api/v2/ob/clusters')).status, 200);
    } finally {
      await sim.close();
    }
  });
});
