// The wizards count themselves: the step number and total come from the steps that show (answers given by
// a script skip steps and shrink the total), the first shown step is 1, and Back from every step returns
// to the step shown before it.
import './vscode-stub';
import * as assert from 'node:assert/strict';
import { connectionWizard } from '../../../src/wizards/connection';
import { createClusterWizard } from '../../../src/wizards/createCluster';
import { counter, runWizard, type WizardStep } from '../../../src/wizards/steps';
import { takeOverWizard } from '../../../src/wizards/takeOver';
import { BACK, ScriptPrompter, type Answer, type Question } from './script-prompter';

const counters = (qs: Question[]) => qs.filter((q) => q.kind !== 'confirm').map((q) => `${q.step}/${q.total}`);

/** For a wizard whose forward script is `forward` (one answer per question), Back from question k re-asks question k-1 of the previous step. */
async function backFromEveryStep(run: (p: ScriptPrompter) => Promise<unknown>, forward: Answer[]): Promise<void> {
  const plain = new ScriptPrompter([...forward]);
  await run(plain);
  const qs = plain.asked;
  for (let k = 1; k < qs.length; k++) {
    if (qs[k].kind === 'confirm' || qs[k].step === qs[k - 1].step) continue; // Back is per step, on its first question
    // Answer up to question k, say Back there, then answer the previous step again and go on.
    const prevStepStart = qs.findIndex((q) => q.step === qs[k - 1].step);
    const script: Answer[] = [...forward.slice(0, k), BACK, ...forward.slice(prevStepStart)];
    const p = new ScriptPrompter(script);
    await run(p);
    assert.equal(p.remaining, 0, `Back at "${qs[k].text}"`);
    assert.equal(p.asked[k + 1].text, qs[prevStepStart].text, `Back at "${qs[k].text}" did not return to "${qs[prevStepStart].text}"`);
    assert.equal(p.asked[k + 1].step, qs[prevStepStart].step);
  }
}

describe('wizard steps', () => {
  it('counts the steps that show and numbers the first shown step 1', async () => {
    const steps: WizardStep<{ skip?: boolean }>[] = [
      { shows: (a) => !a.skip, ask: async () => undefined },
      { shows: () => true, ask: async () => undefined },
      { shows: () => true, ask: async () => undefined },
    ];
    assert.deepEqual(counter(steps, 0, {}), { step: 1, totalSteps: 3 });
    assert.deepEqual(counter(steps, 1, { skip: true }), { step: 1, totalSteps: 2 });
    assert.deepEqual(counter(steps, 2, { skip: true }), { step: 2, totalSteps: 2 });
  });

  it('goes back to the previous shown step, passing over steps that do not show', async () => {
    const order: string[] = [];
    let backOnce = true;
    await runWizard('t', [
      { shows: () => true, ask: async (v) => { order.push(`a${v.step}`); } },
      { shows: () => false, ask: async () => { order.push('hidden'); } },
      { shows: () => true, ask: async (v) => { order.push(`c${v.step}`); if (backOnce) { backOnce = false; return BACK; } } },
    ], {});
    assert.deepEqual(order, ['a1', 'c2', 'a1', 'c2']);
  });
});

