// What package.json declares to VS Code about where and how OCP Explorer runs: Restricted Mode, virtual
// workspaces and the extension host it prefers. (Packaging checks are in package.test.ts.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

/** Settings whose value makes the extension send requests to OCP more often. */
const POLLING = Object.keys(props).filter((k) => /(Seconds|Milliseconds)$/.test(k) && k !== 'ocp.requestTimeoutSeconds');

describe('manifest: Restricted Mode, virtual workspaces, remote windows', () => {
  const untrusted = pkg.capabilities?.untrustedWorkspaces;

  it('supports untrusted workspaces in a limited way, with a description in both languages', () => {
    assert.equal(untrusted?.supported, 'limited');
    const key = /^%(.+)%$/.exec(untrusted.description)?.[1];
    assert.ok(key && nls[key], 'the description is not a package.nls.json string');
  });

  it('restricts every setting that drives polling, and only contributed settings a workspace could set', () => {
    const restricted: string[] = untrusted.restrictedConfigurations;
    assert.ok(Array.isArray(restricted) && restricted.length > 0);
    for (const k of restricted) {
      assert.ok(k in props, `${k} is not a contributed setting`);
      assert.notEqual(props[k].scope, 'application', `${k} is application-scoped: a workspace cannot set it, restricting it says nothing`);
    }
    assert.ok(POLLING.length >= 4, `polling settings: ${POLLING.join(', ')}`);
    for (const k of POLLING) {
      if (props[k].scope === 'application') continue;
      assert.ok(restricted.includes(k), `${k} drives requests to OCP but an untrusted workspace may set it`);
    }
  });

  it('keeps connections out of every workspace, trusted or not', () => {
    assert.equal(props['ocp.connections'].scope, 'application');
  });

  it('declares virtual workspace support: nothing reads the workspace folder\'s files', () => {
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    const src = path.join(root, 'src');
    const offenders: string[] = [];
    for (const f of fs.readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      if (/workspace\.(workspaceFolders|fs\b|findFiles|rootPath|getWorkspaceFolder)/.test(text)) offenders.push(f);
    }
    assert.deepEqual(offenders, []);
  });

  it('prefers the workspace (remote) extension host, and can run in the UI host', () => {
    assert.deepEqual(pkg.extensionKind, ['workspace', 'ui']);
  });
});
