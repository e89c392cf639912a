// Version gate for commands: before a command asks for any input, it checks that the connected OCP's version has
// the feature (core/model/version.ts FEATURE_GATES). The version is GET /api/v2/info `buildVersion`, from the
// inventory's cache or read once now; a version OCP does not report, or a failing /info, never blocks.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import { checkFeature, compareVersions, parseOcpVersion, shortVersion, type FeatureCheck, type OcpFeature, type OcpVersion } from '../core/model/version';
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
    case 'startCluster': return vscode.l10n.t('Start Cluster');
    case 'stopCluster': return vscode.l10n.t('Stop Cluster');
    case 'restartCluster': return vscode.l10n.t('Restart Cluster');
    default: return f;
  }
}

/** checkFeature with an explicit minimum (an unknown version is never refused). */
export function checkMinimum(feature: OcpFeature, version: OcpVersion, since: string): FeatureCheck {
  if (!version.known) return { ok: true, feature, version };
  return compareVersions(version.parts, parseOcpVersion(since).parts) >= 0 ? { ok: true, feature, version } : { ok: false, feature, version, needs: shortVersion(since) };
}

async function versionOf(s: FeatureHost, connection: ConnectionConfig): Promise<OcpVersion> {
  const cached = s.inventory.info(connection.id);
  if (cached && typeof cached === 'object') return parseOcpVersion(cached.buildVersion);
  return readOcpVersion(await s.connections.client(connection.id));
}

/**
 * Throws "Tenant switchover needs OCP 4.2 or later; this OCP is 3.1.1." when the connected OCP is known to lack it.
 * `since` overrides FEATURE_GATES' minimum where the call a command sends is documented later than the feature
 * (tenant failover: the console has it from 4.2, the batch API the command sends from 4.3, LIFECYCLE_MINIMUM_OCP).
 */
export async function requireFeature(s: FeatureHost, connection: ConnectionConfig, feature: OcpFeature, since?: string): Promise<void> {
  const version = await versionOf(s, connection);
  const check = since === undefined ? checkFeature(feature, version) : checkMinimum(feature, version, since);
  if (check.ok) return;
  s.log.info(`${feature} refused before any input: OCP ${check.version.raw} < ${check.needs}`);
  throw new Error(vscode.l10n.t('{0} needs OCP {1} or later; this OCP is {2}.', featureLabel(feature), check.needs, check.version.text));
}
