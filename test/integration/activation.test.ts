// The extension activates in a real extension host, registers every contributed command, shows its
// views, and takes its connection from the `ocp.connections` setting (pointed at the simulator).
import * as assert from 'assert';
import * as http from 'http';
import * as vscode from 'vscode';
import { simUser } from '../harness/sim-connection';
import { activateExtension, clearConnections, configureConnection, connections, contributedCommands, extension, useSim } from './support';

describe('extension host', () => {
  it('activates the extension', async () => {
    await activateExtension();
    assert.strictEqual(extension().isActive, true);
  });

  it('registers every command contributed in package.json', async () => {
    await activateExtension();
    const contributed = contributedCommands();
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('has the OCP view container with the Explorer and Tasks views', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.ocp');
    await vscode.commands.executeCommand('ocp.explorer.focus');
    await vscode.commands.executeCommand('ocp.tasks.focus');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.noSuchView.focus')), 'unknown views must not resolve');
  });
});

describe('simulator and settings', () => {
  const sim = useSim();
  after(() => clearConnections());

  it('answers authenticated OCP requests from inside the extension host', async () => {
    const url = new URL('/api/v2/ob/clusters', sim().url);
    assert.strictEqual(url.hostname, '127.0.0.1');
    const { username, password } = simUser();
    const status = await new Promise<number>((resolve, reject) => {
      http.get(url, { auth: `${username}:${password}` }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
    });
    assert.strictEqual(status, 200);
    assert.strictEqual(sim().count('GET', '/api/v2/ob/clusters'), 1);
  });

  it('reaches the extension through the ocp.connections setting', async () => {
    const conn = await configureConnection(sim().url);
    assert.deepStrictEqual(connections(), [conn]);
    assert.strictEqual(connections()[0].url, sim().url);
    assert.strictEqual(process.env[conn.passwordEnv!], simUser().password);
  });
});
