// The canvas and export colours, read from VS Code's theme variables (--vscode-*) on the document. Re-read
// whenever the theme changes (VS Code rewrites the variables and the body's theme class).
import type { ExportPalette } from './export';
import { STATUS_KEYS, statusStyle, type StatusKey } from './style';

export interface Palette extends ExportPalette {
  border: string;
  focus: string;
  match: string;
  /** Border of every node in high-contrast themes ('' elsewhere). */
  contrast: string;
  fontFamily: string;
}

function pick(style: CSSStyleDeclaration, vars: readonly string[], fallback: string): string {
  for (const v of vars) {
    const value = style.getPropertyValue(v).trim();
    if (value) return value;
  }
  return fallback;
}

export function readPalette(root: HTMLElement = document.documentElement): Palette {
  const style = getComputedStyle(root);
  const body = getComputedStyle(document.body);
  const fg = pick(style, ['--vscode-editor-foreground', '--vscode-foreground'], body.color || 'CanvasText');
  const muted = pick(style, ['--vscode-descriptionForeground'], fg);
  const status = {} as Record<StatusKey, string>;
  for (const k of STATUS_KEYS) status[k] = pick(style, statusStyle(k).colorVars, muted);
  return {
    background: pick(style, ['--vscode-editor-background'], body.backgroundColor || 'Canvas'),
    foreground: fg,
    muted,
    nodeBackground: pick(style, ['--vscode-editorWidget-background', '--vscode-editor-background'], 'Canvas'),
    warning: pick(style, ['--vscode-editorWarning-foreground', '--vscode-charts-orange'], fg),
    border: pick(style, ['--vscode-widget-border', '--vscode-panel-border', '--vscode-editorWidget-border'], muted),
    focus: pick(style, ['--vscode-focusBorder'], fg),
    match: pick(style, ['--vscode-editor-findMatchHighlightBorder', '--vscode-editor-findMatchBorder', '--vscode-focusBorder'], fg),
    contrast: pick(style, ['--vscode-contrastBorder'], ''),
    fontFamily: pick(style, ['--vscode-font-family'], body.fontFamily || 'sans-serif'),
    status,
  };
}

/** Calls `onChange` when VS Code switches theme (variables on <html>, theme class on <body>). */
export function watchTheme(onChange: () => void): () => void {
  const obs = new MutationObserver(() => onChange());
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  obs.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return () => obs.disconnect();
}
