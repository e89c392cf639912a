// Helpers for integration suites running inside the extension host: activate the extension, start
// the OCP simulator in-process, point the extension at it through `ocp.connections`, and poll.
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator, type SimOptions } from '../ocp-sim/api';
import { SIM_PASSWORD_ENV, simConnection, simUser, type ConnectionSetting } from '../harness/sim-connection';

export type { ConnectionSetting, OcpSimulator };
import { waitFor } from '../harness/wait';
export { waitFor };

export const EXTENSION_ID = 'ocp-explorer.ocp-explorer';

export function extension(): vscode.Extension<any> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext;
}

/** Activates the extension under test and returns what activate() returned. */
export async function activateExtension<T = any>(): Promise<T> {
  return (await extension().activate()) as T;
}

/** Command ids the extension contributes in package.json. */
export function contributedCommands(): string[] {
  const cmds: Array<{ command: string }> = extension().packageJSON.contributes?.commands ?? [];
  return cmds.map((c) => c.command);
}

/** Starts the OCP simulator in this process on a free port of 127.0.0.1. */
export function startSim(options?: SimOptions): Promise<OcpSimulator> {
  return startSimulator(options);
}

/** Registers before/after hooks in the current `describe` that start and close a simulator. */
export function useSim(options?: SimOptions): () => OcpSimulator {
  let sim: OcpSimulator | undefined;
  before(async () => { sim = await startSim(options); });
  after(async () => { await sim?.close(); sim = undefined; });
  return () => {
    if (!sim) throw new Error('the simulator is not running (useSim() starts it in a before hook)');
    return sim;
  };
}

/** What useConnectedSim() gives a suite once its before hook ran. */
export interface ConnectedSim {
  sim: OcpSimulator;
  /** The extension's test API (services, explorer, inventory, prompter, commandFailures, …). */
  s: any;
  /** The extension's own prompter, put back after every test. */
  original: any;
}

/**
 * Registers the hooks most operation suites share, in the current `describe`: a simulator, one connection to it
 * (`id`, `name`), the extension activated, `ocp.*` settings set for the suite and removed after it; before each
 * test the extension's list of command failures is emptied (it keeps the last 50), after each the prompter is put
 * back; at the end the suite's task panels are closed, the connection removed and the simulator closed.
 * Its before hook runs first: a suite's own `before` can use the returned object.
 */
export function useConnectedSim(o: { id: string; name: string; sim?: SimOptions; settings?: Record<string, unknown> }): ConnectedSim {
  const ctx = {} as ConnectedSim;
  const config = () => vscode.workspace.getConfiguration('ocp');
  beforeEach(() => { if (ctx.s) ctx.s.commandFailures.length = 0; });
  before(async () => {
    ctx.sim = await startSim(o.sim);
    for (const [k, v] of Object.entries(o.settings ?? {})) await config().update(k, v, vscode.ConfigurationTarget.Global);
    await configureConnection(ctx.sim.url, { id: o.id, name: o.name });
    ctx.s = (await activateExtension<{ test: any }>()).test;
    ctx.original = ctx.s.prompter;
    await waitFor(() => ctx.s.connections.get(o.id), 10_000, 'the connection');
  });
  afterEach(() => { if (ctx.s) ctx.s.prompter = ctx.original; });
  after(async () => {
    if (ctx.s) {
      ctx.s.prompter = ctx.original;
      for (const p of ctx.s.taskPanels.list()) if (p.connectionId === o.id) p.dispose();
    }
    for (const k of Object.keys(o.settings ?? {})) await config().update(k, undefined, vscode.ConfigurationTarget.Global);
    await clearConnections();
    await ctx.sim?.close();
  });
  return ctx;
}

/**
 * Replaces `ocp.connections` in the user settings with one Basic-auth connection to the simulator at
 * `url` (its default user; the password is put in this process's environment, which the extension
 * shares, under the variable the connection's `passwordEnv` names). Returns the connection.
 */
export async function configureConnection(url: string, overrides: Partial<ConnectionSetting> = {}): Promise<ConnectionSetting> {
  process.env[SIM_PASSWORD_ENV] = simUser().password;
  const conn = simConnection(url, overrides);
  await setConnections([conn]);
  return conn;
}

export async function setConnections(conns: ConnectionSetting[]): Promise<void> {
  await vscode.workspace.getConfiguration('ocp').update('connections', conns, vscode.ConfigurationTarget.Global);
}

export async function clearConnections(): Promise<void> {
  await vscode.workspace.getConfiguration('ocp').update('connections', undefined, vscode.ConfigurationTarget.Global);
}

export function connections(): ConnectionSetting[] {
  return vscode.workspace.getConfiguration('ocp').get<ConnectionSetting[]>('connections') ?? [];
}

/** Explorer nodes as the tests see them (plain objects of src/views/explorerNodes.ts). */
type TreeNode = any;
interface ExplorerLike { getChildren(n?: TreeNode): Promise<TreeNode[]> }

/** A cluster node's "Tenants (n)" or "Zones (n)" group (issue #17: a cluster expands to these two groups). */
export async function groupNode(explorer: ExplorerLike, clusterNode: TreeNode, group: 'tenants' | 'zones'): Promise<TreeNode> {
  const found = (await explorer.getChildren(clusterNode)).find((n) => n.kind === 'group' && n.group === group);
  if (!found) throw new Error(`cluster ${clusterNode?.cluster?.name} has no ${group} group`);
  return found;
}

/** The children of a cluster node's "Tenants (n)" group: its tenants (or a message node). */
export async function tenantNodes(explorer: ExplorerLike, clusterNode: TreeNode): Promise<TreeNode[]> {
  return explorer.getChildren(await groupNode(explorer, clusterNode, 'tenants'));
}

/**
 * Whether a menu entry's `when` offers it on an item: the clauses package.json uses on items (`view == x`,
 * `viewItem == y`, `viewItem =~ /re/`, joined by &&); any other clause fails the test that asks.
 */
export function menuOffers(when: string | undefined, view: string, viewItem: string): boolean {
  if (!when) return true;
  return when.split('&&').map((c) => c.trim()).every((c) => {
    let m = /^view == (\S+)$/.exec(c);
    if (m) return m[1] === view;
    m = /^viewItem == (\S+)$/.exec(c);
    if (m) return m[1] === viewItem;
    m = /^viewItem =~ \/(.*)\/$/.exec(c);
    if (m) return new RegExp(m[1]).test(viewItem);
    throw new Error(`the test cannot evaluate the when clause "${c}"`);
  });
}

