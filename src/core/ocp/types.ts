// Shapes of what OCP's REST API v2 takes and returns, as far as the client needs them.
// Responses are kept loose (`Raw*`): the model's normalisers turn them into typed objects.

export type Raw = Record<string, any>;

export type AuthConfig =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'accessKey'; accessKeyId: string; secret: string };

export interface ConnectionOptions {
  /** Base URL: http(s)://host[:port], OCP's default port is 8080. */
  url: string;
  auth: AuthConfig;
  /** Per-request timeout in ms (headers and body). */
  timeoutMs?: number;
  /** PEM text of extra CA certificates to trust. */
  ca?: string;
  /** Accept self-signed / untrusted certificates (an explicit opt-in). */
  allowSelfSigned?: boolean;
  /** http(s)://[user:pass@]proxy:port */
  proxy?: string;
  /** Sent as Accept-Language so OCP answers messages in the user's language (en-US, zh-CN). */
  acceptLanguage?: string;
  /** GET retry policy for connection errors and 502/503/504. */
  retries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Longest wait for a 429's RateLimit-Reset before a GET is retried; longer waits fail with rateLimited. */
  maxRateLimitWaitMs?: number;
  /** Observes every request (for logs): never receives headers or bodies. */
  onRequest?: (e: RequestEvent) => void;
  /** Largest JSON body read, in bytes (default 64 MiB); more fails with kind tooLarge, never retried. */
  maxBodyBytes?: number;
  /** Largest subtask-log body read to find its tail, in bytes (default 128 MiB). */
  maxLogBodyBytes?: number;
  /**
   * Called once when OCP answers 401. From then on the client sends nothing (every call fails at once with
   * kind auth and notSent) until setCredentials() or resetAuth(): OCP locks an address out after 20 failures.
   */
  onAuthRejected?: (e: OcpAuthRejection) => void;
  /**
   * Parses and normalises large list pages off this thread (pageDecoder.ts), for lists called with a `codec`
   * (MappedListOptions). Shared by connections; its owner closes it.
   */
  pageDecoder?: PageDecoding;
}

/** What onAuthRejected receives (the OcpError of the 401). */
export interface OcpAuthRejection {
  message: string;
  method?: string;
  path?: string;
  traceId?: string;
}

/** The connection options an OcpClient keeps: everything but the credentials. */
export type PublicConnectionOptions = Readonly<Omit<ConnectionOptions, 'auth'>>;

/** Options every client call takes. */
export interface CallOptions {
  /** Aborts the request, a pagination loop and any retry wait (kind cancelled). */
  signal?: AbortSignal;
}

/** Why a list stopped before the server said it was complete. */
export type TruncationReason =
  | 'repeatedPage' // a page held only items already seen
  | 'pageNotAdvancing' // page.number did not advance
  | 'itemCap' // maxItems items read (default 100,000)
  | 'pageCap'; // maxPages requests made

export interface Truncation {
  reason: TruncationReason;
  /** Items returned. */
  count: number;
  /** What OCP claimed, when it said. */
  totalElements?: number;
}

/** A list as returned by the list calls: an array, with `truncated` set when it was cut. */
export type ListResult<T> = T[] & { truncated?: Truncation };

export interface ListOptions extends CallOptions {
  /** Page size asked for (1..2000, default 2000). */
  pageSize?: number;
  /** Stop after this many items (default 100,000). */
  maxItems?: number;
  /** Stop after this many requests (default 500). */
  maxPages?: number;
  /**
   * Pages in flight at once after the first (1..4, default 1): once page 1 says how many pages there are, pages
   * 2… are asked for this many at a time and still taken in order, with the same bounds and checks.
   */
  parallel?: number;
  /**
   * How many items the caller expects (what the last listing of the same list counted). With `parallel` > 1, more
   * than a page expected and credentials OCP has accepted on this connection, pages 2… (`parallel` in flight in
   * all) are asked for right after page 1 instead of once it has arrived; they are taken only as far as page 1
   * then allows (same checks), and the rest are cancelled: at most `parallel` - 1 requests more than needed.
   */
  expectedItems?: number;
  /** Called after each page is taken with every item so far (read-only; do not keep it) and OCP's total, if given. */
  onProgress?: (items: readonly unknown[], totalElements: number | undefined) => void;
}

