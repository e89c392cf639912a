// Look-ups built only on documented OCP calls, kept apart from OcpClient's endpoint list:
// - hosts free for a new cluster: GET /api/v2/compute/hosts?excludedServiceType=OB_CLUSTER&status=ONLINE,AVAILABLE
//   (query-hosts.md), then `services[].type` checked on what comes back;
// - one cluster by id: OCP documents no GET /api/v2/ob/clusters/{id} (cluster-details.md), so the cluster list,
//   narrowed by `name` when the name is known, and the entry whose `id` matches;
// - the OCP version: GET /api/v2/info `buildVersion` (ocp-info.md); any failure means "unknown", never "old".
import { hostInUse, freeHostsQuery } from '../model/host';
import { parseOcpVersion, type OcpVersion } from '../model/version';
import type { OcpClient } from './client';
import { OcpError } from './errors';
import type { Raw } from './types';

/** Raw hosts OCP says run no OBServer, in a usable state. */
export async function listFreeHosts(client: OcpClient, signal?: AbortSignal): Promise<Raw[]> {
  const hosts = await client.listAll('/api/v2/compute/hosts', freeHostsQuery(), { signal });
  return hosts.filter((h) => !hostInUse(h));
}

/**
 * One cluster from the documented list. `name` (OCP's case-insensitive substring filter) narrows the request when
 * the caller knows it; the entry is matched by id, and without a match the whole list is read once more unfiltered
 * (the cluster may have been renamed). A 404 OcpError when OCP does not list it.
 */
export async function findCluster(client: OcpClient, id: number, name?: string, signal?: AbortSignal): Promise<Raw> {
  const path = '/api/v2/ob/clusters';
  const attempts = name ? [{ name }, {}] : [{}];
  for (const query of attempts) {
    for await (const c of client.paginate(path, query, { signal })) if (Number(c.id) === id) return c;
  }
  throw new OcpError({ kind: 'http', status: 404, method: 'GET', path, message: `OCP lists no cluster with id ${id}` });
}

/** The connected OCP's version from GET /api/v2/info; `unknown` when OCP does not say (or the call fails). */
export async function readOcpVersion(client: OcpClient, signal?: AbortSignal): Promise<OcpVersion> {
  try {
    const info = await client.info(signal);
    return parseOcpVersion(info && typeof info === 'object' ? (info as Raw).buildVersion : undefined);
  } catch (e) {
    if (e instanceof OcpError && e.kind === 'cancelled') throw e;
    return parseOcpVersion(undefined);
  }
}
