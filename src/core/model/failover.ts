// Tenant failover (OCP 4.3, failover-tenant.md): reading the failover precheck's answer and deciding where the tree
// offers a failover. The precheck result is ObTenantPreCheckResult {valid, tenantId, name, clusterId, clusterName,
// syncScn, primaryTenantServiceName, checkResults}; whether `data` is one object or a list when a cluster has several
// standby tenants is not documented, and PreCheckResult's fields are not either, so both shapes are read and the
// check items are read generically (readPrecheck).

import { readPrecheck, type PrecheckReport } from '../ocp/precheck';
import { arr, bool, isObj, num, obj, str } from './coerce';
import type { Tenant } from './tenant';

/** One standby tenant's entry of a failover precheck. */
export interface FailoverPrecheckEntry {
  /** `valid` as sent; undefined when OCP did not say. */
  valid?: boolean;
  tenantId?: number;
  name?: string;
  clusterId?: number;
  clusterName?: string;
  /** `syncScn` as text (an SCN may exceed 2^53: shown, never computed with). */
  syncScn?: string;
  primaryTenantServiceName?: string;
  /** `checkResults` as sent (fields undocumented). */
  checkResults: unknown[];
  raw: Record<string, unknown>;
}

/** The failover precheck's verdict for one standby tenant. */
export interface FailoverPrecheck {
  /** True when OCP's answer has an entry for the tenant (or one entry without a tenantId). */
  reported: boolean;
  /** The tenant's entry passed: `valid` is not false and no check item failed. False when not reported. */
  passed: boolean;
  /** The tenant's entry (undefined when not reported). */
  entry?: FailoverPrecheckEntry;
  /** Every entry OCP returned (other standby tenants of the cluster too). */
  entries: FailoverPrecheckEntry[];
  /** The tenant's entry as the generic precheck report the switchover UI already shows (items + facts). */
  report: PrecheckReport;
}

function entryOf(raw: Record<string, unknown>): FailoverPrecheckEntry {
  const scn = raw.syncScn;
  return {
    valid: typeof raw.valid === 'boolean' || raw.valid === 'true' || raw.valid === 'false' ? bool(raw.valid) : undefined,
    tenantId: num(raw.tenantId),
    name: str(raw.name),
    clusterId: num(raw.clusterId),
    clusterName: str(raw.clusterName),
    syncScn: typeof scn === 'number' || typeof scn === 'string' ? String(scn) : undefined,
    primaryTenantServiceName: str(raw.primaryTenantServiceName),
    checkResults: arr(raw.checkResults),
    raw,
  };
}

/** The entries of a failover precheck's `data`: one object, a bare list, or a `{contents: […]}` list. */
export function failoverPrecheckEntries(data: unknown): FailoverPrecheckEntry[] {
  const list = Array.isArray(data) ? data : isObj(data) && Array.isArray(data.contents) ? data.contents : isObj(data) ? [data] : [];
  return list.filter(isObj).map(entryOf);
}

/** Reads a failover precheck's `data` for the standby tenant `tenantId`. */
export function readFailoverPrecheck(data: unknown, tenantId: number): FailoverPrecheck {
  const entries = failoverPrecheckEntries(data);
  const entry = entries.find((e) => e.tenantId === tenantId) ?? (entries.length === 1 && entries[0].tenantId === undefined ? entries[0] : undefined);
  if (!entry) {
    return { reported: false, passed: false, entries, report: { passed: false, items: [], facts: [] } };
  }
  const report = readPrecheck(entry.raw);
  const passed = entry.valid !== false && report.passed;
  return { reported: true, passed, entry, entries, report: { ...report, passed } };
}

/** A refusal that came back as an error envelope (OCP does this for some prechecks): a failed, reported precheck. */
export function refusedFailoverPrecheck(message: string): FailoverPrecheck {
  return { reported: true, passed: false, entries: [], report: { passed: false, items: [{ name: 'OCP', passed: false, message }], facts: [] } };
}

/**
 * contextValue token for a tenant node: `failoverable` when a failover may be attempted: the tenant is a STANDBY, or
 * OCP does not report its role (the precheck decides), and it is not sys or busy (CREATING / MODIFYING / DELETING).
 */
export function tenantFailoverTokens(t: Pick<Tenant, 'role' | 'status' | 'name'>): string[] {
  if (t.name === 'sys') return [];
  if (t.role === 'PRIMARY') return [];
  if (t.status === 'CREATING' || t.status === 'MODIFYING' || t.status === 'DELETING') return [];
  return ['failoverable'];
}

/** Facts a failover confirmation states (the UI words them). */
export interface FailoverImpact {
  /** Always true: the standby becomes an independent primary and is no longer linked to the old primary. */
  breaksLink: true;
  tenantName: string;
  clusterName?: string;
  /** The primary it leaves, when OCP (or the simulator) names it. */
  oldPrimary?: { name?: string; clusterName?: string };
  /** Type-the-name confirmation by default. */
  typeToConfirm: string;
}

export function failoverImpact(t: Pick<Tenant, 'name' | 'clusterName' | 'primaryTenant'>): FailoverImpact {
  const p = t.primaryTenant;
  return {
    breaksLink: true,
    tenantName: t.name,
    clusterName: t.clusterName,
    oldPrimary: p ? { name: p.name, clusterName: p.clusterName } : undefined,
    typeToConfirm: t.name,
  };
}

/** The tasks of a batch call's `data`: `data.contents` when it is a list (the sample), else `data` itself. */
export function tasksOfBatch(data: unknown): unknown[] {
  const o = obj(data);
  if (Array.isArray(o.contents)) return o.contents;
  if (Array.isArray(data)) return data;
  return isObj(data) ? [data] : [];
}
