// Fault cases on the four operations, each sent by its command with a script's argument object (the same
// code path as the wizards' last step). The POST must go out exactly once, the error must name the problem
// (and, when OCP may have acted anyway, say so), the target must be free again, and once the fault is
// cleared the operation must work with exactly one more POST, or, when OCP did act, the started task must
// show up in the Tasks view rather than be sent again.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { OcpSimulator } from '../../ocp-sim/api';
import { waitFor } from '../support';
import type { CaseRecord, FaultDef, PlaceId } from './cases';
import { enterCredentials, errText, postsTo, runCase, sleep, type Any, type Place, type PlaceEnv } from './support';

const WAIT_MS = 30_000;

/** "OCP may have started it" wording of the extension for outcomes it cannot know. */
export const MAY_HAVE_STARTED = /may have (started|done)|check the Tasks view/i;

interface Target {
  command: string;
  args: Record<string, unknown>;
  busyKey: string;
  /** Every POST of this operation on this target. */
  post: RegExp;
  /** The task this operation starts, as the Tasks view lists it. */
  isItsTask(t: Any): boolean;
  /** The simulator is ready for another operation on this target (a performed one has ended). */
  settled(): boolean;
}

interface OperationSpec {
  place: PlaceId;
  /** Path (RegExp source) the fault is put on. */
  faultPath: string;
  next(env: PlaceEnv, fault: FaultDef): Target;
}

function operationPlace(env: PlaceEnv, spec: OperationSpec): Place {
  const { s, sim, conn } = env;
  const notApplicable = {
    missingFields: 'the answer is a task; missing task fields are covered by the tracker',
    longNames: 'covered by the Explorer and the tracker', htmlNames: 'covered by the Explorer and the tracker',
    huge: 'covered by the Explorer and the tracker', cycle: 'covered by the tracker and the panel',
  };

  async function refreshTree(): Promise<void> {
    s.explorer.refreshNode({ kind: 'connection', connection: s.connections.get(conn) });
    await s.explorer.getChildren({ kind: 'connection', connection: s.connections.get(conn) });
  }

  async function waitEnd(taskId: number): Promise<Any> {
    return waitFor(() => {
      const t = s.taskHost.latest(conn, taskId);
      return t && (t.status === 'SUCCESSFUL' || t.status === 'FAILED') ? t : undefined;
    }, WAIT_MS, `task ${taskId} to end`);
  }

  async function requestCase(fault: FaultDef, rec: CaseRecord): Promise<void> {
    await refreshTree();
    const target = spec.next(env, fault);
    sim.clearRequests();
    const id = sim.addFault({ ...fault.request!, method: 'POST', path: spec.faultPath });
    let error: unknown;
    let result: Any;
    try {
      result = await vscode.commands.executeCommand(target.command, target.args);
    } catch (e) {
      error = e;
    } finally {
      sim.removeFault(id);
    }
    let invocations = 1;
    if (fault.id === 'unknownEnums') {
      assert.ok(!error, `the operation failed: ${errText(error)}`);
      assert.ok(result?.taskId > 0, 'no task id');
      rec.message = `task #${result.taskId} started (status ${result.task.rawStatus} in the answer)`;
      assert.strictEqual(result.task.status, 'UNKNOWN');
      const end = await waitEnd(result.taskId);
      assert.strictEqual(end.status, 'SUCCESSFUL');
      rec.note('started; the next poll read the real status and tracked it to SUCCESSFUL');
    } else {
      assert.ok(error, 'the command succeeded under the fault');
      rec.message = errText(error);
      assert.match(rec.message, fault.expect!);
      if (fault.ambiguous) rec.warnedUncertain = MAY_HAVE_STARTED.test(rec.message);
      if (fault.ambiguous) assert.match(rec.message, MAY_HAVE_STARTED, 'the message does not warn that OCP may have acted');
      else assert.doesNotMatch(rec.message, MAY_HAVE_STARTED, 'a clear failure is reported as uncertain');
      assert.strictEqual(postsTo(sim, target.post), 1, 'the POST was sent more than once');
      assert.ok(!s.busy.get(target.busyKey), 'the target is still marked busy');
      if (fault.id === 'unauthorized') await enterCredentials(conn);
      if (fault.performed) {
        const task = await waitFor(async () => (await s.tasks.tasksOf(conn)).find((t: Any) => target.isItsTask(t)), WAIT_MS, 'the started task in the Tasks view');
        rec.note(`OCP did start it: task #${task.id} is listed in the Tasks view (refreshed after the error); not sent again`);
        await waitFor(() => target.settled(), WAIT_MS, 'the started operation to end');
      } else {
        const again: Any = await vscode.commands.executeCommand(target.command, target.args);
        invocations++;
        assert.ok(again?.taskId > 0, 'no task after the fault was cleared');
        assert.strictEqual(postsTo(sim, target.post), 2, 'running it again sent more than one POST');
        const end = await waitEnd(again.taskId);
        assert.strictEqual(end.status, 'SUCCESSFUL');
        rec.note(`sent once; ${fault.id === 'unauthorized' ? 'after Enter Credentials, ' : ''}running it again sent one POST and task #${again.taskId} succeeded`);
        if (fault.id === 'http500') {
          // A SUCCESSFUL task is dropped from polling once seen: no GET of it in a window after its end.
          const task = new RegExp(`^/api/v2/tasks/instances/${again.taskId}$`);
          const seen = sim.requests.filter((r) => task.test(r.path)).length;
          await sleep(2000);
          const after = sim.requests.filter((r) => task.test(r.path)).length - seen;
          assert.strictEqual(after, 0, `${after} GET(s) of the task after it was seen SUCCESSFUL`);
          rec.note('no GET of the task in the 2 s after it was seen SUCCESSFUL');
        }
      }
    }
    rec.recovered = true;
    rec.posts = postsTo(sim, target.post);
    rec.duplicatePosts = Math.max(0, rec.posts - invocations);
    const performed = sim.requests.filter((r) => r.method === 'POST' && target.post.test(r.path) && r.status >= 200 && r.status < 300).length;
    assert.ok(performed <= 1, `OCP performed the operation ${performed} times`);
  }

  return {
    ids: [spec.place],
    notApplicable,
    run(fault) {
      if (!fault.request) return undefined;
      return runCase(spec.place, fault.id, (rec) => requestCase(fault, rec), env).then((r) => [r]);
    },
  };
}

