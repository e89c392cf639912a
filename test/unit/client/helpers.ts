// Shared setup for the OCP client tests: one simulator per suite (paused clock, reset before each test),
// clients with fast retry settings that are closed after each test, and small assertion helpers.
import * as assert from 'node:assert/strict';
import { OcpClient } from '../../../src/core/ocp/client';
import { OcpError, type OcpErrorKind } from '../../../src/core/ocp/errors';
import type { AuthConfig, ConnectionOptions } from '../../../src/core/ocp/types';
import { startSimulator, type OcpSimulator, type RecordedRequest, type SimOptions } from '../../ocp-sim/api';

export const BASIC: AuthConfig = { kind: 'basic', username: 'admin', password: 'aaAA11__' };
export const ACCESS_KEY: AuthConfig = { kind: 'accessKey', accessKeyId: 'AK_SIM_ADMIN', secret: 'SK_sim_0123456789abcdef' };

/** Short backoffs and timeouts so fault tests stay fast. */
export const FAST: Partial<ConnectionOptions> = { retries: 2, retryBaseMs: 5, retryMaxMs: 20, timeoutMs: 3000, maxRateLimitWaitMs: 3000 };

export interface SimSuite {
  sim(): OcpSimulator;
  /** A client of the suite's simulator (Basic admin, FAST settings), closed after the test. */
  client(more?: Partial<ConnectionOptions>): OcpClient;
  /** Registers a client built elsewhere so it is closed after the test. */
  track(c: OcpClient): OcpClient;
}

export function useClientSim(opts: SimOptions = {}): SimSuite {
  let sim: OcpSimulator | undefined;
  let open: OcpClient[] = [];
  before(async () => {
    sim = await startSimulator({ clockSpeed: 0, ...opts });
  });
  beforeEach(() => {
    sim!.reset();
    sim!.setClockSpeed(opts.clockSpeed ?? 0);
  });
  afterEach(async () => {
    await Promise.all(open.map((c) => c.close()));
    open = [];
  });
  after(async () => {
    await sim?.close();
  });
  const track = (c: OcpClient) => {
    open.push(c);
    return c;
  };
  return {
    sim: () => sim!,
    client: (more = {}) => track(new OcpClient({ url: sim!.url, auth: BASIC, ...FAST, ...more })),
    track,
  };
}

/** The rejection of `p` as an OcpError (fails the test if `p` resolves or throws something else). */
export async function ocpError(p: Promise<unknown>, kind?: OcpErrorKind): Promise<OcpError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof OcpError, `expected an OcpError, got ${String(e)}`);
    if (kind) assert.equal(e.kind, kind, `kind of "${e.message}"`);
    return e;
  }
  assert.fail('expected the call to fail');
}

/** The only request the simulator recorded (fails unless exactly one). */
export function onlyRequest(sim: OcpSimulator): RecordedRequest {
  assert.equal(sim.requests.length, 1, `requests: ${sim.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  return sim.requests[0];
}

/** The last recorded request. */
export function lastRequest(sim: OcpSimulator): RecordedRequest {
  const r = sim.requests[sim.requests.length - 1];
  assert.ok(r, 'no request recorded');
  return r;
}

/** Resolves once `cond()` holds, polling every few ms; fails after `maxChecks` checks. */
export async function until(cond: () => boolean, what: string, maxChecks = 2500): Promise<void> {
  for (let i = 0; i < maxChecks; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  assert.fail(`never happened: ${what}`);
}
