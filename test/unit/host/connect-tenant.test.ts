// Connect to a tenant, host side (src/commands/connectTenant.ts): the PATH lookup that decides whether "Open in
// Terminal" can run obclient or mysql (files only, nothing started; Windows' PATHEXT and `Path`), which clients a
// tenant's mode allows, the default user, and the user names a login `user@tenant#cluster` can carry.
import './vscode-stub';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clientsFor, defaultUser, findOnPath, userProblem } from '../../../src/commands/connectTenant';

describe('connect to a tenant: host side', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-path-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds an executable file in the PATH\'s directories, in order, and skips what is not one', () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(a, 'obclient'), 'not executable', { mode: 0o644 });
    fs.writeFileSync(path.join(b, 'obclient'), '#!/bin/sh\n', { mode: 0o755 });
    fs.mkdirSync(path.join(a, 'mysql'));
    const env = { PATH: `${path.join(dir, 'missing')}:${a}::${b}` };
    assert.equal(findOnPath('obclient', { env }), path.join(b, 'obclient'));
    assert.equal(findOnPath('mysql', { env }), undefined, 'a directory named mysql is not the client');
    assert.equal(findOnPath('obclient', { env: {} }), undefined, 'no PATH, nothing found');
  });

  it('on Windows tries each PATHEXT extension, reads `Path`, and drops quotes around a directory', () => {
    const seen: string[] = [];
    const found = findOnPath('mysql', {
      platform: 'win32',
      env: { Path: 'C:\\tools;"C:\\Program Files\\MySQL\\bin"', PATHEXT: '.COM;.EXE' },
      isExecutable: (f) => { seen.push(f); return f === 'C:\\Program Files\\MySQL\\bin\\mysql.EXE'; },
    });
    assert.equal(found, 'C:\\Program Files\\MySQL\\bin\\mysql.EXE');
    assert.deepEqual(seen, ['C:\\tools\\mysql.COM', 'C:\\tools\\mysql.EXE', 'C:\\Program Files\\MySQL\\bin\\mysql.COM', 'C:\\Program Files\\MySQL\\bin\\mysql.EXE']);
  });

  it('offers mysql for a MySQL-mode tenant only, obclient always (first)', () => {
    assert.deepEqual(clientsFor({ name: 't', mode: 'MYSQL' }), ['obclient', 'mysql']);
    assert.deepEqual(clientsFor({ name: 't', mode: 'mysql' }), ['obclient', 'mysql']);
    assert.deepEqual(clientsFor({ name: 't', mode: 'ORACLE' }), ['obclient']);
    assert.deepEqual(clientsFor({ name: 't' }), ['obclient'], 'an unknown mode: obclient only');
  });

  it('defaults the user to root, SYS for an Oracle-mode tenant', () => {
    assert.equal(defaultUser({ name: 't', mode: 'MYSQL' }), 'root');
    assert.equal(defaultUser({ name: 't', mode: 'ORACLE' }), 'SYS');
    assert.equal(defaultUser({ name: 't' }), 'root');
  });

  it('refuses a user name the login cannot carry', () => {
    assert.equal(userProblem('root'), undefined);
    assert.equal(userProblem('app_user-1'), undefined);
    for (const bad of ['', '  ', 'a b', 'root@t', 'root#c', 'a\nb']) assert.ok(userProblem(bad), JSON.stringify(bad));
  });
});
