// Fault cases in the two trees: the Explorer (a connection's clusters, a cluster's tenants) and the Tasks
// view (a connection's recent tasks). A request fault must give an error node naming the problem, with a
// Retry that brings the normal list back once the fault is cleared; a data fault must still list every item
// the server has, with unique tree ids and safe tooltips.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Tenant } from '../../ocp-sim/api';
import type { CaseRecord, FaultDef, PlaceId } from './cases';
import { assertSafeTooltip, enterCredentials, IMG, labelOf, longName, runCase, SCRIPT, text, type Any, type Place, type PlaceEnv } from './support';

/** What the generic tree cases need to know about one tree level. */
interface TreeLevel {
  place: PlaceId;
  env: PlaceEnv;
  /** Path (RegExp source) of the GET that fills this level. */
  path: string;
  /** Forget what is loaded and load the level again. */
  reload(): Promise<Any[]>;
  /** The level as the tree shows it now. */
  children(): Promise<Any[]>;
  /** Names the server has for this level, in any order. */
  expectedNames(): string[];
  /** The name a data node stands for. */
  nameOf(n: Any): string;
  dataKind: string;
  retryCommand: string;
  /** Mutates the simulator's records for a data fault and returns how to undo it; undefined: not applicable. */
  mutate(fault: FaultDef, rec: CaseRecord): (() => void) | undefined;
  /** Checks the level while a data fault is active. */
  checkData(fault: FaultDef, nodes: Any[], rec: CaseRecord): void;
}

function item(level: TreeLevel, n: Any): vscode.TreeItem {
  return level.place === 'tasks.view' ? level.env.s.tasks.getTreeItem(n) : level.env.s.explorer.getTreeItem(n);
}

function assertData(level: TreeLevel, nodes: Any[], what: string, expected = level.expectedNames()): void {
  assert.ok(nodes.length > 0, `${what}: the level is empty`);
  const bad = nodes.find((n) => n.kind !== level.dataKind);
  assert.ok(!bad, `${what}: a ${bad?.kind} node "${bad ? labelOf(item(level, bad)) : ''}" among the data`);
  const names = nodes.map((n) => level.nameOf(n)).sort();
  const have = new Set(names);
  const want = new Set(expected);
  const missing = expected.filter((n) => !have.has(n));
  const extra = names.filter((n) => !want.has(n));
  assert.ok(names.length === expected.length && !missing.length && !extra.length,
    `${what}: ${names.length} items for ${expected.length} on the server; missing ${short(missing)}; unexpected ${short(extra)}`);
  const ids = nodes.map((n) => item(level, n).id);
  assert.strictEqual(new Set(ids).size, ids.length, `${what}: tree item ids are not unique (${ids.join(', ')})`);
}

async function requestCase(level: TreeLevel, fault: FaultDef, rec: CaseRecord): Promise<void> {
  const { sim, conn } = level.env;
  sim.clearRequests();
  const re = new RegExp(level.path);
  const id = sim.addFault({ ...fault.request!, method: 'GET', path: level.path });
  let nodes: Any[];
  try {
    nodes = await level.reload();
  } finally {
    sim.removeFault(id);
  }
  const attempts = sim.requests.filter((r) => r.method === 'GET' && re.test(r.path)).length;
  if (nodes.length === 0) rec.blank = true;
  assert.ok(nodes.length > 0, 'the level is empty instead of showing the error');
  const first = labelOf(item(level, nodes[0]));
  rec.message = first;
  assert.strictEqual(nodes[0].kind, 'message', `the first node is a ${nodes[0].kind}, not an error`);
  assert.match(first, fault.expect!);
  if (fault.id === 'unauthorized') {
    if (level.place !== 'tasks.view') assert.match(first, /rejected the credentials/);
    assert.ok(nodes.some((n) => n.command?.command === 'ocp.enterSecret'), 'no "Enter new credentials" node');
  }
  assert.strictEqual(attempts, fault.id === 'unauthorized' ? 1 : attempts, 'a 401 was retried');
  const retry = nodes.find((n) => n.command?.command === level.retryCommand);
  assert.ok(retry, `no node runs ${level.retryCommand}`);
  if (fault.id === 'unauthorized') await enterCredentials(conn);
  await vscode.commands.executeCommand(retry.command.command, ...(retry.command.arguments ?? []));
  const after = await level.children();
  assertData(level, after, 'after Retry');
  rec.recovered = true;
  rec.posts = sim.count('POST', /./);
  assert.strictEqual(rec.posts, 0, 'reading sent a POST');
  const credentialsNode = nodes.some((n) => n.command?.command === 'ocp.enterSecret');
  const how = fault.id !== 'unauthorized' ? '' : credentialsNode ? 'Enter new credentials… + ' : 'Enter Credentials (from the notification; no node here) + ';
  rec.note(`error node after ${attempts} GET${attempts > 1 ? 's (retried)' : ' (not retried)'}; ${how}Retry lists all ${after.length}`);
}

