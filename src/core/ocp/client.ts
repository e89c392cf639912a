// OcpClient: OCP REST API v2 endpoints the product uses (ocp-api.md §1, §5–7), on top of OcpTransport.
// Returns OCP's raw `data`; the model's normalisers give it types. Every call takes `{ signal }` (or, as
// before, an AbortSignal) that aborts its request, its pagination loop and any retry wait. Lists are
// bounded: they stop on a repeated page, a page number that does not advance, totalElements reached, and
// at hard caps, and say so in `truncated`. The client keeps no readable secret (see http.ts).
import { OcpError } from './errors';
import { MAPPED_PAGE, OcpTransport, type MappedPageMark, type RequestOptions } from './http';
import { fingerprint, pageIds } from './pageIdentity';
import type {
  AuthConfig, CallOptions, ConnectionOptions, CreateClusterRequest, ListOptions, ListResult, LogTail, MappedListOptions, OcpInfo, Page, PageCodec,
  PublicConnectionOptions, Query, Raw, SwitchoverRequest, TakeOverRequest, TaskListFilter, Truncation,
} from './types';

export const MAX_PAGE_SIZE = 2000;
/** Hard cap of items in one list (the tree says the list was cut). */
export const MAX_LIST_ITEMS = 100_000;
/** Hard cap of requests in one list. */
export const MAX_LIST_PAGES = 500;
/** At most this many pages of one list in flight at once. */
export const MAX_PARALLEL_PAGES = 4;
/** Characters of a subtask log kept by subtaskLogTail (the end is what matters). */
export const DEFAULT_LOG_TAIL_CHARS = 2 * 1024 * 1024;

/** An AbortSignal (the older signature) or the options object. */
export type CallArg = AbortSignal | CallOptions | undefined;

function callOptions<O extends CallOptions>(arg: AbortSignal | O | undefined): O {
  if (!arg) return {} as O;
  if (typeof (arg as AbortSignal).aborted === 'boolean' && typeof (arg as AbortSignal).addEventListener === 'function') return { signal: arg as AbortSignal } as O;
  return arg as O;
}

type ClusterQuery = { name?: string; status?: string[]; sort?: string };
type TenantQuery = { name?: string; mode?: string; status?: string[] };

/** The call's options with a `map` (the identity when it has none). */
function mapped(arg: AbortSignal | ListOptions | MappedListOptions<unknown> | undefined): MappedListOptions<unknown> {
  const o = callOptions<ListOptions & { map?: (raw: Raw) => unknown }>(arg);
  return o.map ? (o as MappedListOptions<unknown>) : { ...o, map: (raw) => raw };
}

