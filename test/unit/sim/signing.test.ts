// AK/SK signature (ocp-api.md §2.2): both documented test vectors and the canonicalisation rules.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { authorizationHeader, startSimulator, type OcpSimulator } from '../../ocp-sim/api';
import { canonicalOcpHeaders, canonicalQuery, contentMd5, parseAuthorization, sign, stringToSign } from '../../ocp-sim/signing';

const SK = '2fc0c299cc94c6be266f2ceece765d4d';

describe('sim signing', () => {
  it('reproduces the documented POST vector', () => {
    const body = '{"name":"test01","description":"test","regionId":1}';
    assert.equal(contentMd5(body), '186974DB33A090A16D3E2CA35F547B56');
    const sig = sign(SK, {
      method: 'POST', body, contentType: 'application/json', date: 'Tue, 17 Jan 2023 09:13:57 GMT', host: 'ocp.alibaba.net:8080',
      headers: { 'x-ocp-data': 'A,1', 'content-type': 'application/json' }, path: '/api/v2/compute/idcs',
    });
    assert.equal(sig, 'XN8P+O+v3vUabB16ZCooq5wMJoY=');
  });

  it('reproduces the documented GET vector', () => {
    const sig = sign(SK, {
      method: 'GET', contentType: 'application/json;charset=utf-8', date: 'Tue, 17 Jan 2023 04:14:02 GMT', host: 'ocp.alibaba.net:8080',
      path: '/api/v2/compute/idcs', query: 'size=100',
    });
    assert.equal(sig, 'TsQD6HDOuZuJ409m0wdnZPmijlc=');
  });

  it('keeps x-ocp header values in sent order (sorting them gives the other signature)', () => {
    const base = { method: 'POST', body: '{"name":"test01","description":"test","regionId":1}', contentType: 'application/json', date: 'Tue, 17 Jan 2023 09:13:57 GMT', host: 'ocp.alibaba.net:8080', path: '/api/v2/compute/idcs' };
    assert.equal(sign(SK, { ...base, headers: { 'x-ocp-data': '1,A' } }), '31daR5vwio4VW/lApQysiey3x4s=');
  });

  it('canonicalises the query: sorted keys, merged sorted repeats, RFC 3986 encoding', () => {
    assert.equal(canonicalQuery('size=10&page=1'), 'page=1&size=10');
    assert.equal(canonicalQuery('status=RUNNING&status=FAILED&a=1'), 'a=1&status=FAILED%2CRUNNING');
    assert.equal(canonicalQuery('groupBy=app,svr_ip'), 'groupBy=app%2Csvr_ip');
    assert.equal(canonicalQuery({ name: 'a b*', 'k~': "x'y" }), 'k~=x%27y&name=a%20b%2A');
    assert.equal(canonicalQuery(''), '');
    assert.equal(canonicalQuery('?q=%E4%B8%AD'), 'q=%E4%B8%AD');
  });

  it('builds the seven-line message, empty lines included', () => {
    const msg = stringToSign({ method: 'get', date: 'D', host: 'h:1', path: '/p', headers: { 'x-ocp-b': '2', 'x-ocp-a': ['1', '0'], other: 'no' } });
    assert.deepEqual(msg.split('\n'), ['GET', '', '', 'D', 'h:1', 'x-ocp-a:1,0', 'x-ocp-b:2', '/p']);
    // header names are signed as sent, sorted by that name
    const mixed = stringToSign({ method: 'get', date: 'D', host: 'h:1', path: '/p', headers: { 'x-ocp-a': '1', 'X-OCP-Origin': 'mcp-server' } });
    assert.deepEqual(mixed.split('\n').slice(5, 7), ['X-OCP-Origin:mcp-server', 'x-ocp-a:1']);
    assert.equal(canonicalOcpHeaders(undefined), '');
    assert.equal(contentMd5(''), '');
  });

  it('parses the Authorization header', () => {
    assert.deepEqual(parseAuthorization('OCP-ACCESS-KEY-HMACSHA1 AK1:abc+/='), { accessKey: 'AK1', signature: 'abc+/=' });
    assert.equal(parseAuthorization('Basic YTpi'), null);
    assert.equal(parseAuthorization('OCP-ACCESS-KEY-HMACSHA1 AK1'), null);
  });
});

describe('sim signing over HTTP: x-ocp-* header names as sent', () => {
  let sim: OcpSimulator;
  before(async () => { sim = await startSimulator({ clockSpeed: 0 }); });
  after(async () => { await sim.close(); });

  /** GET /api/v2/info with one X-OCP-Origin header (Node's http keeps the name's case), signed as `signedName`. */
  function get(sentName: string, signedName: string): Promise<number> {
    const date = new Date().toUTCString();
    const host = `127.0.0.1:${sim.port}`;
    const auth = authorizationHeader('AK_SIM_ADMIN', 'SK_sim_0123456789abcdef', {
      method: 'GET', contentType: 'application/json', date, host, headers: { [signedName]: 'mcp-server' }, path: '/api/v2/info',
    });
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: sim.port, path: '/api/v2/info', method: 'GET', headers: { 'Content-Type': 'application/json', Date: date, [sentName]: 'mcp-server', Authorization: auth } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('accepts a header name signed as sent, in any case, and refuses one signed in another case', async () => {
    assert.equal(await get('x-ocp-origin', 'x-ocp-origin'), 200);
    assert.equal(await get('X-OCP-Origin', 'X-OCP-Origin'), 200);
    assert.equal(await get('X-OCP-Origin', 'x-ocp-origin'), 401);
  });
});
