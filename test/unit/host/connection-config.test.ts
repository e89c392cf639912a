// Connection settings are type-checked: a string is not a boolean, consoleUrl and proxy are http(s) only,
// and plain HTTP to another machine is recognised (the wizard warns, the tooltip says so).
import * as assert from 'node:assert/strict';
import { isPlainHttp, validateConnection } from '../../../src/connections/config';

describe('connection settings', () => {
  const ok = { id: 'c1', name: 'Prod', url: 'https://ocp.example.com', authType: 'basic', username: 'admin' } as const;

  it('accepts a well-formed entry', () => {
    assert.deepEqual(validateConnection(ok), []);
    assert.deepEqual(validateConnection({ ...ok, allowSelfSigned: true, consoleUrl: 'https://console.example.com', proxy: 'http://proxy:3128' }), []);
  });

  it('refuses "false" (a string) for allowSelfSigned: only a real boolean turns certificate checks off', () => {
    assert.deepEqual(validateConnection({ ...ok, allowSelfSigned: 'false' as unknown as boolean }), ['allowSelfSigned must be true or false']);
    assert.deepEqual(validateConnection({ ...ok, allowSelfSigned: 1 as unknown as boolean }), ['allowSelfSigned must be true or false']);
  });

  it('takes consoleUrl only as an http(s) address', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://x', 'not a url']) {
      assert.ok(validateConnection({ ...ok, consoleUrl: bad }).includes('consoleUrl is not an http(s):// address'), bad);
    }
  });

  it('refuses values of the wrong type', () => {
    assert.ok(validateConnection({ ...ok, username: 5 as unknown as string }).includes('username must be a string'));
    assert.ok(validateConnection({ ...ok, caFile: ['a'] as unknown as string }).includes('caFile must be a string'));
    assert.ok(validateConnection({ ...ok, passwordEnv: 'NOT-A-NAME' }).includes('passwordEnv is not an environment variable name'));
  });

  it('names plain HTTP to another machine, not to this one', () => {
    assert.equal(isPlainHttp('http://ocp.example.com:8080'), true);
    assert.equal(isPlainHttp('http://10.0.0.5:8080'), true);
    for (const local of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080', 'https://ocp.example.com']) assert.equal(isPlainHttp(local), false, local);
  });
});
