// Secrets never reach the log: the OCP client's request events (all the connection manager logs about a
// request) carry no header and no body, and the line the manager writes from them, for successes and for
// every kind of failure, holds no password, AccessKey secret, Authorization value or request body, even for
// the operations whose body holds a password (create cluster, take over).
import * as assert from 'node:assert/strict';
import { requestLogLine } from '../../../src/connections/requestLog';
import { OcpClient } from '../../../src/core/ocp/client';
import { OcpError } from '../../../src/core/ocp/errors';
import type { RequestEvent } from '../../../src/core/ocp/types';
import { startSimulator, type OcpSimulator } from '../../ocp-sim/api';

const PASSWORD = 'Basic-pw-7Rq2!x';
const WRONG_PASSWORD = 'Wrong-pw-3Kz9?y';
const AK_SECRET = 'SK-unit-secret-51d0c2';
const ROOT_PASSWORD = 'Root-pw-Cl7#uster';
const SYS_PASSWORD = 'Sys-pw-Tk0$ver';
const SECRETS = [PASSWORD, WRONG_PASSWORD, AK_SECRET, ROOT_PASSWORD, SYS_PASSWORD];
/** What an Authorization header or a request body would leave behind. */
const LEAKS = [
  ...SECRETS,
  Buffer.from(`admin:${PASSWORD}`).toString('base64'),
  Buffer.from(`admin:${WRONG_PASSWORD}`).toString('base64'),
  'Basic ', 'OCP-ACCESS-KEY', 'authorization', 'rootSysPassword', '"password"',
];
const EVENT_KEYS = new Set(['method', 'path', 'status', 'durationMs', 'attempt', 'error', 'traceId']);

function leaksIn(text: string): string[] {
  return LEAKS.filter((l) => text.toLowerCase().includes(l.toLowerCase()));
}

describe('security: request logging', () => {
  let sim: OcpSimulator;
  const events: RequestEvent[] = [];
  const errors: OcpError[] = [];
  const clients: OcpClient[] = [];

  function client(auth: ConstructorParameters<typeof OcpClient>[0]['auth']): OcpClient {
    const c = new OcpClient({ url: sim.url, auth, retries: 1, retryBaseMs: 5, timeoutMs: 2000, onRequest: (e) => events.push(e) });
    clients.push(c);
    return c;
  }

  async function failing(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof OcpError, String(e));
      errors.push(e);
      return;
    }
    assert.fail('expected a failure');
  }

  before(async () => {
    sim = await startSimulator({
      clockSpeed: 0,
      scenario: { users: [{ username: 'admin', password: PASSWORD }], accessKeys: [{ accessKey: 'AK_UNIT', secret: AK_SECRET, username: 'admin' }] },
    });
    const basic = client({ kind: 'basic', username: 'admin', password: PASSWORD });
    const ak = client({ kind: 'accessKey', accessKeyId: 'AK_UNIT', secret: AK_SECRET });
    const wrong = client({ kind: 'basic', username: 'admin', password: WRONG_PASSWORD });
    const rpmName = sim.state.packages.find((p) => p.type === 'OB_SERVER_INSTALL_PACKAGE')!.fileName;

    await basic.listClusters();
    await ak.listClusters();
    await basic.createCluster({ name: 'secret_test', rpmName, type: 'PRIMARY', password: ROOT_PASSWORD, zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010] }] });
    await failing(basic.createCluster({ name: 'bad name!', rpmName, type: 'PRIMARY', password: ROOT_PASSWORD, zones: [] }));
    await basic.takeOverPreCheck({ address: '10.0.0.77', port: 2881, rootSysPassword: SYS_PASSWORD, connectionMode: 'direct' });
    await basic.takeOver({ address: '10.0.0.77', port: 2881, rootSysPassword: SYS_PASSWORD, connectionMode: 'direct' });
    await basic.takeOverPreCheck({ address: '10.0.0.200', port: 2881, rootSysPassword: SYS_PASSWORD, connectionMode: 'direct' }); // wrong password: a failed check
    await ak.stopCluster(1000004);
    await failing(wrong.listClusters());
    await failing(ak.stopCluster(1000004)); // not running any more: 409 with OCP's message
    sim.addFault({ kind: 'reset', method: 'POST' });
    await failing(basic.createCluster({ name: 'secret_reset', rpmName, type: 'PRIMARY', password: ROOT_PASSWORD, zones: [{ name: 'zone1', idcName: 'hz1', servers: [100011] }] }));
    sim.clearFaults();
    sim.addFault({ kind: 'malformedJson', method: 'POST' });
    await failing(basic.takeOver({ address: '10.0.0.78', port: 2881, rootSysPassword: SYS_PASSWORD, connectionMode: 'direct' }));
    sim.clearFaults();
    sim.addFault({ kind: 'html', method: 'GET' });
    await failing(ak.listClusters());
    sim.clearFaults();
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sim.close();
  });

  it('the simulator really received the secrets (the test would prove nothing otherwise)', () => {
    const bodies = JSON.stringify(sim.requests.map((r) => r.body));
    for (const s of [ROOT_PASSWORD, SYS_PASSWORD]) assert.ok(bodies.includes(s), `no request carried ${s}`);
    const auth = sim.requests.map((r) => String(r.headers.authorization ?? ''));
    assert.ok(auth.some((a) => a === `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`));
    assert.ok(auth.some((a) => a.startsWith('OCP-ACCESS-KEY-HMACSHA1 AK_UNIT:')));
    assert.ok(events.length >= 12, `${events.length} events`);
    assert.ok(events.some((e) => e.error) && events.some((e) => !e.error), 'both successes and failures were seen');
  });

  it('request events carry only method, path, status or error, duration, attempt and traceId', () => {
    for (const e of events) {
      const extra = Object.keys(e).filter((k) => !EVENT_KEYS.has(k));
      assert.deepEqual(extra, [], `unexpected fields in ${JSON.stringify(e)}`);
      assert.ok(!e.path.includes('?'), `the query string is in ${e.path}`);
    }
  });

  it('the log lines written from them hold no secret, no Authorization value and no body', () => {
    const lines = events.map((e) => requestLogLine('OCP', e));
    for (const { line } of lines) assert.deepEqual(leaksIn(line), [], line);
    assert.ok(lines.some((l) => l.level === 'warn' && /→ 401/.test(l.line)), 'a failed request is logged as a warning');
    assert.ok(lines.some((l) => l.level === 'trace' && /POST \/api\/v2\/ob\/clusters → 200/.test(l.line)), 'the create POST is logged at trace level');
  });

  it('the errors a user sees (and the log records) hold no secret either', () => {
    assert.ok(errors.length >= 6, `${errors.length} errors`);
    for (const e of errors) {
      assert.deepEqual(leaksIn(e.describe()), [], e.describe());
      assert.deepEqual(leaksIn(e.message), [], e.message);
    }
  });
});
