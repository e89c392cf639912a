// Tenants normalised from OCP JSON (ocp-api.md §5.2). Tenant-level primary/standby fields are unconfirmed in
// OCP's docs, so role and peers are read when present (`tenantRole` then `role`; `primaryTenant`,
// `standbyTenants`) and left undefined/empty otherwise.

import { arr, bool, isObj, num, obj, readEnum, str } from './coerce';
import { ROLES, Role, TENANT_MODES, TENANT_STATUSES, TenantMode, TenantStatus, Unknown } from './enums';
import { parseOcpTime } from './time';

/** Another tenant named by a primary/standby link. */
export interface TenantRef {
  id?: number;
  name?: string;
  clusterId?: number;
  clusterName?: string;
}

/** An OceanBase tenant managed by OCP. */
export interface Tenant {
  /** OCP id; -1 when the payload had none. */
  id: number;
  name: string;
  obTenantId?: number;
  clusterId?: number;
  clusterName?: string;
  obClusterId?: number;
  /** Type of the tenant's cluster (cluster-level primary/standby). */
  clusterType?: Role;
  mode: TenantMode | Unknown;
  rawMode: string;
  status: TenantStatus | Unknown;
  rawStatus: string;
  locked: boolean;
  readonly: boolean;
  /** Tenant-level role when OCP sends one; undefined otherwise (see rawRole). */
  role?: Role;
  rawRole?: string;
  primaryTenant?: TenantRef;
  standbyTenants: TenantRef[];
  /** As sent, e.g. "zone2,zone3;zone1". */
  primaryZone?: string;
  /** Zone names from `zoneList` ("zone1;zone2") or, failing that, `zones[].name`. */
  zoneList: string[];
  locality?: string;
  obVersion?: string;
  description?: string;
  createTime?: number;
}

function tenantRef(v: unknown): TenantRef | undefined {
  if (typeof v === 'number' || typeof v === 'string') {
    const id = num(v);
    return id !== undefined ? { id } : { name: str(v) };
  }
  if (!isObj(v)) return undefined;
  const ref: TenantRef = {
    id: num(v.id) ?? num(v.tenantId),
    name: str(v.name) ?? str(v.tenantName),
    clusterId: num(v.clusterId),
    clusterName: str(v.clusterName),
  };
  return ref.id === undefined && ref.name === undefined ? undefined : ref;
}

function zoneNames(r: Record<string, unknown>): string[] {
  const list = str(r.zoneList);
  if (list) return list.split(/[;,]/).map((z) => z.trim()).filter((z) => z !== '');
  return arr(r.zones)
    .map((z) => str(obj(z).name))
    .filter((z): z is string => z !== undefined);
}

/** Normalises a tenant object (list item or detail). A missing id becomes -1. */
export function normalizeTenant(raw: unknown): Tenant {
  const r = obj(raw);
  const mode = readEnum(TENANT_MODES, r.mode);
  const status = readEnum(TENANT_STATUSES, r.status);
  const rawRole = str(r.tenantRole) ?? str(r.role);
  const role = readEnum(ROLES, rawRole);
  const clusterType = readEnum(ROLES, r.clusterType);
  const standbyTenants = arr(r.standbyTenants)
    .map(tenantRef)
    .filter((t): t is TenantRef => t !== undefined);
  return {
    id: num(r.id) ?? -1,
    name: str(r.name) ?? '',
    obTenantId: num(r.obTenantId),
    clusterId: num(r.clusterId),
    clusterName: str(r.clusterName),
    obClusterId: num(r.obClusterId),
    clusterType: clusterType.value === 'UNKNOWN' ? undefined : clusterType.value,
    mode: mode.value,
    rawMode: mode.raw,
    status: status.value,
    rawStatus: status.raw,
    locked: bool(r.locked),
    readonly: bool(r.readonly),
    role: role.value === 'UNKNOWN' ? undefined : role.value,
    rawRole,
    primaryTenant: tenantRef(r.primaryTenant),
    standbyTenants,
    primaryZone: str(r.primaryZone),
    zoneList: zoneNames(r),
    locality: str(r.locality),
    obVersion: str(r.obVersion),
    description: str(r.description),
    createTime: parseOcpTime(r.createTime),
  };
}

/**
 * Capability tokens for the tree's contextValue: the status in lower case (or `unknown-status`), `busy` (not
 * NORMAL), `primary`/`standby` (tenant role when known), `has-standby`, `has-primary`, `locked`, `readonly`,
 * `mysql`/`oracle`, and `switchable`: a switchover may be attempted from this tenant. It needs only what OCP says
 * for sure: the tenant is NORMAL and not known to be a STANDBY. It never needs `has-standby`: no documented field
 * lists a tenant's standbys, so their absence says nothing (unknown is not none); the standby picker and OCP's
 * switchover precheck decide. The sys tenant (OceanBase's system tenant) is never switchable: it has no standby.
 */
export function tenantCapabilities(t: Tenant): string[] {
  const caps = [t.status === 'UNKNOWN' ? 'unknown-status' : t.status.toLowerCase()];
  if (t.status !== 'NORMAL') caps.push('busy');
  if (t.role === 'PRIMARY') caps.push('primary');
  if (t.role === 'STANDBY') caps.push('standby');
  if (t.standbyTenants.length > 0) caps.push('has-standby');
  if (t.primaryTenant) caps.push('has-primary');
  if (t.locked) caps.push('locked');
  if (t.readonly) caps.push('readonly');
  if (t.mode !== 'UNKNOWN') caps.push(t.mode.toLowerCase());
  if (t.status === 'NORMAL' && t.role !== 'STANDBY' && t.name !== 'sys') caps.push('switchable');
  return caps;
}