function short(names: string[]): string {
  return names.length ? names.slice(0, 3).map((n) => JSON.stringify(n.length > 40 ? `${n.slice(0, 40)}…` : n)).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '') : 'none';
}

async function dataCase(level: TreeLevel, fault: FaultDef, rec: CaseRecord): Promise<void> {
  const { sim } = level.env;
  sim.clearRequests();
  const undo = level.mutate(fault, rec)!;
  let nodes: Any[];
  let expected: string[];
  try {
    nodes = await level.reload();
    expected = level.expectedNames();
  } finally {
    undo();
  }
  if (nodes.length === 0) rec.blank = true;
  assertData(level, nodes, `with ${fault.title}`, expected);
  for (const n of nodes) assertSafeTooltip(item(level, n), labelOf(item(level, n)));
  level.checkData(fault, nodes, rec);
  const after = await level.reload();
  assertData(level, after, 'after the data was restored');
  rec.recovered = true;
  rec.posts = sim.count('POST', /./);
  assert.strictEqual(rec.posts, 0, 'reading sent a POST');
}

function treePlace(level: TreeLevel, notApplicable: Place['notApplicable']): Place {
  return {
    ids: [level.place],
    notApplicable,
    run(fault) {
      if (notApplicable?.[fault.id] || fault.id === 'selfSignedTls') return undefined;
      return runCase(level.place, fault.id, (rec) => (fault.request && fault.id !== 'unknownEnums' ? requestCase(level, fault, rec) : dataCase(level, fault, rec))).then((r) => [r]);
    },
  };
}

function unknownEnumFault(level: TreeLevel, rec: CaseRecord): () => void {
  const id = level.env.sim.addFault({ kind: 'unknownEnums', value: 'HIBERNATING', method: 'GET', path: level.path });
  rec.note('every status HIBERNATING');
  return () => level.env.sim.removeFault(id);
}

/** Saves fields of a record, then deletes or replaces them; the returned function puts them back. */
function patch<T extends object>(obj: T, changes: Partial<Record<keyof T, unknown>>): () => void {
  const saved = new Map<keyof T, { had: boolean; value: unknown }>();
  for (const k of Object.keys(changes) as (keyof T)[]) {
    saved.set(k, { had: k in obj, value: obj[k] });
    const v = changes[k];
    if (v === undefined) delete obj[k];
    else (obj as Any)[k] = v;
  }
  return () => {
    for (const [k, s] of saved) {
      if (s.had) (obj as Any)[k] = s.value;
      else delete obj[k];
    }
  };
}

function undoAll(undos: (() => void)[]): () => void {
  return () => { for (const u of undos.reverse()) u(); };
}

// ---- Explorer: clusters ----------------------------------------------------------------------------