function positive(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

/** Options of paginate: ListOptions plus observers of each page and of a cut. */
export interface PaginateOptions extends ListOptions {
  /** Called before a page's items are yielded. */
  onPage?: (p: Page<any>) => void;
  /** Called once if the list is cut, before the generator ends. */
  onTruncated?: (t: Truncation) => void;
}

/** listMapped's pages: large ones may be normalised off this thread by `codec` (the connection's page decoder). */
type PagesOptions = PaginateOptions & { codec?: PageCodec<unknown> };

export class OcpClient {
  readonly transport: OcpTransport;
  /** The connection options without the credentials (they live only in the transport's signing closure). */
  readonly options: PublicConnectionOptions;

  constructor(options: ConnectionOptions) {
    this.transport = new OcpTransport(options);
    const { auth: _auth, ...rest } = options;
    this.options = Object.freeze(rest);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** True after a 401: every call fails at once (kind auth, notSent) until setCredentials or resetAuth. */
  get authRejected(): boolean {
    return this.transport.authRejection !== undefined;
  }

  /** New credentials for this connection; requests are sent again. */
  setCredentials(auth: AuthConfig): void {
    this.transport.setCredentials(auth);
  }

  /** Allows requests again with the same credentials (fixed on the server side). */
  resetAuth(): void {
    this.transport.resetAuth();
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.transport.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.transport.request<T>('POST', path, { ...options, body });
  }

  /**
   * Every item of a paged list, page by page (1-based), tolerating a missing `page` object. Stops when the
   * server says it is done (empty page, no page info, page >= totalPages, items >= totalElements) and, cut,
   * on a page of only already-seen items, a page.number that does not advance, maxItems or maxPages, and
   * then calls onTruncated with the reason.
   */
  async *paginate<T = Raw>(path: string, query: Query = {}, options: PaginateOptions = {}): AsyncGenerator<T> {
    // Items as OCP sent them: no page is normalised off this thread here (that is listMapped's, with its codec).
    for await (const page of this.pages<T>(path, query, { ...options, codec: undefined })) yield* page.items;
  }

  /**
   * paginate's pages: each page's items as one array (the items the caps allow), whether they were normalised off
   * this thread, and OCP's totalElements so far. The same requests, checks and cuts as paginate.
   */
  private async *pages<T>(path: string, query: Query, options: PagesOptions): AsyncGenerator<{ items: T[]; mapped: boolean; totalElements?: number }> {
    const asked = Number(options.pageSize ?? MAX_PAGE_SIZE);
    const size = Number.isFinite(asked) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(asked))) : MAX_PAGE_SIZE;
    const maxItems = positive(options.maxItems, MAX_LIST_ITEMS);
    const maxPages = positive(options.maxPages, MAX_LIST_PAGES);
    const parallel = Math.min(MAX_PARALLEL_PAGES, positive(options.parallel, 1));
    const signal = options.signal;
    // Pages asked for ahead are cancelled when the list ends early (a cut, an error, the caller stopping).
    const ahead = new AbortController();
    const pageSignal = signal ? AbortSignal.any([signal, ahead.signal]) : ahead.signal;
    const fetchPage = (page: number): Promise<Page<T> | T[] | null> => this.get<Page<T> | T[] | null>(path, { query: { ...query, page, size }, signal: pageSignal, ...(options.codec ? { decodePage: { codec: options.codec, maxItems: Math.max(1, maxItems - count) } } : {}) });
    const prefetched = new Map<number, Promise<Page<T> | T[] | null>>();
    const seen = new Set<unknown>();
    let count = 0;
    let lastNumber: number | undefined;
    let lastFingerprint: string | undefined;
    let totalElements: number | undefined;
    let knownPages: number | undefined;
    const cut = (reason: Truncation['reason']): void => {
      options.onTruncated?.({ reason, count, ...(totalElements !== undefined ? { totalElements } : {}) });
    };
    const ask = (p: number): void => {
      if (prefetched.has(p)) return;
      const pending = fetchPage(p);
      pending.catch(() => undefined);
      prefetched.set(p, pending);
    };
    // A list expected to be longer than a page has pages 2… asked for right after page 1, `parallel` in flight in
    // all, so the server builds page 2 while page 1 is read. Only with credentials OCP has accepted (wrong ones
    // would be refused once per request, each a failed login). Pages that page 1 then rules out are cancelled.
    const expected = positive(options.expectedItems, 0);
    if (parallel > 1 && expected > size && this.transport.credentialsAccepted && !signal?.aborted) {
      for (let p = 1; p <= Math.min(parallel, Math.ceil(expected / size), maxPages, Math.ceil(maxItems / size)); p++) ask(p);
    }
    try {
      for (let page = 1; ; page++) {
        if (signal?.aborted) throw new OcpError({ kind: 'cancelled', message: 'Request cancelled', path, notSent: true });
        if (page > maxPages) return cut('pageCap');
        // Keep up to `parallel` pages in flight, never past what page 1 announced, the page cap or the item cap.
        if (knownPages !== undefined) {
          const itemsLeft = Math.ceil((maxItems - count) / size);
          const last = Math.min(knownPages, maxPages, page - 1 + Math.max(1, itemsLeft));
          for (let p = page; p < page + parallel && p <= last; p++) ask(p);
        }
        const pending = prefetched.get(page);
        prefetched.delete(page);
        const data = await (pending ?? fetchPage(page));
        const contents: T[] = Array.isArray(data) ? data : Array.isArray(data?.contents) ? data!.contents : [];
        const info = Array.isArray(data) || !data || typeof data.page !== 'object' || data.page === null ? undefined : data.page;
        const te = Number(info?.totalElements);
        if (Number.isFinite(te) && te >= 0) totalElements = te;
        // A page normalised off this thread carries the raw ids and fingerprint (its items are no longer raw).
        const mark = Array.isArray(data) || !data ? undefined : (data as { [MAPPED_PAGE]?: MappedPageMark })[MAPPED_PAGE];
        const ids = mark?.ids ?? pageIds(contents);
        if (page > 1) {
          const number = Number(info?.number);
          if (Number.isFinite(number) && lastNumber !== undefined && number <= lastNumber) return cut('pageNotAdvancing');
          if (contents.length && repeats(ids, seen, lastFingerprint, () => mark?.fingerprint ?? fingerprint(contents))) return cut('repeatedPage');
        }
        lastNumber = Number.isFinite(Number(info?.number)) ? Number(info!.number) : undefined;
        lastFingerprint = mark?.fingerprint ?? fingerprint(contents);
        options.onPage?.({ contents, page: info });
        const take = Math.min(contents.length, maxItems - count);
        for (let i = 0; i < take; i++) {
          const id = ids[i];
          if (id !== undefined && id !== null) seen.add(id);
        }
        count += take;
        yield { items: take < contents.length ? contents.slice(0, take) : contents, mapped: mark !== undefined, ...(totalElements !== undefined ? { totalElements } : {}) };
        if (take < contents.length) return cut('itemCap');
        if (!info || contents.length === 0) return;
        if (totalElements !== undefined && count >= totalElements) return;
        const totalPages = Number(info.totalPages ?? (info as any).totalPage);
        if (!Number.isFinite(totalPages) || page >= totalPages) return;
        if (count >= maxItems) return cut('itemCap');
        // Pages are asked for ahead only when page 1 is full and its counts agree (pages = ⌈elements / size⌉):
        // a server that claims a billion pages for a short page is read one page at a time, and its first
        // repeat or stalled page number stops the list before anything else was asked. Only page 1's count is
        // trusted for asking ahead; a later page's is only a reason to stop.
        if (page === 1 && parallel > 1 && contents.length === size && totalElements !== undefined && totalPages === Math.ceil(totalElements / size)) knownPages = totalPages;
      }
    } finally {
      if (prefetched.size) ahead.abort();
    }
  }

  /** Every item of a paged list (see paginate); `truncated` says whether and why it was cut. */
  listAll<T = Raw>(path: string, query?: Query, options?: ListOptions): Promise<ListResult<T>> {
    return this.listMapped<T>(path, query, { ...options, map: (raw) => raw as T });
  }

  /** listAll with every item mapped as its page arrives (see MappedListOptions): only the mapped items are kept. */
  async listMapped<U>(path: string, query: Query | undefined, options: MappedListOptions<U>): Promise<ListResult<U>> {
    const { map, codec, onProgress } = options;
    // A page normalised off this thread and one normalised here must come out the same.
    if (codec && codec.normalize !== map) throw new Error('listMapped: codec.normalize must be the map');
    const out: ListResult<U> = [];
    for await (const page of this.pages<Raw>(path, query ?? {}, { ...options, codec: codec as PageCodec<unknown> | undefined, onTruncated: (t) => { out.truncated = t; } })) {
      // The items of a page normalised off this thread (by `codec`) are kept as they come.
      if (page.mapped) for (const item of page.items) out.push(item as U);
      else for (const item of page.items) out.push(map(item));
      // Progress once per page, when its items are in (for a page cut at the item cap, before onTruncated).
      if (onProgress && page.items.length) onProgress(out, page.totalElements);
    }
    return out;
  }

  // --- server ------------------------------------------------------------------------------------
  /** Server time as OCP prints it (no authentication needed). */
  async time(opts?: CallArg): Promise<string> {
    const t = await this.get<unknown>('/api/v2/time', { unwrapped: true, ...callOptions(opts) });
    return String(t).trim();
  }

  info(opts?: CallArg): Promise<OcpInfo> {
    return this.get<OcpInfo>('/api/v2/info', { unwrapped: true, ...callOptions(opts) });
  }

  // --- clusters and tenants -----------------------------------------------------------------------
  listClusters<U>(query: ClusterQuery, opts: MappedListOptions<U>): Promise<ListResult<U>>;
  listClusters(query?: ClusterQuery, opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>>;
  listClusters(query: ClusterQuery = {}, opts?: AbortSignal | ListOptions | MappedListOptions<unknown>): Promise<ListResult<unknown>> {
    return this.listMapped('/api/v2/ob/clusters', query, mapped(opts));
  }

  /**
   * One cluster. No OCP version documents GET /clusters/{id} (cluster-details.md), so any answer other than a JSON
   * envelope holding that cluster (404, 400, 405, an HTML page with 200, another object) falls back to the documented
   * list. Only "no answer" (network, timeout), 401 and cancellation are thrown as they are.
   */
  async getCluster(id: number, opts?: CallArg): Promise<Raw> {
    const { signal } = callOptions(opts);
    let first: unknown;
    try {
      const c = await this.get<Raw>(`/api/v2/ob/clusters/${id}`, { signal, retries: 0 });
      if (c && typeof c === 'object' && Number(c.id) === id) return c;
    } catch (e) {
      if (!(e instanceof OcpError) || ['auth', 'cancelled', 'network', 'timeout', 'tls'].includes(e.kind)) throw e;
      first = e;
    }
    // The documented list (lookups.ts findCluster does the same for callers outside the client).
    for await (const c of this.paginate('/api/v2/ob/clusters', {}, { signal })) if (Number(c.id) === id) return c;
    if (first instanceof OcpError) throw first;
    throw new OcpError({ kind: 'http', status: 404, method: 'GET', path: '/api/v2/ob/clusters', message: `OCP lists no cluster with id ${id}` });
  }

  listTenants<U>(clusterId: number, query: TenantQuery, opts: MappedListOptions<U>): Promise<ListResult<U>>;
  listTenants(clusterId: number, query?: TenantQuery, opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>>;
  listTenants(clusterId: number, query: TenantQuery = {}, opts?: AbortSignal | ListOptions | MappedListOptions<unknown>): Promise<ListResult<unknown>> {
    return this.listMapped(`/api/v2/ob/clusters/${clusterId}/tenants`, query, mapped(opts));
  }

  listAllTenants(query: { name?: string; clusterName?: string } = {}, opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    return this.listAll('/api/v2/ob/tenants', query, callOptions(opts));
  }

  getTenant(clusterId: number, tenantId: number, opts?: CallArg): Promise<Raw> {
    return this.get(`/api/v2/ob/clusters/${clusterId}/tenants/${tenantId}`, callOptions(opts));
  }

  listZones(clusterId: number, opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    return this.listAll(`/api/v2/ob/clusters/${clusterId}/zones`, {}, callOptions(opts));
  }

  listServers(clusterId: number, opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    return this.listAll(`/api/v2/ob/clusters/${clusterId}/servers`, {}, callOptions(opts));
  }

  // --- compute, credentials, packages ------------------------------------------------------------------
  listHosts(query: { keyword?: string } = {}, opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    return this.listAll('/api/v2/compute/hosts', query, callOptions(opts));
  }

  listIdcs(opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    return this.listAll('/api/v2/compute/idcs', {}, callOptions(opts));
  }

  listRegions(opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    return this.listAll('/api/v2/compute/regions', {}, callOptions(opts));
  }

  listHostTypes(opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    return this.listAll('/api/v2/compute/hostTypes', {}, callOptions(opts));
  }

  /** SSH credentials of the current user ("password box"), hosts only. */
  async listCredentials(opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    const all = await this.listAll('/api/v2/profiles/me/credentials', {}, callOptions(opts));
    const hosts: ListResult<Raw> = all.filter((c) => c.targetType === undefined || c.targetType === 'HOST');
    if (all.truncated) hosts.truncated = all.truncated;
    return hosts;
  }

  listSoftwarePackages(query: { type?: string; keyword?: string } = { type: 'OB_SERVER_INSTALL_PACKAGE' }, opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    return this.listAll('/api/v2/software-packages', query, callOptions(opts));
  }

  // --- operations: one POST each, never retried -------------------------------------------------------
  createCluster(body: CreateClusterRequest, opts?: CallArg): Promise<Raw> {
    return this.post('/api/v2/ob/clusters', body, callOptions(opts));
  }

  takeOverPreCheck(body: Omit<TakeOverRequest, 'hostInfo' | 'switchConfigUrl'>, opts?: CallArg): Promise<Raw> {
    return this.post('/api/v2/ob/clusters/takeOverPreCheck', body, callOptions(opts));
  }

  takeOver(body: TakeOverRequest, opts?: CallArg): Promise<Raw> {
    return this.post('/api/v2/ob/clusters/takeOver', body, callOptions(opts));
  }

  stopCluster(id: number, opts?: CallArg): Promise<Raw> {
    return this.post(`/api/v2/ob/clusters/${id}/stop`, undefined, callOptions(opts));
  }

  startCluster(id: number, opts?: CallArg): Promise<Raw> {
    return this.post(`/api/v2/ob/clusters/${id}/start`, undefined, callOptions(opts));
  }

  switchoverPreCheck(clusterId: number, tenantId: number, body: SwitchoverRequest, opts?: CallArg): Promise<Raw> {
    return this.post(`/api/v2/ob/clusters/${clusterId}/tenants/${tenantId}/switchoverPreCheck`, body, callOptions(opts));
  }

  switchover(clusterId: number, tenantId: number, body: SwitchoverRequest, opts?: CallArg): Promise<Raw> {
    return this.post(`/api/v2/ob/clusters/${clusterId}/tenants/${tenantId}/switchover`, body, callOptions(opts));
  }

  // --- tasks ------------------------------------------------------------------------------------------
  /** Tasks newest first; one page (OCP keeps a long history: the caller names how many). */
  async listTasks(filter: TaskListFilter = {}, size = 50, opts?: AbortSignal | ListOptions): Promise<ListResult<Raw>> {
    const { status, ...rest } = filter;
    const data = await this.get<Page<Raw> | null>('/api/v2/tasks/instances', {
      query: { sort: 'id,desc', ...rest, status, page: 1, size: Math.min(MAX_PAGE_SIZE, positive(size, 50)) }, ...callOptions(opts),
    });
    return Array.isArray(data?.contents) ? data!.contents : [];
  }

  /** One task with its subtasks. `retries: 0` for pollers that back off on their own. */
  getTask(id: number, opts?: CallArg, retries?: number): Promise<Raw> {
    return this.get(`/api/v2/tasks/instances/${id}`, { ...callOptions(opts), retries });
  }

  retryTask(id: number, opts?: CallArg): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${id}/retry`, undefined, callOptions(opts));
  }

  rollbackTask(id: number, opts?: CallArg): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${id}/rollback`, undefined, callOptions(opts));
  }

  /** The whole log (bounded: see subtaskLogTail, which this reads with its default tail). */
  async subtaskLog(taskId: number, subtaskId: number, opts?: CallArg): Promise<string> {
    return (await this.subtaskLogTail(taskId, subtaskId, callOptions(opts))).text;
  }

  /**
   * The last `tailChars` characters of a subtask's log (default 2 Mi characters). The body is read as a
   * stream and only the tail is kept, so memory stays bounded whatever the log's size; a body above
   * maxLogBodyBytes (default 128 MiB) fails with kind tooLarge. `truncated` says the front was dropped.
   */
  async subtaskLogTail(taskId: number, subtaskId: number, opts: CallOptions & { tailChars?: number } = {}): Promise<LogTail> {
    const tailChars = positive(opts.tailChars, DEFAULT_LOG_TAIL_CHARS);
    const a = await this.transport.requestAnswer<{ log?: unknown } | string | null>('GET', `/api/v2/tasks/instances/${taskId}/subtasks/${subtaskId}/log`, { signal: opts.signal, tailChars });
    const data = a.data;
    const log = typeof data === 'string' ? data : data && typeof data === 'object' && typeof data.log === 'string' ? data.log : '';
    return { text: log, droppedChars: a.droppedChars, truncated: a.droppedChars > 0, bytesRead: a.bytesRead };
  }

  retrySubtask(taskId: number, subtaskId: number, opts?: CallArg): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${taskId}/subtasks/${subtaskId}/retry`, undefined, callOptions(opts));
  }

  skipSubtask(taskId: number, subtaskId: number, opts?: CallArg): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${taskId}/subtasks/${subtaskId}/skip`, undefined, callOptions(opts));
  }

  cancelSubtask(taskId: number, subtaskId: number, opts?: CallArg): Promise<Raw | undefined> {
    return this.post(`/api/v2/tasks/instances/${taskId}/subtasks/${subtaskId}/cancel`, undefined, callOptions(opts));
  }
}

/** True when every item of a page was seen before (by id), or the page is identical to the previous one. */
function repeats(ids: readonly unknown[], seen: Set<unknown>, lastFingerprint: string | undefined, print: () => string): boolean {
  if (ids.every((id) => id !== undefined && id !== null)) return ids.every((id) => seen.has(id));
  return lastFingerprint !== undefined && print() === lastFingerprint;
}
