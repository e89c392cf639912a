// Both auth schemes against the simulator, their failures (401 never retried, 403), and Accept-Language.
import * as assert from 'node:assert/strict';
import { ACCESS_KEY, ocpError, onlyRequest, useClientSim } from './helpers';

describe('client auth', () => {
  const { sim, client } = useClientSim({ scenario: { users: [{ username: 'admin', password: 'aaAA11__' }, { username: 'viewer', password: 'vvVV11__', readOnly: true }] } });

  it('Basic: sends base64(user:password) and gets data', async () => {
    const clusters = await client().listClusters();
    assert.equal(clusters.length, 4);
    const r = onlyRequest(sim());
    assert.equal(r.headers.authorization, `Basic ${Buffer.from('admin:aaAA11__').toString('base64')}`);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers.accept, 'application/json');
    assert.equal(r.status, 200);
  });

  it('AccessKey: a signed GET with a query and a signed POST with a body both succeed', async () => {
    const c = client({ auth: ACCESS_KEY });
    const tasks = await c.listTasks({ status: ['SUCCESSFUL', 'FAILED'], name: 'primary ob' }, 5);
    assert.deepEqual(tasks.map((t) => t.name).sort(), ['Create primary OB cluster', 'Take over primary OB cluster']);
    const get = sim().requests[0];
    assert.match(String(get.headers.authorization), /^OCP-ACCESS-KEY-HMACSHA1 AK_SIM_ADMIN:[A-Za-z0-9+/]{27}=$/);
    assert.ok(!Number.isNaN(Date.parse(String(get.headers.date))), 'Date header sent');
    assert.equal(get.status, 200);

    const task = await c.stopCluster(1000004);
    assert.equal(task.name, 'Stop OB cluster');
    assert.equal(sim().requests[1].status, 200);
    assert.match(String(sim().requests[1].headers.authorization), /^OCP-ACCESS-KEY-HMACSHA1 AK_SIM_ADMIN:/);
  });

  it('AccessKey: a POST with a JSON body (signed Content-MD5) succeeds', async () => {
    const c = client({ auth: ACCESS_KEY });
    const data = await c.switchoverPreCheck(1000001, 2000002, { tenantId: 2000002, standbyTenantId: 2000006 });
    assert.equal(data.valid, true);
    assert.deepEqual(onlyRequest(sim()).body, { tenantId: 2000002, standbyTenantId: 2000006 });
  });

  it('Basic with a bad password: auth error 401 with OCP message, sent once', async () => {
    const e = await ocpError(client({ auth: { kind: 'basic', username: 'admin', password: 'wrong' } }).listClusters(), 'auth');
    assert.equal(e.status, 401);
    assert.equal(e.message, 'Bad credentials');
    assert.equal(e.code, 30004);
    assert.ok(e.traceId, 'traceId kept');
    assert.equal(e.method, 'GET');
    assert.equal(e.path, '/api/v2/ob/clusters');
    assert.equal(sim().count('*', /.*/), 1, '401 is never retried');
  });

  it('AccessKey with a bad secret: auth error 401, sent once', async () => {
    const c = client({ auth: { kind: 'accessKey', accessKeyId: 'AK_SIM_ADMIN', secret: 'not-the-secret' } });
    const e = await ocpError(c.getTask(1), 'auth');
    assert.equal(e.status, 401);
    assert.equal(e.message, 'AccessKey signature does not match');
    assert.equal(sim().count('GET', /^\/api\/v2\/tasks\/instances\/1$/), 1);
  });

  it('AccessKey with an unknown key id: auth error naming the key', async () => {
    const e = await ocpError(client({ auth: { kind: 'accessKey', accessKeyId: 'AK_NOPE', secret: 'x' } }).listIdcs(), 'auth');
    assert.equal(e.status, 401);
    assert.match(e.message, /AK_NOPE/);
  });

  it('the unauthorized fault on a GET gives auth 401 after exactly one request', async () => {
    sim().addFault({ kind: 'unauthorized' });
    const e = await ocpError(client({ retries: 5 }).listHosts(), 'auth');
    assert.equal(e.status, 401);
    assert.match(e.message, /not logged on/);
    assert.equal(sim().requests.length, 1);
  });

  it('403 for a read-only user: forbidden, sent once, describe() names the status', async () => {
    const c = client({ auth: { kind: 'basic', username: 'viewer', password: 'vvVV11__' } });
    assert.equal((await c.listClusters()).length, 4, 'reads are allowed');
    sim().clearRequests();
    const e = await ocpError(c.stopCluster(1000004), 'forbidden');
    assert.equal(e.status, 403);
    assert.equal(e.message, 'You do not have permission to perform this operation');
    assert.match(e.describe(), /\(HTTP 403, traceId \S+\)$/);
    assert.equal(sim().requests.length, 1);
    assert.equal(sim().state.clusters.get(1000004)!.status, 'RUNNING');
  });

  it('Accept-Language zh-CN: the header is sent and the error message is Chinese', async () => {
    const c = client({ acceptLanguage: 'zh-CN', auth: { kind: 'basic', username: 'admin', password: 'wrong' } });
    const e = await ocpError(c.listClusters(), 'auth');
    assert.equal(e.message, '用户名或密码错误');
    assert.equal(onlyRequest(sim()).headers['accept-language'], 'zh-CN');
  });

  it('without acceptLanguage no Accept-Language header is sent and messages are English', async () => {
    const e = await ocpError(client().listZones(999), 'http');
    assert.equal(e.status, 404);
    assert.equal(e.message, 'Cluster 999 does not exist');
    assert.equal(sim().requests[0].headers['accept-language'], undefined);
  });
});