export function explorerClusters(env: PlaceEnv): Place {
  const { s, sim, conn } = env;
  const connNode = () => ({ kind: 'connection', connection: s.connections.get(conn) });
  const level: TreeLevel = {
    place: 'explorer.clusters', env, path: '^/api/v2/ob/clusters$', dataKind: 'cluster', retryCommand: 'ocp.refresh',
    reload: async () => { s.explorer.refreshNode(connNode()); return s.explorer.getChildren(connNode()); },
    children: async () => s.explorer.getChildren(connNode()),
    expectedNames: () => [...sim.state.clusters.values()].map((c) => c.name ?? `#${c.id ?? -1}`),
    nameOf: (n) => labelOf(s.explorer.getTreeItem(n)),
    mutate(fault, rec) {
      const prod = sim.state.clusters.get(1000001)!;
      const dr = sim.state.clusters.get(1000002)!;
      const test = sim.state.clusters.get(1000003)!;
      const dev = sim.state.clusters.get(1000004)!;
      switch (fault.id) {
        case 'unknownEnums': return unknownEnumFault(level, rec);
        case 'missingFields':
          rec.note('dev: no name, status, version, type, zones; test and dr: no id');
          return undoAll([
            patch(dev, { name: undefined, status: undefined, obVersion: undefined, type: undefined, zones: undefined }),
            patch(test, { id: undefined }), patch(dr, { id: undefined }),
          ]);
        case 'longNames': return patch(prod, { name: longName('prod_') });
        case 'htmlNames': return undoAll([patch(dev, { name: IMG }), patch(test, { name: SCRIPT })]);
        case 'huge': {
          sim.addFault({ kind: 'largeInventory', clusters: 20_000, tenantsPerCluster: 1 });
          return () => { for (const id of [...sim.state.clusters.keys()]) if (id > 1000004) sim.state.removeCluster(id); };
        }
        default: return undefined;
      }
    },
    checkData(fault, nodes, rec) {
      const find = (id: number) => nodes.find((n) => n.cluster.id === id);
      const desc = (n: Any) => String(s.explorer.getTreeItem(n).description ?? '');
      switch (fault.id) {
        case 'unknownEnums': {
          for (const n of nodes) {
            assert.match(desc(n), /HIBERNATING \(unknown status\)/);
            assert.doesNotMatch(String(s.explorer.getTreeItem(n).contextValue), /\b(stoppable|startable)\b/, 'an operation is offered for an unknown status');
          }
          rec.message = desc(nodes[0]);
          rec.note('shown as "HIBERNATING (unknown status)", no stop/start offered; Refresh shows RUNNING again');
          return;
        }
        case 'missingFields': {
          const dev = find(1000004)!;
          assert.strictEqual(labelOf(s.explorer.getTreeItem(dev)), '#1000004');
          assert.match(desc(dev), /unknown status/);
          const noId = nodes.filter((n) => n.cluster.id < 0);
          assert.strictEqual(noId.length, 2, 'the clusters without an id are listed');
          for (const n of noId) assert.doesNotMatch(String(s.explorer.getTreeItem(n).contextValue), /\b(stoppable|startable)\b/, 'an operation is offered on a cluster without an id');
          rec.message = `#1000004 — ${desc(dev)}`;
          rec.note('listed as "#1000004 · ? (unknown status)"; clusters without an id listed by name, no operation offered');
          return;
        }
        case 'longNames': {
          const n = find(1000001)!;
          assert.strictEqual(labelOf(s.explorer.getTreeItem(n)), longName('prod_'));
          rec.message = `${longName('prod_').slice(0, 24)}… (400 characters)`;
          rec.note('the whole 400-character name is the label (VS Code elides it), tooltip escaped');
          return;
        }
        case 'htmlNames': {
          assert.strictEqual(labelOf(s.explorer.getTreeItem(find(1000004)!)), IMG);
          assert.strictEqual(labelOf(s.explorer.getTreeItem(find(1000003)!)), SCRIPT);
          rec.message = IMG;
          rec.note('names shown as text; tooltips escape them (no HTML, not trusted)');
          return;
        }
        case 'huge': {
          assert.strictEqual(nodes.length, 20_004);
          const pages = sim.requests.filter((r) => r.path === '/api/v2/ob/clusters');
          assert.ok(pages.every((r) => Number(r.query.size) <= 2000), 'a page larger than 2000');
          assert.ok(pages.length >= 11, `${pages.length} pages`);
          rec.message = `${nodes.length} cluster nodes`;
          rec.note(`20,004 clusters listed from ${pages.length} pages of ≤ 2,000`);
          return;
        }
      }
    },
  };
  return treePlace(level, { cycle: 'clusters have no graph' });
}

// ---- Explorer: tenants -----------------------------------------------------------------------------

/** A cluster's children without its Alerts group (always its last child; issue #18). */
function withoutAlerts(nodes: Any[]): Any[] {
  const last = nodes[nodes.length - 1];
  assert.strictEqual(last?.kind, 'alarmGroup', `the cluster's last child is a ${last?.kind}, not its Alerts group`);
  return nodes.slice(0, -1);
}

