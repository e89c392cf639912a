// Version gate for commands: before a command asks for any input, it checks that the connected OCP's version has
// the feature (core/model/version.ts FEATURE_GATES). The version is GET /api/v2/info `buildVersion`, from the
// inventory's cache or read once now; a version OCP does not report, or a failing /info, never blocks.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import { checkFeature, parseOcpVersion, type OcpFeature, type OcpVersion } from '../core/model/version';
import { readOcpVersion } from '../core/ocp/lookups';
import type { ConnectionManager } from '../connections/manager';
import type { Inventory } from '../inventory/store';

/** What the gate needs from the extension (the services satisfy it). */
export interface FeatureHost {
  readonly inventory: Inventory;
  readonly connections: ConnectionManager;
  readonly log: vscode.LogOutputChannel;
}

function featureLabel(f: OcpFeature): string {
  switch (f) {
    case 'accessKey': return vscode.l10n.t('AccessKey authentication');
    case 'takeOver': return vscode.l10n.t('Cluster takeover');
    case 'tenantSwitchover': return vscode.l10n.t('Tenant switchover');
    case 'tenantFailover': return vscode.l10n.t('Tenant failover');
    default: return f;
  }
}

async function versionOf(s: FeatureHost, connection: ConnectionConfig): Promise<OcpVersion> {
  const cached = s.inventory.info(connection.id);
  if (cached && typeof cached === 'object') return parseOcpVersion(cached.buildVersion);
  return readOcpVersion(await s.connections.client(connection.id));
}

/** Throws "Tenant switchover needs OCP 4.2 or later; this OCP is 3.1.1." when the connected OCP is known to lack it. */
export async function requireFeature(s: FeatureHost, connection: ConnectionConfig, feature: OcpFeature): Promise<void> {
  const check = checkFeature(feature, await versionOf(s, connection));
  if (check.ok) return;
  s.log.info(`${feature} refused before any input: OCP ${check.version.raw} < ${check.needs}`);
  throw new Error(vscode.l10n.t('{0} needs OCP {1} or later; this OCP is {2}.', featureLabel(feature), check.needs, check.version.text));
}
