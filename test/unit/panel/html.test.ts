// The panel page: a strict CSP and nothing interpolated unescaped.
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../../src/panel/html';

describe('panel: HTML page', () => {
  const page = panelHtml({
    cspSource: 'https://webview.example',
    nonce: 'abc123',
    scriptUri: 'https://webview.example/dist/webview.js',
    styleUri: 'https://webview.example/media/panel.css',
    title: 'Stop "prod" <b>now</b>',
    lang: 'en',
  });

  it('allows nothing by default, the script only by nonce, styles only from the webview origin', () => {
    const csp = contentSecurityPolicy('https://webview.example', 'abc123');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.match(csp, /style-src https:\/\/webview\.example(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.ok(page.includes('http-equiv="Content-Security-Policy"'));
  });

  it('loads exactly one script, carrying the nonce, and no inline script or style', () => {
    const scripts = page.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="abc123"/);
    assert.match(scripts[0], /src="https:\/\/webview\.example\/dist\/webview\.js"/);
    assert.doesNotMatch(page, /<style|style="/);
    assert.doesNotMatch(page, /<script[^>]*>[^<]/, 'no inline script body');
  });

  it('escapes the title', () => {
    assert.ok(page.includes('<title>Stop &#34;prod&#34; &#60;b&#62;now&#60;/b&#62;</title>'));
  });

  it('makes a different nonce each time', () => {
    const a = makeNonce();
    assert.notEqual(a, makeNonce());
    assert.ok(a.length >= 16);
  });
});