export function explorerTenants(env: PlaceEnv): Place {
  const { s, sim, conn } = env;
  const CLUSTER = 1000001;
  const connNode = () => ({ kind: 'connection', connection: s.connections.get(conn) });
  let clusterNode: Any;
  const cluster = async () => {
    if (!clusterNode) clusterNode = (await s.explorer.getChildren(connNode())).find((n: Any) => n.kind === 'cluster' && n.cluster.id === CLUSTER);
    assert.ok(clusterNode, 'the cluster node of obcluster_prod');
    return clusterNode;
  };
  const tenants = () => sim.state.tenantsOf(CLUSTER);
  const level: TreeLevel = {
    place: 'explorer.tenants', env, path: `^/api/v2/ob/clusters/${CLUSTER}/tenants$`, dataKind: 'tenant', retryCommand: 'ocp.refresh',
    // (A cluster ends with its Alerts group, issue #18: not part of this level.)
    reload: async () => { const c = await cluster(); s.explorer.refreshNode(c); return withoutAlerts(await s.explorer.getChildren(c)); },
    children: async () => withoutAlerts(await s.explorer.getChildren(await cluster())),
    expectedNames: () => tenants().map((t) => t.name ?? `#${t.id ?? -1}`),
    nameOf: (n) => labelOf(s.explorer.getTreeItem(n)),
    mutate(fault, rec) {
      const [sys, order, billing, analytics] = tenants();
      switch (fault.id) {
        case 'unknownEnums': return unknownEnumFault(level, rec);
        case 'missingFields':
          rec.note('analytics: no name, status, mode, role; order_mysql and billing_oracle: no id');
          return undoAll([
            patch(analytics, { name: undefined, status: undefined, mode: undefined, tenantRole: undefined }),
            patch(order, { id: undefined }), patch(billing, { id: undefined }),
          ]);
        case 'longNames': return patch(analytics, { name: longName('analytics_') });
        case 'htmlNames': return undoAll([patch(analytics, { name: IMG }), patch(sys, { name: SCRIPT })]);
        case 'huge': {
          const list = tenants();
          const before = list.length;
          for (let i = 0; i < 5000; i++) list.push({ ...analytics, id: 2_900_000 + i, name: `bulk_${String(i).padStart(4, '0')}`, standbyTenants: [], primaryTenant: null } as Tenant);
          return () => { list.length = before; };
        }
        default: return undefined;
      }
    },
    checkData(fault, nodes, rec) {
      const find = (id: number) => nodes.find((n) => n.tenant.id === id);
      const desc = (n: Any) => String(s.explorer.getTreeItem(n).description ?? '');
      switch (fault.id) {
        case 'unknownEnums':
          for (const n of nodes) {
            assert.match(desc(n), /HIBERNATING \(unknown status\)/);
            assert.doesNotMatch(String(s.explorer.getTreeItem(n).contextValue), /\bswitchable\b/, 'switchover offered for an unknown status');
          }
          rec.message = desc(nodes[0]);
          rec.note('shown as "HIBERNATING (unknown status)", no switchover offered');
          return;
        case 'missingFields': {
          const a = find(2000004)!;
          assert.strictEqual(labelOf(s.explorer.getTreeItem(a)), '#2000004');
          assert.match(desc(a), /unknown status/);
          assert.strictEqual(nodes.filter((n) => n.tenant.id < 0).length, 2, 'the tenants without an id are listed');
          rec.message = `#2000004 — ${desc(a)}`;
          rec.note('listed as "#2000004 · ? (unknown status)"; tenants without an id listed by name');
          return;
        }
        case 'longNames':
          assert.strictEqual(labelOf(s.explorer.getTreeItem(find(2000004)!)), longName('analytics_'));
          rec.message = `${longName('analytics_').slice(0, 24)}… (400 characters)`;
          rec.note('the whole 400-character name is the label, tooltip escaped');
          return;
        case 'htmlNames':
          assert.strictEqual(labelOf(s.explorer.getTreeItem(find(2000004)!)), IMG);
          assert.strictEqual(labelOf(s.explorer.getTreeItem(find(2000001)!)), SCRIPT);
          rec.message = IMG;
          rec.note('names shown as text; tooltips escape them');
          return;
        case 'huge': {
          assert.strictEqual(nodes.length, 5004);
          const pages = sim.requests.filter((r) => r.path === `/api/v2/ob/clusters/${CLUSTER}/tenants`).length;
          rec.message = `${nodes.length} tenant nodes`;
          rec.note(`5,004 tenants of one cluster listed from ${pages} pages`);
          return;
        }
      }
    },
  };
  return treePlace(level, { cycle: 'tenants have no graph' });
}

