// The task panel's HTML page: a strict Content Security Policy (nothing by default, the script only by
// nonce, styles and fonts only from the webview's own resource origin), one stylesheet, one script.
// Pure (no 'vscode'), so it is unit-tested.
import { randomBytes } from 'node:crypto';

export interface PageInput {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  lang: string;
}

/** A fresh nonce for one page load. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

function attr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function panelHtml(p: PageInput): string {
  return `<!DOCTYPE html>
<html lang="${attr(p.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(p.styleUri)}">
<title>${attr(p.title)}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>
`;
}
