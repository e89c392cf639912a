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
