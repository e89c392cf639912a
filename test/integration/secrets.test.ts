// Secrets stay in SecretStorage, and the task panel's webview can do nothing but what the protocol allows.
// Secrets: Basic and AccessKey connections are added with their password / secret, operations are run with
// passwords (create cluster, take over), a wrong password is tried, a task panel is opened; then the user
// settings (API and settings.json), every log file of the session (request lines at trace level included),
// the extension's global and workspace state and storage folders, and the panel's HTML and messages are
// searched for every secret and its Basic encoding. Results go to test-results/reliability/secrets.json.
// Webview: the page's Content Security Policy, and hostile messages that must change nothing.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { activateExtension, configureConnection, setConnections, waitFor } from './support';
import { writeReliability } from './faults/cases';
import { AlwaysConfirm, type Any } from './faults/support';

const stamp = Date.now().toString(36);
const SECRETS: Record<string, string> = {
  'Basic password': `Basic-${stamp}-pw!`,
  'AccessKey secret': `SK-${stamp}-secret`,
  'root@sys password (create cluster)': `Root_${stamp}_pw1`,
  'root@sys password (take over)': `Sys_${stamp}_pw2`,
  'wrong password (entered, rejected)': `Wrong-${stamp}-pw?`,
};
const ENCODED: Record<string, string> = {
  'Basic Authorization value': Buffer.from(`admin:${SECRETS['Basic password']}`).toString('base64'),
  'Basic Authorization value (wrong password)': Buffer.from(`admin:${SECRETS['wrong password (entered, rejected)']}`).toString('base64'),
};
const NEEDLES: [string, string][] = [...Object.entries(SECRETS), ...Object.entries(ENCODED)];

interface Searched {
  place: string;
  /** What was searched: files, keys, messages. */
  items: number;
  bytes: number;
  found: string[];
}

function search(place: string, texts: string[]): Searched {
  const found = new Set<string>();
  for (const t of texts) for (const [name, value] of NEEDLES) if (t.includes(value)) found.add(name);
  return { place, items: texts.length, bytes: texts.reduce((n, t) => n + t.length, 0), found: [...found] };
}