// ---- Tasks view --------------------------------------------------------------------------------------

export function tasksView(env: PlaceEnv): Place {
  const { s, sim, conn } = env;
  const connNode = () => ({ kind: 'connection', connectionId: conn, name: conn });
  const level: TreeLevel = {
    place: 'tasks.view', env, path: '^/api/v2/tasks/instances$', dataKind: 'task', retryCommand: 'ocp.refreshTasks',
    reload: async () => { s.tasks.refresh(); return s.tasks.getChildren(connNode()); },
    children: async () => s.tasks.getChildren(connNode()),
    expectedNames: () => [...sim.state.tasks.values()].map((t) => `#${t.id ?? -1} ${t.name ?? ''}`),
    nameOf: (n) => labelOf(s.tasks.getTreeItem(n)),
    mutate(fault, rec) {
      const [first, second] = [...sim.state.tasks.values()];
      switch (fault.id) {
        case 'unknownEnums': return unknownEnumFault(level, rec);
        case 'missingFields': {
          const third = sim.state.tasks.get(sim.createSyntheticTask({ subtasks: 3, status: 'SUCCESSFUL', name: 'Third task' }))!;
          rec.note('task 1: no name, status, creator; tasks 2 and 3: no id');
          return undoAll([
            () => sim.state.tasks.delete(third.id),
            patch(first, { name: undefined, status: undefined, creator: undefined }),
            patch(second, { id: undefined }), patch(third, { id: undefined }),
          ]);
        }
        case 'longNames': return patch(first, { name: longName('Create primary OB cluster ') });
        case 'htmlNames': return undoAll([patch(first, { name: IMG }), patch(second, { name: SCRIPT })]);
        case 'huge': {
          const id = sim.createSyntheticTask({ subtasks: 3000, status: 'SUCCESSFUL' });
          rec.note(`a 3,000-subtask task (#${id}) in the list`);
          return () => { sim.state.tasks.delete(id); };
        }
        default: return undefined;
      }
    },
    checkData(fault, nodes, rec) {
      const desc = (n: Any) => String(s.tasks.getTreeItem(n).description ?? '');
      const tip = (n: Any) => text(s.tasks.getTreeItem(n).tooltip as Any);
      switch (fault.id) {
        case 'unknownEnums':
          for (const n of nodes) assert.match(desc(n), /^HIBERNATING/);
          rec.message = desc(nodes[0]);
          rec.note('the raw status "HIBERNATING" is shown');
          return;
        case 'missingFields': {
          const noStatus = nodes.find((n) => n.task.id === 3000001)!;
          assert.ok(noStatus, 'the task without name and status is listed');
          const noId = nodes.filter((n) => n.task.id < 0);
          assert.strictEqual(noId.length, 2, 'the tasks without an id are listed');
          for (const n of noId) assert.strictEqual(s.tasks.getTreeItem(n).command, undefined, 'a task without an id can be opened');
          rec.message = labelOf(s.tasks.getTreeItem(noStatus));
          rec.note('listed by id; those without an id are listed by name and cannot be opened');
          return;
        }
        case 'longNames':
          assert.ok(nodes.some((n) => labelOf(s.tasks.getTreeItem(n)).endsWith(longName('Create primary OB cluster '))));
          rec.message = `#3000001 ${longName('Create primary OB cluster ').slice(0, 30)}…`;
          rec.note('the whole name is the label');
          return;
        case 'htmlNames': {
          const n = nodes.find((x) => x.task.name === IMG)!;
          assert.ok(n, 'the task named with HTML is listed');
          assert.match(tip(n), /onerror/, 'the name is missing from the tooltip');
          rec.message = labelOf(s.tasks.getTreeItem(n));
          rec.note('names shown as text; the tooltip is escaped text');
          return;
        }
        case 'huge':
          assert.ok(nodes.some((n) => /3000 subtasks/.test(n.task.name)));
          rec.message = labelOf(s.tasks.getTreeItem(nodes[0]));
          rec.note('listed like any task (the list has no subtasks)');
          return;
      }
    },
  };
  return treePlace(level, { cycle: 'the list has no subtasks' });
}
