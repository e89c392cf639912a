// OCP version awareness. The only documented source of OCP's version is GET /api/v2/info `buildVersion`
// (ocp-info.md): its leading dotted number is the version (`2.5.0-SNAPSHOT` → 2.5.0, `4.2.1_20240110` → 4.2.1).
// A missing or unparsable value is "unknown", and an unknown version never blocks anything.
//
// FEATURE_GATES says from which OCP version each feature exists, and on what evidence. `since` is the version below
// which a command refuses to start (an OCP that certainly lacks the API); `documentedFrom` is the first API reference
// that has the page. They differ where OceanBase's own tools or the console show the API earlier than its page.

/** A parsed OCP version. `parts` is empty when unknown. */
export interface OcpVersion {
  known: boolean;
  /** [major, minor, patch, …] */
  parts: number[];
  /** "4.2.1", or "" when unknown. */
  text: string;
  /** buildVersion as OCP sent it (undefined when absent). */
  raw?: string;
}

export function parseOcpVersion(buildVersion: unknown): OcpVersion {
  const raw = typeof buildVersion === 'string' ? buildVersion : undefined;
  const m = raw ? /^\s*v?(\d+(?:\.\d+)*)/i.exec(raw) : null;
  if (!m) return { known: false, parts: [], text: '', raw };
  const parts = m[1].split('.').map(Number);
  return { known: true, parts, text: parts.join('.'), raw };
}

/** Numeric comparison of dotted versions; missing parts count as 0 (4.2 == 4.2.0). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export type OcpFeature =
  | 'basicAuth'
  | 'accessKey'
  | 'browse'
  | 'createCluster'
  | 'takeOver'
  | 'stopCluster'
  | 'startCluster'
  | 'restartCluster'
  | 'tenantSwitchover'
  | 'tenantFailover'
  | 'taskControl';

export interface FeatureGate {
  /** Lowest OCP version that has it; undefined = every version OCP documents (3.1.1 on). */
  since?: string;
  /** First OCP API reference version with the page (or "3.1.1" for all). */
  documentedFrom: string;
  /** Where the facts come from (for the README's Compatibility table and reviewers). */
  evidence: string;
}

export const FEATURE_GATES: Readonly<Record<OcpFeature, FeatureGate>> = {
  basicAuth: { documentedFrom: '3.1.1', evidence: 'api-call-description, every version (3.x: the only method)' },
  accessKey: { since: '4.0.3', documentedFrom: '4.0.3', evidence: 'ak-sk-sign-roles page first in ocp-doc V4.0.3 (absent from V4.0.0 and 3.x)' },
  browse: { documentedFrom: '3.1.1', evidence: 'cluster, tenant, zone, server, host lists: 3.1.1, 4.0.x, 4.2.x, 4.3.x (cluster-details.md, query-hosts.md)' },
  createCluster: { documentedFrom: '3.1.1', evidence: 'POST /api/v2/ob/clusters: 3.1.1, 4.0.x, 4.2.x (create-cluster.md)' },
  takeOver: { since: '4.2.0', documentedFrom: '4.3.0', evidence: 'API page only in the 4.3.x docs (take-over-cluster.md); obd calls it on OCP ≥ 4.2.0 and refuses below (ocp-info.md)' },
  stopCluster: { documentedFrom: '3.1.1', evidence: 'POST …/clusters/{id}/stop: 3.1.1, 4.0.x, 4.2.x (stop-cluster.md)' },
  startCluster: { documentedFrom: '3.1.1', evidence: 'POST …/clusters/{id}/start: 3.1.1 to 4.3.x (start-cluster.md)' },
  restartCluster: { documentedFrom: '3.1.1', evidence: 'POST …/clusters/{id}/restart: 3.1.1 to 4.3.x (restart-cluster.md)' },
  tenantSwitchover: { since: '4.2.0', documentedFrom: '4.3.0', evidence: 'API pages 4.3.x only (switchover-tenant.md, failover-tenant.md); the 4.2 console has tenant switchover; absent from 3.x' },
  tenantFailover: { since: '4.2.0', documentedFrom: '4.3.0', evidence: 'batch failover API 4.3.x only; 4.2.x console feature (failover-tenant.md)' },
  taskControl: { documentedFrom: '3.1.1', evidence: 'tasks/instances list, detail, retry, rollback, subtask log/retry/skip/cancel: 3.1.1, 4.0.x, 4.2.x (query-tasks.md)' },
};

export type FeatureCheck =
  | { ok: true; feature: OcpFeature; version: OcpVersion }
  | { ok: false; feature: OcpFeature; version: OcpVersion; needs: string };

/** "4.2.0" → "4.2", "4.0.3" → "4.0.3": how a minimum version reads in a message. */
export function shortVersion(v: string): string {
  return v.replace(/(\.\d+)\.0$/, '$1');
}

/** Whether the connected OCP has `feature`. An unknown version is never refused. */
export function checkFeature(feature: OcpFeature, version: OcpVersion): FeatureCheck {
  const since = FEATURE_GATES[feature].since;
  if (!since || !version.known) return { ok: true, feature, version };
  const min = parseOcpVersion(since).parts;
  return compareVersions(version.parts, min) >= 0 ? { ok: true, feature, version } : { ok: false, feature, version, needs: shortVersion(since) };
}