function filesUnder(dir: string | undefined): string[] {
  if (!dir || !fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function readTexts(files: string[]): string[] {
  return files.map((f) => fs.readFileSync(f).toString('utf8'));
}

describe('Secrets', function () {
  this.timeout(120_000);
  let s: Any;
  let basicSim: OcpSimulator;
  let akSim: OcpSimulator;
  let originalPrompter: Any;
  const BASIC = 'sec-basic';
  const AK = 'sec-ak';

  before(async () => {
    s = (await activateExtension<{ test: Any }>()).test;
    originalPrompter = s.prompter;
    s.prompter = new AlwaysConfirm();
    basicSim = await startSimulator({ clockSpeed: 50, scenario: { users: [{ username: 'admin', password: SECRETS['Basic password'] }] } });
    akSim = await startSimulator({ clockSpeed: 50, scenario: { accessKeys: [{ accessKey: 'AK_SECRETS', secret: SECRETS['AccessKey secret'], username: 'admin' }] } });
    await setConnections([]);
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    await vscode.workspace.getConfiguration('ocp').update('tasks.fastPollMilliseconds', 250, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ocp').update('tasks.slowPollMilliseconds', 1000, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    s.prompter = originalPrompter;
    for (const p of s.taskPanels.list()) if (p.connectionId === BASIC || p.connectionId === AK) p.dispose();
    for (const snap of s.taskHost.tracker.list()) if (snap.connectionId === BASIC || snap.connectionId === AK) s.taskHost.tracker.untrack(snap.connectionId, snap.taskId);
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    await vscode.workspace.getConfiguration('ocp').update('tasks.fastPollMilliseconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ocp').update('tasks.slowPollMilliseconds', undefined, vscode.ConfigurationTarget.Global);
    await setConnections([]);
    await basicSim?.close();
    await akSim?.close();
  });

  async function waitEnd(conn: string, taskId: number): Promise<Any> {
    return waitFor(() => {
      const t = s.taskHost.latest(conn, taskId);
      return t && (t.status === 'SUCCESSFUL' || t.status === 'FAILED') ? t : undefined;
    }, 30_000, `task ${taskId}`);
  }

  async function clusters(conn: string): Promise<Any[]> {
    const node = { kind: 'connection', connection: s.connections.get(conn) };
    s.explorer.refreshNode(node);
    return s.explorer.getChildren(node);
  }

  it('puts every password and secret in SecretStorage only: not in settings, logs, state or the webview', async () => {
    assert.strictEqual(s.log.logLevel, vscode.LogLevel.Trace, 'the log level could not be set to trace');
    // Two connections with their secrets, as a script (or the wizard) adds them.
    await vscode.commands.executeCommand('ocp.addConnection', { id: BASIC, name: 'Secrets Basic', url: basicSim.url, authType: 'basic', username: 'admin', password: SECRETS['Basic password'] });
    await vscode.commands.executeCommand('ocp.addConnection', { id: AK, name: 'Secrets AK', url: akSim.url, authType: 'accessKey', accessKeyId: 'AK_SECRETS', secret: SECRETS['AccessKey secret'] });
    assert.ok((await clusters(BASIC)).every((n: Any) => n.kind === 'cluster'), 'the Basic connection works');
    assert.ok((await clusters(AK)).every((n: Any) => n.kind === 'cluster'), 'the AccessKey connection works');

    // Operations whose bodies hold passwords, and one OCP refuses (400) with the password in its body.
    const rpmName = basicSim.state.packages.find((p) => p.type === 'OB_SERVER_INSTALL_PACKAGE')!.fileName;
    const created: Any = await vscode.commands.executeCommand('ocp.createCluster', { connectionId: BASIC, name: 'secrets_cluster', type: 'PRIMARY', rpmName, password: SECRETS['root@sys password (create cluster)'], zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010] }] });
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.createCluster', { connectionId: BASIC, name: 'secrets_bad', type: 'PRIMARY', rpmName: 'no-such.rpm', password: SECRETS['root@sys password (create cluster)'], zones: [{ name: 'zone1', idcName: 'hz1', servers: [100011] }] })));
    const takenOver: Any = await vscode.commands.executeCommand('ocp.takeOverCluster', { connectionId: BASIC, address: '10.0.5.1', port: 2881, connectionMode: 'direct', rootSysPassword: SECRETS['root@sys password (take over)'], saveToCredential: true, switchConfigUrl: false, allHostsManaged: true });
    const stopped: Any = await vscode.commands.executeCommand('ocp.stopCluster', { connectionId: AK, clusterId: 1000004, confirm: true });
    for (const [conn, r] of [[BASIC, created], [BASIC, takenOver], [AK, stopped]] as const) assert.strictEqual((await waitEnd(conn, r.taskId)).status, 'SUCCESSFUL');
    const bodies = JSON.stringify(basicSim.requests.map((r) => r.body));
    assert.ok(bodies.includes(SECRETS['root@sys password (create cluster)']) && bodies.includes(SECRETS['root@sys password (take over)']), 'the passwords were sent to OCP');

    // A wrong password entered, refused with 401, then the right one again.
    await vscode.commands.executeCommand('ocp.enterSecret', { connectionId: BASIC, secret: SECRETS['wrong password (entered, rejected)'] });
    const refused = await clusters(BASIC);
    assert.match(s.explorer.getTreeItem(refused[0]).label, /rejected the credentials/);
    await vscode.commands.executeCommand('ocp.enterSecret', { connectionId: BASIC, secret: SECRETS['Basic password'] });
    assert.ok((await clusters(BASIC)).every((n: Any) => n.kind === 'cluster'));

    // The task panel of the create task: its page and every message it was sent.
    const panel = s.taskPanels.open(BASIC, created.taskId);
    await waitFor(() => panel.isReady && panel.lastSnapshot()?.task, 60_000, 'the panel');
    const sub = panel.lastSnapshot().task.subtasks[0];
    await panel.receive({ type: 'selectSubtask', subtaskId: sub.id });
    await waitFor(() => panel.posted().some((m: Any) => m.type === 'log'), 20_000, 'a log in the panel');

    // Secrets are where they belong.
    assert.strictEqual(await s.context.secrets.get(`ocp.secret.${BASIC}`), SECRETS['Basic password']);
    assert.strictEqual(await s.context.secrets.get(`ocp.secret.${AK}`), SECRETS['AccessKey secret']);

    s.log.info('secrets test: flush');
    await new Promise((r) => setTimeout(r, 1500)); // log files are written asynchronously
    const config = vscode.workspace.getConfiguration();
    const ocpKeys = Object.keys(vscode.extensions.getExtension('ocp-explorer.ocp-explorer')!.packageJSON.contributes.configuration.properties);
    const userDir = path.resolve(s.context.globalStorageUri.fsPath, '..', '..');
    const logDir = path.dirname(s.context.logUri.fsPath);
    const sessionLogs = path.resolve(logDir, '..', '..');
    const logFiles = filesUnder(sessionLogs);
    const logText = readTexts(logFiles);
    const state = (m: vscode.Memento) => m.keys().map((k) => `${k}=${JSON.stringify(m.get(k))}`);
    const searched: Searched[] = [
      search('user settings (configuration API, every ocp.* setting, every scope)', ocpKeys.map((k) => JSON.stringify(config.inspect(k)))),
      search('User folder: settings.json and its other JSON files', readTexts(filesUnder(userDir).filter((f) => f.endsWith('.json') && !f.includes(`${path.sep}globalStorage${path.sep}`)))),
      search(`log files of the session (${logFiles.length} files, trace level)`, logText),
      search('extension global state', state(s.context.globalState)),
      search('extension workspace state', state(s.context.workspaceState)),
      search('extension storage folders', readTexts([...filesUnder(s.context.globalStorageUri.fsPath), ...filesUnder(s.context.storageUri?.fsPath)])),
      search('task panel HTML', [panel.panel.webview.html]),
      search('task panel messages', panel.posted().map((m: Any) => JSON.stringify(m))),
    ];
    const traceLines = logText.join('\n').match(/Secrets (Basic|AK): (GET|POST) \/api\/v2\/\S+ → \d+/g) ?? [];
    writeReliability('secrets.json', {
      secrets: Object.keys(SECRETS), encodings: Object.keys(ENCODED), logLevel: 'trace', requestLinesInLog: traceLines.length, searched,
      found: searched.flatMap((x) => x.found.map((f) => `${f} in ${x.place}`)),
    });
    assert.ok(logText.join('\n').includes('Added OCP connection "Secrets Basic"'), `the extension's log is not under ${sessionLogs}`);
    assert.ok(traceLines.some((l) => /POST \/api\/v2\/ob\/clusters → 200/.test(l)), 'the request lines (trace level) are not in the log');
    const settingsJson = path.join(userDir, 'settings.json');
    assert.ok(fs.existsSync(settingsJson) && fs.readFileSync(settingsJson, 'utf8').includes('Secrets Basic'), `${settingsJson} does not hold the connections`);
    const basicAuth = `Basic ${ENCODED['Basic Authorization value']}`;
    assert.ok(basicSim.requests.some((r) => r.headers.authorization === basicAuth), 'the Basic Authorization value was never sent: searching for it proves nothing');
    assert.deepStrictEqual(searched.flatMap((x) => x.found.map((f) => `${f} in ${x.place}`)), []);

    // Removing the connections removes their secrets.
    await vscode.commands.executeCommand('ocp.removeConnection', { connectionId: BASIC });
    await vscode.commands.executeCommand('ocp.removeConnection', { connectionId: AK });
    assert.strictEqual(await s.context.secrets.get(`ocp.secret.${BASIC}`), undefined);
    assert.strictEqual(await s.context.secrets.get(`ocp.secret.${AK}`), undefined);
  });
});

