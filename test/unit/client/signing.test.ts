// src/core/ocp/signing.ts against the two documented AK/SK test vectors (ocp-api.md §2.2) and the
// canonical query / RFC 3986 rules, the AK/SK page's complete example, and a repeated-key vector.
import * as assert from 'node:assert/strict';
import { authorizationHeader, canonicalQuery, contentMd5, rfc3986, sign, stringToSign } from '../../../src/core/ocp/signing';
import { sign as simSign } from '../../ocp-sim/signing';

const DOC_SK = '2fc0c299cc94c6be266f2ceece765d4d';
const DOC_HOST = 'ocp.alibaba.net:8080';

describe('client signing', () => {
  it('documented POST vector: XN8P+O+v3vUabB16ZCooq5wMJoY=', () => {
    const body = '{"name":"test01","description":"test","regionId":1}';
    assert.equal(contentMd5(body), '186974DB33A090A16D3E2CA35F547B56');
    const input = {
      method: 'POST', body, contentType: 'application/json', date: 'Tue, 17 Jan 2023 09:13:57 GMT', host: DOC_HOST,
      headers: { 'x-ocp-data': 'A,1', accept: 'application/json' }, path: '/api/v2/compute/idcs',
    };
    assert.equal(
      stringToSign(input),
      'POST\n186974DB33A090A16D3E2CA35F547B56\napplication/json\nTue, 17 Jan 2023 09:13:57 GMT\nocp.alibaba.net:8080\nx-ocp-data:A,1\n/api/v2/compute/idcs',
    );
    assert.equal(sign(DOC_SK, input), 'XN8P+O+v3vUabB16ZCooq5wMJoY=');
    // header values are signed in the order sent, as an array too
    assert.equal(sign(DOC_SK, { ...input, headers: { 'x-ocp-data': ['A', '1'] } }), 'XN8P+O+v3vUabB16ZCooq5wMJoY=');
    // the header name is signed as given (OcpSignDemo: e.getKey()), so another spelling is another signature
    assert.notEqual(sign(DOC_SK, { ...input, headers: { 'X-OCP-Data': ['A', '1'] } }), 'XN8P+O+v3vUabB16ZCooq5wMJoY=');
    assert.match(stringToSign({ ...input, headers: { 'X-OCP-Data': 'A,1' } }), /\nX-OCP-Data:A,1\n/);
    assert.equal(sign(DOC_SK, { ...input, headers: { 'x-ocp-data': '1,A' } }), '31daR5vwio4VW/lApQysiey3x4s=');
  });

  it('documented GET vector: TsQD6HDOuZuJ409m0wdnZPmijlc=', () => {
    const input = {
      method: 'get', contentType: 'application/json;charset=utf-8', date: 'Tue, 17 Jan 2023 04:14:02 GMT', host: DOC_HOST,
      path: '/api/v2/compute/idcs', query: { size: 100 },
    };
    assert.equal(stringToSign(input), 'GET\n\napplication/json;charset=utf-8\nTue, 17 Jan 2023 04:14:02 GMT\nocp.alibaba.net:8080\n\n/api/v2/compute/idcs?size=100');
    assert.equal(sign(DOC_SK, input), 'TsQD6HDOuZuJ409m0wdnZPmijlc=');
    assert.equal(authorizationHeader('AK1', DOC_SK, input), 'OCP-ACCESS-KEY-HMACSHA1 AK1:TsQD6HDOuZuJ409m0wdnZPmijlc=');
    // an empty body is no body
    assert.equal(sign(DOC_SK, { ...input, body: '' }), 'TsQD6HDOuZuJ409m0wdnZPmijlc=');
  });

  it('signs x-ocp-* headers with their names as given, sorted by name, and ignores other headers', () => {
    const s = stringToSign({
      method: 'GET', contentType: 'application/json', date: 'D', host: 'h:1', path: '/p',
      headers: { 'x-ocp-zeta': 'z', 'x-ocp-alpha': 'a', authorization: 'secret', 'x-ocp-skip': undefined },
    });
    assert.equal(s, 'GET\n\napplication/json\nD\nh:1\nx-ocp-alpha:a\nx-ocp-zeta:z\n/p');
    // names as given: Java's String order puts upper case first
    const mixed = stringToSign({ method: 'GET', contentType: 'application/json', date: 'D', host: 'h:1', path: '/p', headers: { 'x-ocp-alpha': 'a', 'X-Ocp-Zeta': 'z' } });
    assert.equal(mixed, 'GET\n\napplication/json\nD\nh:1\nX-Ocp-Zeta:z\nx-ocp-alpha:a\n/p');
  });

  it('documented complete example (AK/SK page, OcpSignDemo): To11kg1EsB/dPWyDnnpuUzIUoQk=', () => {
    const input = {
      method: 'GET', contentType: 'application/json', date: 'Mon, 15 Apr 2024 09:25:02 GMT', host: '127.0.0.1:8080',
      headers: { 'x-ocp-origin': 'for-test' }, path: '/api/v2/monitor/top',
      query: {
        startTime: '2024-04-15T14:29:55+08:00', endTime: '2024-04-15T14:30:55+08:00', maxPoints: 360, metrics: 'host_disk_total',
        labels: 'svr_ip:127.0.0.1', groupBy: 'app,svr_ip,device,mount_point',
      },
    };
    assert.equal(stringToSign(input).split('\n')[6],
      '/api/v2/monitor/top?endTime=2024-04-15T14%3A30%3A55%2B08%3A00&groupBy=app%2Csvr_ip%2Cdevice%2Cmount_point&labels=svr_ip%3A127.0.0.1&maxPoints=360&metrics=host_disk_total&startTime=2024-04-15T14%3A29%3A55%2B08%3A00');
    assert.equal(sign('d75332c5eed8d440a84a35ac6248d397', input), 'To11kg1EsB/dPWyDnnpuUzIUoQk=');
  });

  it('repeated key vector: status=RUNNING&status=FAILED is signed as status=FAILED%2CRUNNING', () => {
    const input = {
      method: 'GET', contentType: 'application/json', date: 'Tue, 17 Jan 2023 04:14:02 GMT', host: DOC_HOST,
      path: '/api/v2/tasks/instances', query: { status: ['RUNNING', 'FAILED'], page: 1, size: 50 },
    };
    assert.equal(stringToSign(input).split('\n')[6], '/api/v2/tasks/instances?page=1&size=50&status=FAILED%2CRUNNING');
    // computed independently (Python hmac + urllib.parse.quote(safe=''))
    assert.equal(sign(DOC_SK, input), 'lWNgeZKGYXV3S0y+cNOUWY+nd2g=');
    // the simulator's own signer, fed the raw repeated query, agrees
    assert.equal(simSign(DOC_SK, { ...input, query: 'status=RUNNING&status=FAILED&page=1&size=50' }), 'lWNgeZKGYXV3S0y+cNOUWY+nd2g=');
  });

  it('canonicalQuery: keys sorted, repeated values merged and sorted, undefined dropped', () => {
    assert.equal(canonicalQuery(undefined), '');
    assert.equal(canonicalQuery({}), '');
    assert.equal(canonicalQuery({ size: 10, page: 1, name: 'ob' }), 'name=ob&page=1&size=10');
    assert.equal(canonicalQuery({ status: ['RUNNING', 'FAILED'], a: undefined }), 'status=FAILED%2CRUNNING');
    assert.equal(canonicalQuery({ status: 'RUNNING,FAILED' }), 'status=RUNNING%2CFAILED');
    assert.equal(canonicalQuery({ b: true, a: 0 }), 'a=0&b=true');
  });

  it('canonicalQuery percent-encodes keys and values per RFC 3986', () => {
    assert.equal(canonicalQuery({ 'k y': 'a b', sort: 'name,asc' }), 'k%20y=a%20b&sort=name%2Casc');
    assert.equal(canonicalQuery({ q: "it's (x)*!" }), 'q=it%27s%20%28x%29%2A%21');
    assert.equal(canonicalQuery({ n: '中' }), 'n=%E4%B8%AD');
  });

  it('rfc3986 keeps only unreserved characters', () => {
    assert.equal(rfc3986('AZaz09-._~'), 'AZaz09-._~');
    assert.equal(rfc3986(' !\'()*'), '%20%21%27%28%29%2A');
    assert.equal(rfc3986('a+b/c?d=e&f#g'), 'a%2Bb%2Fc%3Fd%3De%26f%23g');
    assert.equal(rfc3986('é'), '%C3%A9');
  });

  it('contentMd5 is upper-case hex, 32 chars, empty without a body', () => {
    assert.equal(contentMd5(undefined), '');
    assert.equal(contentMd5(''), '');
    assert.equal(contentMd5('{}'), '99914B932BD37A50B983C5E7C90AE93B');
    assert.equal(contentMd5('中文'), 'A7BAC2239FCDCB3A067903D8077C4A07');
  });
});