function maxTaskId(sim: OcpSimulator): number {
  return Math.max(0, ...sim.state.tasks.keys());
}

export function createCluster(env: PlaceEnv): Place {
  let n = 0;
  return operationPlace(env, {
    place: 'op.create',
    faultPath: '^/api/v2/ob/clusters$',
    next({ sim, conn }, fault) {
      const template = sim.state.hosts.get(100010)!;
      const hostId = 190_000 + ++n;
      sim.state.hosts.set(hostId, { ...template, id: hostId, name: `fault-host-${n}`, innerIpAddress: `10.9.${n >> 8}.${n & 255}` });
      const name = `fault_${fault.id}_${n}`;
      const rpmName = sim.state.packages.find((p) => p.type === 'OB_SERVER_INSTALL_PACKAGE')!.fileName;
      const since = maxTaskId(sim);
      return {
        command: 'ocp.createCluster',
        args: { connectionId: conn, name, type: 'PRIMARY', rpmName, password: 'Fault_pw_1', zones: [{ name: 'zone1', idcName: 'hz1', servers: [hostId] }] },
        busyKey: `${conn}/connection/create:${name.toLowerCase()}`,
        post: /^\/api\/v2\/ob\/clusters$/,
        isItsTask: (t) => t.id > since && t.clusterId === sim.state.clusterByName(name)?.id,
        settled: () => sim.state.clusterByName(name)?.status === 'RUNNING',
      };
    },
  });
}

export function takeOver(env: PlaceEnv): Place {
  let n = 0;
  return operationPlace(env, {
    place: 'op.takeOver',
    faultPath: '/takeOver$',
    next({ sim, conn }) {
      const address = `10.0.9.${++n}`;
      const since = maxTaskId(sim);
      const taken = () => [...sim.state.clusters.values()].find((c) => c.zones.some((z) => z.servers.some((x) => x.ip === address)));
      return {
        command: 'ocp.takeOverCluster',
        args: { connectionId: conn, address, port: 2881, connectionMode: 'direct', rootSysPassword: 'Fault_pw_1', saveToCredential: false, switchConfigUrl: false, allHostsManaged: true },
        busyKey: `${conn}/connection/takeover:${address}:2881`,
        post: /\/takeOver$/,
        isItsTask: (t) => t.id > since && /take over/i.test(t.name),
        settled: () => taken()?.status === 'RUNNING',
      };
    },
  });
}

export function stopCluster(env: PlaceEnv): Place {
  const used = new Set<number>();
  return operationPlace(env, {
    place: 'op.stop',
    faultPath: '/stop$',
    next({ sim, conn }) {
      const c = [...sim.state.clusters.values()].find((x) => x.status === 'RUNNING' && x.name.startsWith('gen_cluster_') && !used.has(x.id));
      assert.ok(c, 'no running cluster left to stop');
      used.add(c.id);
      const since = maxTaskId(sim);
      return {
        command: 'ocp.stopCluster',
        args: { connectionId: conn, clusterId: c.id, confirm: true },
        busyKey: `${conn}/cluster/${c.id}`,
        post: new RegExp(`^/api/v2/ob/clusters/${c.id}/stop$`),
        isItsTask: (t) => t.id > since && t.clusterId === c.id,
        settled: () => c.status === 'STOPPED',
      };
    },
  });
}

export function switchover(env: PlaceEnv): Place {
  const A = 2000002;
  const B = 2000006;
  return operationPlace(env, {
    place: 'op.switchover',
    faultPath: '/switchover$',
    next({ sim, conn }) {
      const a = sim.state.tenant(A)!;
      const b = sim.state.tenant(B)!;
      const [primary, standby] = a.tenantRole === 'PRIMARY' ? [a, b] : [b, a];
      assert.strictEqual(primary.status, 'NORMAL', 'the pair is still switching');
      const since = maxTaskId(sim);
      return {
        command: 'ocp.switchoverTenant',
        args: { connectionId: conn, clusterId: primary.clusterId, tenantId: primary.id, standbyTenantId: standby.id, confirm: true },
        busyKey: `${conn}/tenant/${primary.id}`,
        post: new RegExp(`^/api/v2/ob/clusters/${primary.clusterId}/tenants/${primary.id}/switchover$`),
        isItsTask: (t) => t.id > since && (t.tenantId === primary.id || t.tenantId === standby.id),
        settled: () => primary.status === 'NORMAL' && standby.status === 'NORMAL' && primary.tenantRole === 'STANDBY',
      };
    },
  });
}
