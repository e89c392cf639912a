// Localization checks and the English bundle. Reads src/ with the TypeScript compiler:
// - every `l10n.t('…')` message becomes a key of l10n/bundle.l10n.json (`npm run l10n` writes it);
// - a message must be a literal (a variable can't be translated);
// - user-facing text (notifications, QuickPick/InputBox titles, prompts, placeholders, item labels, tree
//   labels) must come from l10n.t, never a bare literal.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
/** The webview bundle gets its strings from the host; the core never shows text to users directly. */
const SKIP_DIRS = [path.join(SRC, 'webview-ui'), path.join(SRC, 'core')];

export interface Finding {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(dir: string): string[] {
  if (SKIP_DIRS.includes(dir) || !fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function isL10nCall(n: ts.Node): n is ts.CallExpression {
  return ts.isCallExpression(n) && /(^|\.)l10n\.t$/.test(n.expression.getText());
}

const USER_FACING_PROPS = new Set(['title', 'prompt', 'placeholder', 'placeHolder', 'label', 'detail', 'confirmLabel', 'message', 'validationMessage', 'tooltip']);
const SHOW_MESSAGE = /^vscode\.window\.show(Information|Warning|Error)Message$/;

/** Literal text that is not language: enum tokens, API paths, ids, codicons, numbers, punctuation. */
function isTechnical(s: string): boolean {
  const t = s.replace(/\$\([^)]+\)/g, '').trim();
  if (!t) return true;
  if (!/[A-Za-z]/.test(t)) return true;
  if (/^[A-Z0-9_ .:/-]+$/.test(t)) return true; // PRIMARY, OB_SERVER_INSTALL_PACKAGE, POST /api/v2/…
  if (/^(GET|POST|PUT|DELETE) \//.test(t)) return true;
  if (/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/.test(t)) return true; // ocp.openTask
  if (/^https?:\/\//.test(t)) return true;
  if (/^[a-z][a-z0-9_]*(\d|_|\[|\{)[a-z0-9_[\]{}.]*$/.test(t)) return true; // obcluster1, zones[{}]: examples and field names
  return false;
}

function literalText(n: ts.Expression): string | undefined {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.head.text + n.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  return undefined;
}

export interface Scan {
  messages: Set<string>;
  nonLiteral: Finding[];
  bareText: Finding[];
}

export function scan(srcDir = SRC): Scan {
  const result: Scan = { messages: new Set(), nonLiteral: [], bareText: [] };
  for (const file of sourceFiles(srcDir)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node): Omit<Finding, 'text'> => ({ file: path.relative(ROOT, file), line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1 });
    const visit = (n: ts.Node) => {
      if (isL10nCall(n)) {
        const first = n.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) result.messages.add(first.text);
        else result.nonLiteral.push({ ...where(n), text: n.getText().slice(0, 80) });
        return; // its arguments are values, not text
      }
      if (ts.isCallExpression(n) && SHOW_MESSAGE.test(n.expression.getText()) && n.arguments[0]) {
        const t = literalText(n.arguments[0]);
        if (t !== undefined && !isTechnical(t)) result.bareText.push({ ...where(n), text: t });
      }
      if (ts.isPropertyAssignment(n) && USER_FACING_PROPS.has(n.name.getText())) {
        const t = literalText(n.initializer);
        if (t !== undefined && !isTechnical(t)) result.bareText.push({ ...where(n), text: t });
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && USER_FACING_PROPS.has(n.left.name.text)) {
        const t = literalText(n.right);
        if (t !== undefined && !isTechnical(t)) result.bareText.push({ ...where(n), text: t });
      }
      if (ts.isNewExpression(n) && /TreeItem$/.test(n.expression.getText()) && n.arguments?.[0]) {
        const t = literalText(n.arguments[0]);
        if (t !== undefined && !isTechnical(t)) result.bareText.push({ ...where(n), text: t });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return result;
}

export function bundlePath(locale?: string): string {
  return path.join(ROOT, 'l10n', locale ? `bundle.l10n.${locale}.json` : 'bundle.l10n.json');
}

export function readBundle(locale?: string): Record<string, string> {
  const p = bundlePath(locale);
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : {};
}

export function englishBundle(messages: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of [...messages].sort()) out[m] = m;
  return out;
}

if (require.main === module) {
  const s = scan();
  for (const f of [...s.nonLiteral, ...s.bareText]) console.error(`${f.file}:${f.line}: not localizable: ${f.text}`);
  fs.mkdirSync(path.dirname(bundlePath()), { recursive: true });
  fs.writeFileSync(bundlePath(), JSON.stringify(englishBundle(s.messages), null, 2) + '\n');
  const zh = readBundle('zh-cn');
  const missing = [...s.messages].filter((m) => !(m in zh));
  const stale = Object.keys(zh).filter((k) => !s.messages.has(k));
  console.log(`l10n: ${s.messages.size} messages written to l10n/bundle.l10n.json; zh-cn lacks ${missing.length}, has ${stale.length} stale`);
  if (process.argv.includes('--missing')) console.log(JSON.stringify(Object.fromEntries(missing.map((m) => [m, ''])), null, 2));
  process.exitCode = s.nonLiteral.length + s.bareText.length > 0 ? 1 : 0;
}
