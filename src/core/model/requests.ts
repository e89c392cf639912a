// The request bodies of the operations, built from the user's answers exactly as the OCP pages document them
// (create-cluster.md, take-over-cluster.md, switchover-tenant.md). Pure: the wizards and commands call these, and the
// conformance suite checks them against the documented sample requests. Only documented fields are ever sent.
import type { CreateClusterRequest, SwitchoverRequest, TakeOverRequest } from '../ocp/types';

export type CreateClusterAnswers = Partial<CreateClusterRequest>;
export type TakeOverAnswers = Partial<TakeOverRequest>;

/** POST /api/v2/ob/clusters. `primaryZone` is sent when answered ('' included, as in the docs' sample), else left out. */
export function createClusterBody(a: CreateClusterAnswers): CreateClusterRequest {
  const body: CreateClusterRequest = {
    name: a.name ?? '', rpmName: a.rpmName ?? '', type: a.type ?? 'PRIMARY', password: a.password ?? '',
    zones: (a.zones ?? []).map((z) => ({ name: z.name, idcName: z.idcName, servers: [...z.servers] })),
  };
  if (a.primaryZone !== undefined) body.primaryZone = a.primaryZone;
  return body;
}

/** POST /api/v2/ob/clusters/takeOver: the required three, then only the optional fields that were answered. */
export function takeOverBody(a: TakeOverAnswers): TakeOverRequest {
  const body: TakeOverRequest = { rootSysPassword: a.rootSysPassword ?? '', address: a.address ?? '', port: a.port ?? 2881 };
  if (a.connectionMode) body.connectionMode = a.connectionMode;
  if (a.connectionMode === 'proxy' && a.clusterName) body.clusterName = a.clusterName;
  if (a.connectionMode === 'proxy' && a.obClusterId !== undefined) body.obClusterId = a.obClusterId;
  if (a.saveToCredential !== undefined) body.saveToCredential = a.saveToCredential;
  if (a.switchConfigUrl !== undefined) body.switchConfigUrl = a.switchConfigUrl;
  if (a.hostInfo) body.hostInfo = a.hostInfo;
  return body;
}

/** POST /api/v2/ob/clusters/takeOverPreCheck: the take-over body without hostInfo and switchConfigUrl. */
export function takeOverPreCheckBody(b: TakeOverRequest): Omit<TakeOverRequest, 'hostInfo' | 'switchConfigUrl'> {
  const { hostInfo: _h, switchConfigUrl: _s, ...rest } = b;
  return rest;
}

/** POST …/tenants/{tenantId}/switchover and …/switchoverPreCheck: the primary tenant and its standby. */
export function switchoverBody(primaryTenantId: number, standbyTenantId: number): SwitchoverRequest {
  return { tenantId: primaryTenantId, standbyTenantId };
}
