// Compute hosts from GET /api/v2/compute/hosts, read only from the fields OCP documents (query-hosts.md):
// `services[{name, version, type}]` says what is deployed on a host (a host with an OB_CLUSTER service already runs an
// OBServer), `typeName` is the host type's name. OCP has no `used`, `clusterId` or `serviceTypes` field on hosts.

import { arr, isObj, num, obj, str } from './coerce';

/** The service type of an OceanBase cluster's OBServer on a host. */
export const OB_CLUSTER_SERVICE = 'OB_CLUSTER';

/** Service types OCP documents for hosts (others are kept as sent). */
export const HOST_SERVICE_TYPES = ['OB_CLUSTER', 'OB_PROXY', 'OCP_AGENT', 'BACKUP_AGENT', 'RESTORE_AGENT', 'BACKUP_RESTORE_AGENT', 'OMS'] as const;

/** Host states that can take a new OBServer (query-hosts.md: "usually status=ONLINE,AVAILABLE"). */
export const USABLE_HOST_STATUSES = ['ONLINE', 'AVAILABLE'] as const;

/** One entry of a host's `services` (ServiceSummary). */
export interface HostService {
  name?: string;
  version?: string;
  /** As sent, upper case: OB_CLUSTER, OB_PROXY, OCP_AGENT, … */
  type?: string;
}

/** A compute host known to OCP (only what the tree and the wizards need). */
export interface Host {
  id: number;
  name?: string;
  ip?: string;
  status?: string;
  /** The host type's name (OCP's `typeName`). */
  hostTypeName?: string;
  idcName?: string;
  regionName?: string;
  services: HostService[];
  /** True when OCP lists an OB_CLUSTER service on the host: an OBServer of some cluster runs there. */
  inUse: boolean;
}

/** The host's `services`, tolerant of anything (non-objects dropped). */
export function hostServices(raw: unknown): HostService[] {
  return arr(obj(raw).services).filter(isObj).map((s) => ({ name: str(s.name), version: str(s.version), type: str(s.type)?.toUpperCase() }));
}

/** True when a cluster already uses the host: OCP lists a service of type OB_CLUSTER on it. */
export function hostInUse(raw: unknown): boolean {
  return hostServices(raw).some((s) => s.type === OB_CLUSTER_SERVICE);
}

/**
 * The documented query for hosts free for a new cluster (query-hosts.md): OCP drops hosts running an OBServer, and
 * keeps the usable states. The client still checks `hostInUse` on what comes back (an OCP may ignore a filter).
 */
export function freeHostsQuery(): { excludedServiceType: string[]; status: string[] } {
  return { excludedServiceType: [OB_CLUSTER_SERVICE], status: [...USABLE_HOST_STATUSES] };
}

/** Normalises a host object from `/api/v2/compute/hosts` (documented fields only). */
export function normalizeHost(raw: unknown): Host {
  const r = obj(raw);
  const ip = str(r.innerIpAddress);
  const services = hostServices(r);
  return {
    id: num(r.id) ?? -1,
    name: str(r.name) ?? ip,
    ip,
    status: str(r.status),
    hostTypeName: str(r.typeName),
    idcName: str(r.idcName),
    regionName: str(r.regionName),
    services,
    inUse: services.some((s) => s.type === OB_CLUSTER_SERVICE),
  };
}

/** Hosts a new cluster may use, from a raw host list: not in use, normalised. */
export function freeHosts(raw: unknown[]): Host[] {
  return raw.map(normalizeHost).filter((h) => !h.inUse && h.id >= 0);
}
