// src/core/ocp/signing.ts against the two documented AK/SK test vectors (ocp-api.md §2.2) and the
// canonical query / RFC 3986 rules.
import * as assert from 'node:assert/strict';
import { authorizationHeader, canonicalQuery, contentMd5, rfc3986, sign, stringToSign } from '../../../src/core/ocp/signing';

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
    assert.equal(sign(DOC_SK, { ...input, headers: { 'X-OCP-Data': ['A', '1'] } }), 'XN8P+O+v3vUabB16ZCooq5wMJoY=');
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

  it('sorts x-ocp-* headers by lower-cased key and ignores other headers', () => {
    const s = stringToSign({
      method: 'GET', contentType: 'application/json', date: 'D', host: 'h:1', path: '/p',
      headers: { 'X-Ocp-Zeta': 'z', 'x-ocp-alpha': 'a', authorization: 'secret', 'x-ocp-skip': undefined },
    });
    assert.equal(s, 'GET\n\napplication/json\nD\nh:1\nx-ocp-alpha:a\nx-ocp-zeta:z\n/p');
  });

  it('canonicalQuery: keys sorted, repeated values merged and sorted, undefined dropped', () => {
    assert.equal(canonicalQuery(undefined), '');
    assert.equal(canonicalQuery({}), '');
    assert.equal(canonicalQuery({ size: 10, page: 1, name: 'ob' }), 'name=ob&page=1&size=10');
    assert.equal(canonicalQuery({ status: ['RUNNING', 'FAILED'], a: undefined }), 'status=FAILED,RUNNING');
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
