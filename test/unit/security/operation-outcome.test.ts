// Never send an operation twice: which failures leave it unknown whether OCP acted on a POST (the extension
// then says so instead of inviting a blind retry). Real failures from the simulator, not hand-made errors.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { OcpClient } from '../../../src/core/ocp/client';
import { OcpError, outcomeUnknown } from '../../../src/core/ocp/errors';
import type { Fault } from '../../ocp-sim/api';
import { startSimulator, type OcpSimulator } from '../../ocp-sim/api';

describe('security: is the outcome of a failed POST unknown?', () => {
  let sim: OcpSimulator;
  let client: OcpClient;

  before(async () => {
    sim = await startSimulator({ clockSpeed: 0 });
    client = new OcpClient({ url: sim.url, auth: { kind: 'basic', username: 'admin', password: 'aaAA11__' }, timeoutMs: 300 });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  async function stopUnder(fault: Fault): Promise<OcpError> {
    sim.clearFaults();
    sim.addFault({ ...fault, method: 'POST' });
    try {
      await client.stopCluster(1000004);
    } catch (e) {
      assert.ok(e instanceof OcpError);
      return e;
    } finally {
      sim.clearFaults();
    }
    assert.fail('the POST succeeded under the fault');
  }

  const cases: [string, Fault, boolean][] = [
    ['no answer (timeout)', { kind: 'hang' }, true],
    ['connection reset after sending', { kind: 'reset' }, true],
    ['a 200 whose body cannot be read', { kind: 'malformedJson' }, true],
    ['502 from a gateway', { kind: 'status', status: 502 }, true],
    ['504 from a gateway', { kind: 'status', status: 504 }, true],
    ['an HTML 502 page from a proxy', { kind: 'html' }, true],
    ['500: OCP answered that it failed', { kind: 'status', status: 500 }, false],
    ['503: OCP is unavailable', { kind: 'status', status: 503 }, false],
    ['429: throttled before handling', { kind: 'rateLimit', resetSeconds: 1 }, false],
    ['401: credentials rejected', { kind: 'unauthorized' }, false],
  ];
  for (const [what, fault, unknown] of cases) {
    it(`${what}: ${unknown ? 'unknown' : 'known not done'}`, async () => {
      const e = await stopUnder(fault);
      assert.equal(outcomeUnknown(e), unknown, `${e.kind} ${e.status ?? ''}: ${e.message}`);
    });
  }

  it('connection refused: known not sent', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer();
      srv.listen(0, '127.0.0.1', () => { const p = (srv.address() as net.AddressInfo).port; srv.close(() => resolve(p)); });
    });
    const dead = new OcpClient({ url: `http://127.0.0.1:${port}`, auth: { kind: 'basic', username: 'admin', password: 'x' }, timeoutMs: 300 });
    try {
      await dead.stopCluster(1);
      assert.fail('the POST succeeded');
    } catch (e) {
      assert.ok(e instanceof OcpError && e.kind === 'network', String(e));
      assert.equal(outcomeUnknown(e), false, e.message);
    } finally {
      await dead.close();
    }
  });
});