describe('connection wizard', () => {
  const https: Answer[] = ['https://ocp.example.com', 'Prod', 'basic', 'admin', 'pw', 'system'];

  it('numbers six steps for https (TLS included) and five for http to this machine', async () => {
    const p = new ScriptPrompter([...https]);
    await connectionWizard(p, {});
    assert.deepEqual(counters(p.asked), ['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
    const h = new ScriptPrompter(['http://127.0.0.1:8080', 'Local', 'basic', 'admin', 'pw']);
    await connectionWizard(h, {});
    assert.deepEqual(counters(h.asked), ['1/6', '2/5', '3/5', '4/5', '5/5']);
  });

  it('does not count the answers a script gave', async () => {
    const p = new ScriptPrompter(['basic', 'admin', 'pw', 'system']);
    await connectionWizard(p, { url: 'https://ocp.example.com', name: 'Given' });
    assert.deepEqual(counters(p.asked), ['1/4', '2/4', '3/4', '4/4']);
  });

  it('warns about plain HTTP to another machine and goes back to the address when declined', async () => {
    const p = new ScriptPrompter(['http://ocp.example.com:8080', false, 'https://ocp.example.com', 'Prod', 'basic', 'admin', 'pw', 'system']);
    const r = await connectionWizard(p, {});
    assert.equal(r.config.url, 'https://ocp.example.com');
    const warning = p.asked.find((q) => q.kind === 'confirm')!;
    assert.match(warning.text, /plain HTTP/);
  });

  it('has Back on every step after the first, the TLS step included', async () => {
    await backFromEveryStep((p) => connectionWizard(p, {}), https);
  });
});

describe('create cluster wizard', () => {
  const client = {
    listSoftwarePackages: async () => [{ fileName: 'oceanbase-4.2.1.rpm', version: '4.2.1' }],
    listIdcs: async () => [{ name: 'hz1' }],
    // Free hosts come from GET /api/v2/compute/hosts (core/ocp/lookups.ts listFreeHosts), documented fields only.
    listAll: async (path: string) => (path === '/api/v2/compute/hosts'
      ? [{ id: 1, innerIpAddress: '10.0.0.1', idcName: 'hz1', services: [] }, { id: 2, innerIpAddress: '10.0.0.2', idcName: 'hz1', services: [] }]
      : []),
  } as any;
  const ctx = { client, takenNames: [], onCopyCurl: async () => undefined };
  const forward: Answer[] = ['c1', 'PRIMARY', 'oceanbase-4.2.1.rpm', 'Pw_1', 'Pw_1', 'zone1', 'hz1', { many: [1] }, 'done', 'create'];

  it('counts seven steps until one zone is chosen, then six', async () => {
    const p = new ScriptPrompter([...forward]);
    const body = await createClusterWizard(p, ctx, {}, true);
    assert.deepEqual(body.zones, [{ name: 'zone1', idcName: 'hz1', servers: [1] }]);
    assert.deepEqual(counters(p.asked), ['1/7', '2/7', '3/7', '4/7', '4/7', '5/7', '5/7', '5/7', '5/7', '6/6']);
  });

  it('does not count the answers a script gave', async () => {
    const p = new ScriptPrompter(['oceanbase-4.2.1.rpm', 'Pw_1', 'Pw_1', 'zone1', 'hz1', { many: [1] }, 'done', 'create']);
    await createClusterWizard(p, ctx, { name: 'given', type: 'PRIMARY' }, true);
    assert.equal(p.asked[0].step, 1);
    assert.equal(p.asked.at(-1)!.total, 4);
  });

  it('has Back on every step after the first', async () => {
    await backFromEveryStep((p) => createClusterWizard(p, ctx, {}, true), forward);
  });
});

describe('take over wizard', () => {
  const client = { listHostTypes: async () => [], listCredentials: async () => [] } as any;
  const direct: Answer[] = ['10.0.0.1', 'direct', '2881', 'Pw_1', true, true, true];

  it('does not count the OBProxy step for a direct connection', async () => {
    const p = new ScriptPrompter([...direct]);
    await takeOverWizard(p, client, {});
    assert.deepEqual(counters(p.asked), ['1/8', '2/8', '3/7', '4/7', '5/7', '6/7', '7/7']);
    const proxy = new ScriptPrompter(['10.0.0.1', 'proxy', '2883', 'obc', '', 'Pw_1', true, true, true]);
    await takeOverWizard(proxy, client, {});
    assert.deepEqual(counters(proxy.asked), ['1/8', '2/8', '3/8', '4/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
  });

  it('does not count the answers a script gave', async () => {
    const p = new ScriptPrompter(['Pw_1', true]);
    await takeOverWizard(p, client, { address: '10.0.0.1', connectionMode: 'direct', port: 2881, switchConfigUrl: true, allHostsManaged: true });
    assert.deepEqual(counters(p.asked), ['1/2', '2/2']);
  });

  it('has Back on every step after the first', async () => {
    await backFromEveryStep((p) => takeOverWizard(p, client, {}), direct);
  });
});
