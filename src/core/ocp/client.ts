// OcpClient: OCP REST API v2 endpoints the product uses (ocp-api.md §1, §5–7), on top of OcpTransport.
// Returns OCP's raw `data`; the model's normalisers give it types.
import { OcpError } from './errors';
import { OcpTransport, type RequestOptions } from './http';
import { findCluster } from './lookups';
import type {
  ConnectionOptions, CreateClusterRequest, OcpInfo, Page, Query, Raw, SwitchoverRequest, TakeOverRequest, TaskListFilter,
} from './types';

export const MAX_PAGE_SIZE = 2000;

export class OcpClient {
  readonly transport: OcpTransport;

  constructor(readonly options: ConnectionOptions) {
    this.transport = new OcpTransport(options);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.transport.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.transport.request<T>('POST', path, { ...options, body });
  }

  /** Every item of a paged list, page by page (1-based), tolerating a missing `page` object. */
  async *paginate<T = Raw>(path: string, query: Query = {}, options: { pageSize?: number; signal?: AbortSignal; onPage?: (p: Page<T>) => void } = {}): AsyncGenerator<T> {
    const size = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE));
    for (let page = 1; ; page++) {
      const data = await this.get<Page<T> | T[] | null>(path, { query: { ...query, page, size }, signal: options.signal });
      const contents = Array.isArray(data) ? data : Array.isArray(data?.contents) ? data!.contents : [];
      const info = Array.isArray(data) ? undefined : data?.page;
      options.onPage?.({ contents, page: info });
      yield* contents;
      if (!info || contents.length === 0) return;
      const totalPages = Number(info.totalPages ?? (info as any).totalPage);
      if (!Number.isFinite(totalPages) || page >= totalPages) return;
    }
  }

  async listAll<T = Raw>(path: string, query?: Query, options?: { pageSize?: number; signal?: AbortSignal }): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this.paginate<T>(path, query, options)) out.push(item);
    return out;
  }

  // --- server ------------------------------------------------------------------------------------
  /** Server time as OCP prints it (no authentication needed). */
  async time(signal?: AbortSignal): Promise<string> {
    const t = await this.get<unknown>('/api/v2/time', { unwrapped: true, signal });
    return String(t).trim();
  }

  info(signal?: AbortSignal): Promise<OcpInfo> {
    return this.get<OcpInfo>('/api/v2/info', { unwrapped: true, signal });
  }

  // --- clusters and tenants -----------------------------------------------------------------------
  listClusters(query: { name?: string; status?: string[]; sort?: string } = {}, signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll('/api/v2/ob/clusters', query, { signal });
  }

  /**
   * One cluster. No OCP version documents GET /clusters/{id} (cluster-details.md), so any answer other than a JSON
   * envelope holding that cluster (404, 400, 405, an HTML page with 200, another object) falls back to the documented
   * list. Only "no answer" (network, timeout), 401 and cancellation are thrown as they are.
   */
  async getCluster(id: number, signal?: AbortSignal): Promise<Raw> {
    let first: unknown;
    try {
      const c = await this.get<Raw>(`/api/v2/ob/clusters/${id}`, { signal, retries: 0 });
      if (c && typeof c === 'object' && Number(c.id) === id) return c;
    } catch (e) {
      if (!(e instanceof OcpError) || ['auth', 'cancelled', 'network', 'timeout', 'tls'].includes(e.kind)) throw e;
      first = e;
    }
    try {
      return await findCluster(this, id, undefined, signal);
    } catch (e) {
      throw first instanceof OcpError && e instanceof OcpError && e.status === 404 ? first : e;
    }
  }

  listTenants(clusterId: number, query: { name?: string; mode?: string; status?: string[] } = {}, signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll(`/api/v2/ob/clusters/${clusterId}/tenants`, query, { signal });
  }

  listAllTenants(query: { name?: string; clusterName?: string } = {}, signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll('/api/v2/ob/tenants', query, { signal });
  }

  getTenant(clusterId: number, tenantId: number, signal?: AbortSignal): Promise<Raw> {
    return this.get(`/api/v2/ob/clusters/${clusterId}/tenants/${tenantId}`, { signal });
  }

  listZones(clusterId: number, signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll(`/api/v2/ob/clusters/${clusterId}/zones`, {}, { signal });
  }

  listServers(clusterId: number, signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll(`/api/v2/ob/clusters/${clusterId}/servers`, {}, { signal });
  }

  // --- compute, credentials, packages ------------------------------------------------------------------
  listHosts(query: { keyword?: string } = {}, signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll('/api/v2/compute/hosts', query, { signal });
  }

  listIdcs(signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll('/api/v2/compute/idcs', {}, { signal });
  }

  listRegions(signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll('/api/v2/compute/regions', {}, { signal });
  }

  listHostTypes(signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll('/api/v2/compute/hostTypes', {}, { signal });
  }

  /** SSH credentials of the current user ("password box"), hosts only. */
  async listCredentials(signal?: AbortSignal): Promise<Raw[]> {
    const all = await this.listAll('/api/v2/profiles/me/credentials', {}, { signal });
    return all.filter((c) => c.targetType === undefined || c.targetType === 'HOST');
  }

  listSoftwarePackages(query: { type?: string; keyword?: string } = { type: 'OB_SERVER_INSTALL_PACKAGE' }, signal?: AbortSignal): Promise<Raw[]> {
    return this.listAll('/api/v2/software-packages', query, { signal });
  }

  // --- operations: one POST each, never retried -------------------------------------------------------
  createCluster(body: CreateClusterRequest, signal?: AbortSignal): Promise<Raw> {
    return this.post('/api/v2/ob/clusters', body, { signal });
  }

  takeOverPreCheck(body: Omit<TakeOverRequest, 'hostInfo' | 'switchConfigUrl'>, signal?: AbortSignal): Promise<Raw> {
    return this.post('/api/v2/ob/clusters/takeOverPreCheck', body, { signal });
  }

  takeOver(body: TakeOverRequest, signal?: AbortSignal): Promise<Raw> {
    return this.post('/api/v2/ob/clusters/takeOver', body, { signal });
  }

  stopCluster(id: number, signal?: AbortSignal): Promise<Raw> {
    return this.post(`/api/v2/ob/clusters/${id}/stop`, undefined, { signal });
  }

  startCluster(id: number, signal?: AbortSignal): Promise<Raw> {
    return this.post(`/api/v2/ob/clusters/${id}/start`, undefined, { signal });
  }

  switchoverPreCheck(clusterId: number, tenantId: number, body: SwitchoverRequest, signal?: AbortSignal): Promise<Raw> {
    return this.post(`/api/v2/ob/clusters/${clusterId}/tenants/${tenantId}/switchoverPreCheck`, body, { signal });
  }

  switchover(clusterId: number, tenantId: number, body: SwitchoverRequest, signal?: AbortSignal): Promise<Raw> {
    return this.post(`/api/v2/ob/clusters/${clusterId}/tenants/${tenantId}/switchover`, body, { signal });
  }

  // --- tasks ------------------------------------------------------------------------------------------
  /** Tasks newest first; one page (OCP keeps a long history: the caller names how many). */
  async listTasks(filter: TaskListFilter = {}, size = 50, signal?: AbortSignal): Promise<Raw[]> {
    const { status, ...rest } = filter;
    const data = await this.get<Page<Raw> | null>('/api/v2/tasks/instances', {
      query: { sort: 'id,desc', ...rest, status, page: 1, size: Math.min(MAX_PAGE_SIZE, size) }, signal,
    });
    return Array.isArray(data?.contents) ? data!.contents : [];
  }

  /** One task with its subtasks. `retries: 0` for pollers that back off on their own. */
  getTask(id: number, signal?: AbortSignal, retries?: number): Promise<Raw> {
    return this.get(`/api/v2/tasks/instances/${id}`, { signal, retries });
  }

  retryTask(id: number, signal?: AbortSignal): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${id}/retry`, undefined, { signal });
  }

  rollbackTask(id: number, signal?: AbortSignal): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${id}/rollback`, undefined, { signal });
  }

  async subtaskLog(taskId: number, subtaskId: number, signal?: AbortSignal): Promise<string> {
    const data = await this.get<{ log?: string } | string | null>(`/api/v2/tasks/instances/${taskId}/subtasks/${subtaskId}/log`, { signal });
    return typeof data === 'string' ? data : data?.log ?? '';
  }

  retrySubtask(taskId: number, subtaskId: number, signal?: AbortSignal): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${taskId}/subtasks/${subtaskId}/retry`, undefined, { signal });
  }

  skipSubtask(taskId: number, subtaskId: number, signal?: AbortSignal): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${taskId}/subtasks/${subtaskId}/skip`, undefined, { signal });
  }

  cancelSubtask(taskId: number, subtaskId: number, signal?: AbortSignal): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${taskId}/subtasks/${subtaskId}/cancel`, undefined, { signal });
  }
}
