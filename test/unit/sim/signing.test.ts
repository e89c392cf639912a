// AK/SK signature (ocp-api.md §2.2): both documented test vectors and the canonicalisation rules.
import * as assert from 'node:assert/strict';
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
    assert.equal(canonicalQuery('status=RUNNING&status=FAILED&a=1'), 'a=1&status=FAILED,RUNNING');
    assert.equal(canonicalQuery({ name: 'a b*', 'k~': "x'y" }), 'k~=x%27y&name=a%20b%2A');
    assert.equal(canonicalQuery(''), '');
    assert.equal(canonicalQuery('?q=%E4%B8%AD'), 'q=%E4%B8%AD');
  });

  it('builds the seven-line message, empty lines included', () => {
    const msg = stringToSign({ method: 'get', date: 'D', host: 'h:1', path: '/p', headers: { 'X-OCP-B': '2', 'x-ocp-a': ['1', '0'], other: 'no' } });
    assert.deepEqual(msg.split('\n'), ['GET', '', '', 'D', 'h:1', 'x-ocp-a:1,0', 'x-ocp-b:2', '/p']);
    assert.equal(canonicalOcpHeaders(undefined), '');
    assert.equal(contentMd5(''), '');
  });

  it('parses the Authorization header', () => {
    assert.deepEqual(parseAuthorization('OCP-ACCESS-KEY-HMACSHA1 AK1:abc+/='), { accessKey: 'AK1', signature: 'abc+/=' });
    assert.equal(parseAuthorization('Basic YTpi'), null);
    assert.equal(parseAuthorization('OCP-ACCESS-KEY-HMACSHA1 AK1'), null);
  });
});