describe('Webview security', function () {
  this.timeout(120_000);
  const CONN = 'wv-sim';
  let s: Any;
  let sim: OcpSimulator;
  let originalPrompter: Any;

  before(async () => {
    s = (await activateExtension<{ test: Any }>()).test;
    originalPrompter = s.prompter;
    sim = await startSimulator({ clockSpeed: 0 });
    await configureConnection(sim.url, { id: CONN, name: 'Webview OCP' });
  });
  after(async () => {
    s.prompter = originalPrompter;
    for (const p of s.taskPanels.list()) if (p.connectionId === CONN) p.dispose();
    await setConnections([]);
    await sim.close();
  });

  it('serves the panel with a strict Content Security Policy and no command links', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 5, status: 'FAILED' });
    const p = s.taskPanels.open(CONN, taskId);
    try {
      await waitFor(() => p.isReady, 60_000, 'the panel');
      const html: string = p.panel.webview.html;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
      assert.ok(csp, 'no CSP meta tag');
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
      assert.deepStrictEqual(directives.get('default-src'), ["'none'"]);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      // Styles, fonts and images only from the webview's own resource origin (img also data: URIs).
      const own = new Set(String(p.panel.webview.cspSource).split(/\s+/));
      for (const d of ['style-src', 'font-src', 'img-src']) {
        const foreign = (directives.get(d) ?? []).filter((src) => !own.has(src) && !(d === 'img-src' && src === 'data:'));
        assert.deepStrictEqual(foreign, [], `${d} allows ${foreign.join(' ')}`);
      }
      assert.deepStrictEqual([...directives.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
      const scriptSrc = directives.get('script-src') ?? [];
      assert.strictEqual(scriptSrc.length, 1);
      const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0])?.[1];
      assert.ok(nonce, `script-src is not a nonce: ${scriptSrc.join(' ')}`);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      assert.ok(scripts.length >= 1);
      for (const [, attrs, body] of scripts) {
        assert.match(attrs, new RegExp(`nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}"`), 'a script without the nonce');
        assert.strictEqual(body.trim(), '', 'an inline script');
      }
      assert.doesNotMatch(html, /\son\w+=/i, 'an inline event handler');
      assert.doesNotMatch(html, /https?:\/\/(?!.*vscode-)/i, 'a resource from outside the webview');
      const opts = p.panel.webview.options;
      assert.strictEqual(opts.enableCommandUris, false, 'command: links are enabled');
      const roots = (opts.localResourceRoots ?? []).map((u: vscode.Uri) => path.basename(u.path)).sort();
      assert.deepStrictEqual(roots, ['dist', 'media']);
    } finally {
      p.dispose();
    }
  });

  it('ignores messages outside the protocol and refuses illegal actions: no request, no command, no question', async () => {
    const taskId = sim.createSyntheticTask({ subtasks: 5, status: 'SUCCESSFUL' });
    const p = s.taskPanels.open(CONN, taskId);
    try {
      await waitFor(() => p.isReady && p.lastSnapshot()?.state === 'done', 60_000, 'the panel with the finished task');
      const asked = new AlwaysConfirm();
      s.prompter = asked;
      await vscode.env.clipboard.writeText('clipboard before').then(undefined, () => undefined);
      const clipboardWorks = (await Promise.resolve(vscode.env.clipboard.readText()).catch(() => '')) === 'clipboard before';
      const connectionsBefore = JSON.stringify(s.connections.list());
      const postedBefore = p.posted().length;
      sim.clearRequests();
      const garbage: unknown[] = [
        null, undefined, 42, 'ready', [], [{ type: 'action', kind: 'retryTask' }],
        { type: 'command', command: 'ocp.removeConnection', args: [{ connectionId: CONN }] },
        { type: 'executeCommand', command: 'workbench.action.terminal.new' },
        { type: 'eval', code: 'process.exit(1)' },
        { type: 'fetch', url: `${sim.url}/api/v2/ob/clusters/1000001/stop`, method: 'POST' },
        { type: 'action', kind: 'stopCluster', clusterId: 1000001 },
        { type: 'action', kind: 'retryTask', subtaskId: 1 },
        { type: 'action', kind: 'skipSubtask' },
        { type: 'action', kind: 'skipSubtask', subtaskId: '13000001' },
        { type: 'action', kind: 'skipSubtask', subtaskId: -1 },
        { type: 'action', kind: 'cancelSubtask', subtaskId: 1.5 },
        { type: 'requestLog', subtaskId: 1e300 },
        { type: 'selectSubtask', subtaskId: { toString: 'x' } },
        { type: 'copy', format: 'exe', text: 'rm -rf /' },
        { type: 'copy', format: 'text' },
        { type: 'error' },
        JSON.parse('{"type":"action","kind":"stopCluster","__proto__":{"polluted":true}}'),
        { type: 'ready ', extra: true },
      ];
      for (const m of garbage) await p.receive(m);
      assert.strictEqual(({} as Any).polluted, undefined, 'Object.prototype was polluted');
      assert.deepStrictEqual(p.posted().slice(postedBefore), [], 'a malformed message was answered');
      // Well-formed, but not legal for this SUCCESSFUL task, or naming a subtask that is not in it.
      const legalBefore = p.posted().length;
      for (const m of [
        { type: 'action', kind: 'retryTask' }, { type: 'action', kind: 'rollbackTask' },
        { type: 'action', kind: 'skipSubtask', subtaskId: 999_999_999 }, { type: 'action', kind: 'cancelSubtask', subtaskId: p.lastSnapshot().task.subtasks[0].id },
        JSON.parse('{"type":"action","kind":"retryTask","__proto__":{"polluted":true}}'),
      ]) await p.receive(m);
      assert.strictEqual(({} as Any).polluted, undefined, 'Object.prototype was polluted');
      const answers = p.posted().slice(legalBefore);
      assert.strictEqual(answers.length, 5);
      assert.ok(answers.every((a: Any) => a.type === 'actionResult' && a.outcome === 'refused'), JSON.stringify(answers));
      assert.deepStrictEqual(sim.requests.map((r) => `${r.method} ${r.path}`), [], 'a message made the extension call OCP');
      assert.strictEqual(asked.asked.length, 0, 'a confirmation was asked');
      assert.strictEqual(JSON.stringify(s.connections.list()), connectionsBefore, 'the connections changed');
      if (clipboardWorks) assert.strictEqual(await vscode.env.clipboard.readText(), 'clipboard before', 'the clipboard changed');
      writeReliability('webview.json', { garbageMessages: garbage.length, illegalActions: 5, requests: sim.requests.length, questions: asked.asked.length, clipboardChecked: clipboardWorks });
    } finally {
      p.dispose();
    }
  });
});
