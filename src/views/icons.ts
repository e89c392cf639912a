// Status → codicon + theme colour, shared by the explorer, the Tasks view and the status bar.
import * as vscode from 'vscode';
import { statusCategory } from '../core/model/topology';

const GREEN = 'testing.iconPassed';
const RED = 'testing.iconFailed';
const YELLOW = 'list.warningForeground';
const BLUE = 'charts.blue';
const GREY = 'disabledForeground';

function icon(id: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

export function clusterIcon(status: string): vscode.ThemeIcon {
  switch (status) {
    case 'RUNNING': return icon('pass-filled', GREEN);
    case 'STOPPED': return icon('circle-slash', GREY);
    case 'CREATING': case 'STARTING': case 'RESTARTING': case 'TAKINGOVER':
    case 'STOPPING': case 'SWITCHOVER': case 'FAILOVER': case 'DELETING': case 'MOVINGOUT':
      return icon('sync~spin', BLUE);
    case 'OPERATING': return icon('tools', YELLOW);
    default: return icon('question', YELLOW);
  }
}

/** A zone's or OBServer's status, by its category (core/model/topology.ts), in the colours of clusterIcon. */
export function topologyIcon(status: string): vscode.ThemeIcon {
  switch (statusCategory(status)) {
    case 'running': return icon('pass-filled', GREEN);
    case 'stopped': return icon('circle-slash', GREY);
    case 'busy': return icon('sync~spin', BLUE);
    case 'unavailable': return icon('error', RED);
    case 'maintaining': return icon('tools', YELLOW);
    case 'deleted': return icon('trash', GREY);
    default: return icon('question', YELLOW);
  }
}

export function tenantIcon(status: string, role?: string): vscode.ThemeIcon {
  if (status === 'CREATING' || status === 'MODIFYING' || status === 'DELETING') return icon('sync~spin', BLUE);
  if (status !== 'NORMAL') return icon('question', YELLOW);
  return role === 'STANDBY' ? icon('database', BLUE) : icon('database', GREEN);
}

export function taskIcon(status: string): vscode.ThemeIcon {
  switch (status) {
    case 'RUNNING': return icon('sync~spin', BLUE);
    case 'SUCCESSFUL': return icon('pass-filled', GREEN);
    case 'FAILED': return icon('error', RED);
    case 'PENDING': return icon('clock', GREY);
    default: return icon('question', YELLOW);
  }
}

export const busyIcon = (): vscode.ThemeIcon => icon('loading~spin');
export const errorIcon = (): vscode.ThemeIcon => icon('error', RED);
export const warningIcon = (): vscode.ThemeIcon => icon('warning', YELLOW);
export const infoIcon = (): vscode.ThemeIcon => icon('info');