/**
 * ListOptions with a `map` each item goes through as its page arrives: the list keeps only what `map` returns,
 * so a page's raw JSON can be collected at once (20,000 clusters are 32 MiB of JSON and a fraction of it as
 * normalised objects). onProgress then sees the mapped items.
 */
export interface MappedListOptions<U> extends ListOptions {
  map: (raw: Raw) => U;
  /**
   * The same normalisation as `map` (its `normalize` must be `map`), done off this thread for large pages when the connection has a page decoder
   * (ConnectionOptions.pageDecoder): the page's JSON is parsed and its items normalised in a worker thread and
   * handed back packed. Without a decoder, for small pages, or when the worker fails, `map` does it here.
   */
  codec?: PageCodec<U>;
}

/** Items of a list page in a flat form a worker thread hands back cheaply (src/core/model/packing.ts). */
export interface PackedItems {
  /** Numbers, counts, flags and string indexes, in the codec's order (transferred, not copied). */
  nums: Float64Array;
  /** Each distinct string once. */
  strs: string[];
}

/** A page decoded off this thread: the envelope with `data.contents` holding the normalised items. */
export interface DecodedPage {
  envelope: any;
  /** The raw items' ids and the raw page's fingerprint (paginate's repeat check; pageIdentity.ts). */
  ids: unknown[];
  fingerprint: string;
}

/** What the transport asks of a page decoder (PageDecoder, pageDecoder.ts). */
export interface PageDecoding {
  /** Bodies smaller than this are read on this thread. */
  readonly minBytes: number;
  readonly available: boolean;
  /**
   * The page decoded off this thread, or undefined (the caller reads the body itself): also for a page of more than
   * `maxItems` items. Rejects only on abort.
   */
  decode<T>(body: Uint8Array, codec: PageCodec<T>, maxItems: number, signal?: AbortSignal): Promise<DecodedPage | undefined>;
}

/** How a list's items are normalised in a worker thread and handed back (src/core/ocp/pageWorker.ts). */
export interface PageCodec<T> {
  /** Its name in the worker's registry. */
  readonly name: string;
  normalize(raw: unknown): T;
  pack(items: readonly T[]): PackedItems;
  unpack(p: PackedItems): T[];
}

/** The tail of a subtask log. */
export interface LogTail {
  text: string;
  /** Characters dropped from the front (0 when the whole log is here). */
  droppedChars: number;
  truncated: boolean;
  /** Bytes of the HTTP body read. */
  bytesRead: number;
}

export interface RequestEvent {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  attempt: number;
  error?: string;
  traceId?: string;
}

/** What a transport has sent and read so far (for tests, benchmarks and a status line). */
export interface TransportStats {
  /** Requests put on the wire. */
  requestsSent: number;
  /** Requests refused without sending (connection silenced by a 401, aborted before sending). */
  requestsRefused: number;
  /** Bytes of response bodies read. */
  bytesRead: number;
}

export interface Page<T> {
  contents: T[];
  page?: { number: number; size: number; totalElements: number; totalPages: number };
}

export type Query = Record<string, string | number | boolean | Array<string | number> | undefined>;

export interface CreateClusterZone {
  name: string;
  idcName: string;
  servers: number[];
}

export interface CreateClusterRequest {
  name: string;
  rpmName: string;
  type: 'PRIMARY' | 'STANDBY';
  password: string;
  primaryZone?: string;
  zones: CreateClusterZone[];
}

export interface TakeOverHostInfo {
  kind?: 'DEDICATED_PHYSICAL_MACHINE' | 'DEDICATED_CONTAINER' | 'DEDICATED_ECS';
  publishPorts?: string;
  hostTypeId: number;
  credentialId: number;
}

export interface TakeOverRequest {
  rootSysPassword: string;
  address: string;
  port: number;
  saveToCredential?: boolean;
  connectionMode?: 'direct' | 'proxy';
  clusterName?: string;
  obClusterId?: number;
  switchConfigUrl?: boolean;
  hostInfo?: TakeOverHostInfo;
}

export interface SwitchoverRequest {
  tenantId: number;
  standbyTenantId: number;
}

export interface TaskListFilter {
  name?: string;
  status?: string[];
  type?: string;
  clusterId?: number;
  tenantId?: number;
  hostId?: number;
  sort?: string;
}

/** OCP's info endpoint (unwrapped). */
export interface OcpInfo {
  name?: string;
  buildVersion?: string;
  buildTime?: string;
  [k: string]: unknown;
}
