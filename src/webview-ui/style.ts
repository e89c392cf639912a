// Status → how it looks: an icon glyph, a colour (theme variables, first defined one wins), and a text.
// Shared by the canvas, the list, the header and the exports. Statuses OCP may add later are grey and
// shown with their raw label.
import type { PanelStrings } from '../panel/protocol';

export const STATUS_KEYS = ['FAILED', 'RUNNING', 'CANCELING', 'READY', 'PENDING', 'SUCCESSFUL', 'UNKNOWN'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

export interface StatusStyle {
  key: StatusKey;
  /** Position in STATUS_KEYS (used to batch drawing by colour). */
  index: number;
  icon: string;
  /** CSS custom properties, in order of preference. */
  colorVars: readonly string[];
  /** Drawn with a dashed outline (not started yet, or unknown). */
  dashed: boolean;
  /** Animated (unless the user prefers reduced motion). */
  animated: boolean;
}

const STYLES: Record<StatusKey, Omit<StatusStyle, 'key' | 'index'>> = {
  FAILED: { icon: '\u2715', colorVars: ['--vscode-testing-iconFailed', '--vscode-errorForeground'], dashed: false, animated: false },
  RUNNING: { icon: '\u25D0', colorVars: ['--vscode-progressBar-background', '--vscode-charts-blue'], dashed: false, animated: true },
  CANCELING: { icon: '\u2298', colorVars: ['--vscode-charts-orange', '--vscode-editorWarning-foreground'], dashed: false, animated: true },
  READY: { icon: '\u25CC', colorVars: ['--vscode-charts-yellow', '--vscode-editorWarning-foreground'], dashed: true, animated: false },
  PENDING: { icon: '\u25CB', colorVars: ['--vscode-descriptionForeground'], dashed: true, animated: false },
  SUCCESSFUL: { icon: '\u2713', colorVars: ['--vscode-testing-iconPassed', '--vscode-charts-green'], dashed: false, animated: false },
  UNKNOWN: { icon: '?', colorVars: ['--vscode-disabledForeground', '--vscode-descriptionForeground'], dashed: true, animated: false },
};

const BY_KEY = new Map<string, StatusStyle>(STATUS_KEYS.map((key, index) => [key, { key, index, ...STYLES[key] }]));

/** The style of a (normalised) status; anything unknown gets the grey UNKNOWN style. */
export function statusStyle(status: string): StatusStyle {
  return BY_KEY.get(status) ?? (BY_KEY.get('UNKNOWN') as StatusStyle);
}

export function statusKey(status: string): StatusKey {
  return statusStyle(status).key;
}

/** The text shown for a status: the translated name, or OCP's raw label for a status we do not know. */
export function statusText(item: { status: string; rawStatus?: string }, strings: Partial<PanelStrings>): string {
  const key = statusKey(item.status);
  if (key === 'UNKNOWN') return item.rawStatus || strings['status.UNKNOWN'] || 'UNKNOWN';
  return strings[`status.${key}`] ?? key;
}

/** The CSS class carrying a status colour (media/panel.css defines `--st` for each). */
export function statusClass(status: string): string {
  return `st-${statusKey(status)}`;
}
