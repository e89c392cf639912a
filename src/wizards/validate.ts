// Input checks the wizards run as the user types. Each returns a message, or undefined when valid.
import * as vscode from 'vscode';

/** OceanBase cluster names: a letter first, then letters, digits or underscores; 2 to 48 characters. */
export function clusterName(v: string, taken: string[] = []): string | undefined {
  const s = v.trim();
  if (!s) return vscode.l10n.t('Enter a cluster name.');
  if (!/^[A-Za-z]/.test(s)) return vscode.l10n.t('A cluster name starts with a letter.');
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(s)) return vscode.l10n.t('Use only letters, digits and underscores.');
  if (s.length < 2 || s.length > 48) return vscode.l10n.t('A cluster name has 2 to 48 characters.');
  if (taken.some((t) => t.toLowerCase() === s.toLowerCase())) return vscode.l10n.t('OCP already has a cluster named "{0}".', s);
  return undefined;
}

export function zoneName(v: string, taken: string[] = []): string | undefined {
  const s = v.trim();
  if (!s) return vscode.l10n.t('Enter a zone name.');
  if (!/^[A-Za-z][A-Za-z0-9_]{0,127}$/.test(s)) return vscode.l10n.t('A zone name starts with a letter and uses only letters, digits and underscores.');
  if (taken.includes(s)) return vscode.l10n.t('Zone "{0}" is already in this cluster.', s);
  return undefined;
}

export function port(v: string): string | undefined {
  const s = v.trim();
  if (!/^\d+$/.test(s)) return vscode.l10n.t('A port is a number from 1 to 65535.');
  const n = Number(s);
  if (n < 1 || n > 65535) return vscode.l10n.t('A port is a number from 1 to 65535.');
  return undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** An IPv4 address or a host name (OBServer or OBProxy address). */
export function address(v: string): string | undefined {
  const s = v.trim();
  if (!s) return vscode.l10n.t('Enter an IP address or a host name.');
  if (/^\d+(\.\d+)*$/.test(s)) return IPV4.test(s) ? undefined : vscode.l10n.t('"{0}" is not a valid IPv4 address.', s);
  if (s.includes(':')) return vscode.l10n.t('Enter the address without a port; the port is asked next.');
  return HOSTNAME.test(s) ? undefined : vscode.l10n.t('"{0}" is not a valid host name.', s);
}

export function positiveInt(v: string, what: string): string | undefined {
  return /^\d+$/.test(v.trim()) && Number(v) > 0 ? undefined : vscode.l10n.t('{0} is a positive whole number.', what);
}

export function password(v: string): string | undefined {
  return v ? undefined : vscode.l10n.t('Enter the password.');
}
