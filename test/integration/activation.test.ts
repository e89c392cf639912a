// The extension activates in a real extension host, registers every contributed command, shows its
// views, and takes its connection from the `ocp.connections` setting (pointed at the simulator).
import * as assert from 'assert';
import * as http from 'http';
import * as vscode from 'vscode';
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

  it('serves HTTP on 127.0.0.1 from inside the extension host', async () => {
    const url = new URL(sim().url);
    assert.strictEqual(url.hostname, '127.0.0.1');
    const status = await new Promise<number>((resolve, reject) => {
      http.get(sim().url, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
    });
    assert.ok(status > 0, 'the simulator answered');
  });

  it('reaches the extension through the ocp.connections setting', async () => {
    const conn = await configureConnection(sim().url);
    const stored = connections();
    assert.strictEqual(stored.length, 1);
    assert.strictEqual(stored[0].url, sim().url);
    assert.strictEqual(stored[0].id, conn.id);
  });
});
