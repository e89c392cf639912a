/*
 * Shapes used by the OCP simulator: scenario and fault descriptions (its public configuration), recorded
 * requests, and the DTOs it serves. DTO field names follow ocp-api.md; fields the docs do not confirm are
 * the simulator's guesses and are marked so.
 *
 * Tenant role (UNCONFIRMED in OCP, simulator's guess): every tenant carries `tenantRole: 'PRIMARY'|'STANDBY'`;
 * a standby tenant has `primaryTenant {id,name,clusterId,clusterName}`, a primary with standbys has
 * `standbyTenants [{id,name,clusterId,clusterName}]`.
 */

import type { HostileFault } from './faults';

export type Lang = 'en-US' | 'zh-CN';

/** Fields every fault may carry. Request faults match on method/path (a RegExp source tested against the
 * URL path without query); `times` = how many matching requests (or subtask runs) it affects, default unlimited
 * (failSubtask: default 1). `lang` forces the language of the fault's error message. */
export interface FaultBase { method?: string; path?: string; times?: number; lang?: Lang }

export type Fault = FaultBase & (
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  | { kind: 'rateLimit'; resetSeconds?: number }
  | { kind: 'unauthorized' }
  | { kind: 'malformedJson' }
  | { kind: 'html' }
  | { kind: 'reset' }
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' }
  | { kind: 'failSubtask'; name: string; log?: string; taskId?: number }
  | { kind: 'neverFinish'; taskId?: number }
  | { kind: 'taskShape'; shape: TaskShape; on?: 'post' | 'get' | 'both' }
  | { kind: 'unknownEnums'; value?: string }
  | { kind: 'largeInventory'; clusters: number; tenantsPerCluster?: number }
) | HostileFault;
export type FaultKind = Fault['kind'];

export type TaskShape = 'old' | 'new';

export interface SimUser { username: string; password: string; readOnly?: boolean }
export interface SimAccessKey { accessKey: string; secret: string; username?: string }

/** A cluster that "exists" at an address and can be taken over. Unlisted addresses can be taken over too
 * (any password, a one-server cluster named after the address). */
export interface TakeOverTarget {
  address: string;
  port?: number;
  clusterName: string;
  rootSysPassword?: string;
  obVersion?: string;
  zones?: number;
  serversPerZone?: number;
  /** precheck problems: when present the precheck fails with these messages */
  problems?: string[];
}

export interface Scenario {
  users?: SimUser[];
  accessKeys?: SimAccessKey[];
  clockSpeed?: number;
  generate?: { clusters: number; tenantsPerCluster?: number };
  faults?: Fault[];
  inventory?: 'default' | 'empty';
  /** 'mixed' = old shape from the operation POST, new shape from GET (ocp-api.md 7.2) */
  taskShape?: TaskShape | 'mixed';
  /** fixed duration of every non-"Wait node" subtask, or a [min,max] range (simulated ms); default [300,900] */
  subtaskDurationMs?: number | [number, number];
  /** shifts the simulated server clock from real time (to test AK/SK clock-skew handling) */
  serverTimeOffsetMs?: number;
  takeOverTargets?: TakeOverTarget[];
  /** what GET /api/v2/info reports as buildVersion (default 4.2.1-20240110); null = the field is left out */
  buildVersion?: string | null;
  /** serve GET /api/v2/ob/clusters/{id}, which no OCP version documents (default false: 404) */
  serveClusterDetail?: boolean;
  /** leave out every field listed in the README under "assumed, not documented" (tenant roles and links, fullVersion,
   * credential details, take-over precheck details, precheck item fields); a failing take-over precheck answers 400 */
  documentedOnly?: boolean;
  /** extra clusters with generated zones and OBServers (topology.ts), e.g. 100 zones x 30 servers */
  topology?: import('./topology').TopologySpec[];
  /** benchmarks: keep each GET answer's serialised data by URL until the next request that is not a GET (README) */
  cacheReads?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** parsed JSON, the raw string when it is not JSON, or null without a body */
  body: unknown;
  /** HTTP status sent; 0 while unanswered or when the connection was reset */
  status: number;
  /** real time (epoch ms) the request arrived */
  at: number;
  /** bytes of the answer written to the socket so far (headers and body; a hugeBody cut short by the client counts what went out) */
  bytes: number;
}

// ---- inventory DTOs ----

export interface Region { id: number; name: string; description: string; createTime: string; updateTime: string }
export interface Idc { id: number; name: string; description: string; regionId: number; regionName: string; createTime: string; updateTime: string }
export interface HostType { id: number; name: string; description: string; createTime: string; updateTime: string }
export interface Credential {
  id: number; name: string; targetType: 'HOST'; description: string;
  sshCredentialProperty: { type: 'PASSWORD' | 'PRIVATE_KEY'; username: string };
  createTime: string; updateTime: string;
}
export interface SoftwarePackage {
  id: number; name: string; fileName: string; extension: string; size: number; sha1: string; downloadUrl: string;
  type: string; version: string; buildNumber: string; operatingSystem: string; architecture: string;
  deletable: boolean; createTime: string;
}

/** One entry of a host's `services` (ServiceSummary, query-hosts.md). */
export interface HostService { name: string; version: string; type: string; softwarePackageId: number | null }

/** Host, with the documented fields of query-hosts.md: `services[]` says what runs on it, `typeName` its type. */
export interface Host {
  id: number; name: string; alias: string | null; description: string | null; operatingSystem: string; operatingSystemRelease: string;
  architecture: string; serialNumber: string | null; innerIpAddress: string; sshPort: number; kind: string; publishPorts: string | null;
  services: HostService[]; status: string;
  idcId: number; idcName: string; idcDescription: string | null;
  typeId: number; typeName: string; typeDescription: string | null;
  regionId: number; regionName: string; regionDescription: string | null;
  hostAgentId: number; hostAgentVersion: string; hostAgentStatus: string;
  createTime: string; updateTime: string;
}

export interface ObServer {
  id: number; ip: string; port: number; sqlPort: number; version: string; withRootserver: boolean; status: string;
  clusterId: number; zoneName: string; regionName: string; idcName: string; hostId: number | null; hostTypeName: string;
  startTime: string; stopTime: string | null;
}

export interface Zone {
  name: string; idcName: string; idcId: number; regionName: string; clusterId: number; obClusterId: number;
  serverCount: number; hostCount: number; status: string; innerStatus: string; operateStatus: string; servers: ObServer[];
}

export interface ClusterRef { id: number; name: string; obClusterId: number }

export interface Cluster {
  id: number; name: string; obClusterId: number; obVersion: string; fullVersion: string; type: 'PRIMARY' | 'STANDBY';
  status: string; regionCount: number; tenantCount: number; partitionCount: number; serverCount: number;
  rootServers: { address: string; role: 'LEADER' | 'FOLLOWER'; sql_port: number }[];
  zones: Zone[]; primaryCluster: ClusterRef | null; standbyClusters: ClusterRef[]; delayTime: number | null;
  syncStatus: string | null; createTime: string; updateTime: string; creator: string;
  failToQueryFromObReason: string | null;
}

export interface TenantRef { id: number; name: string; clusterId: number; clusterName: string }

export interface Tenant {
  id: number; name: string; clusterId: number; clusterName: string; obClusterId: number; clusterType: string;
  mode: 'MYSQL' | 'ORACLE'; createTime: string; primaryZone: string; zoneList: string; locality: string;
  status: string; locked: boolean; readonly: boolean; obVersion: string; description: string; obTenantId: number;
  tenantRole: 'PRIMARY' | 'STANDBY'; primaryTenant: TenantRef | null; standbyTenants: TenantRef[];
}

// ---- tasks (internal records; serialised by task-view.ts) ----

export type TaskStatus = 'RUNNING' | 'FAILED' | 'SUCCESSFUL';
export type SubtaskStatus = 'PENDING' | 'READY' | 'RUNNING' | 'CANCELING' | 'FAILED' | 'SUCCESSFUL';
export type Operation = 'EXECUTE' | 'RETRY' | 'ROLLBACK' | 'SKIP' | 'CANCEL';

export interface LogLine { at: number; text: string }

export interface SubtaskRec {
  id: number; seriesId: number; name: string; description: string; status: SubtaskStatus; operation: Operation;
  executor: string; runTime: number; timeout: number; nodeType: string; parallelIdx: number;
  upstreams: number[]; downstreams: number[]; prohibitRollback: boolean; prohibitSkip: boolean;
  createTime: number; startTime: number | null; finishTime: number | null;
  /** bumped on every state change that invalidates scheduled events for this subtask */
  epoch: number;
  log: LogLine[];
  /** what it works on (host ip, zone name...), used in log lines */
  target?: string;
}

export interface TaskHooks {
  onSuccess?(): void;
  onRollback?(): void;
  /** a subtask started running / succeeded (lifecycle.ts moves zone and server statuses along the DAG) */
  onSubtask?(s: SubtaskRec, phase: 'start' | 'done'): void;
}

export interface TaskRec {
  id: number; name: string; taskDefinitionId: number; status: TaskStatus; type: string; operation: Operation;
  executor: string; creator: string; creatorId: number; createTime: number; startTime: number; finishTime: number | null;
  prohibitRollback: boolean; clusterId?: number; tenantId?: number; hostId?: number;
  /** the cluster as it was when the task started (old-shape `cluster` object) */
  clusterRef?: ClusterRef;
  context: string;
  subtasks: SubtaskRec[];
  /** JSON order: a deterministic permutation of `subtasks` (OCP's order is not execution order) */
  jsonOrder: SubtaskRec[];
  byId: Map<number, SubtaskRec>;
  hooks: TaskHooks;
  /** shape this task uses when the scenario does not force one */
  shape?: TaskShape;
  /** true while a rollback is in progress or done */
  rollingBack: boolean;
  version: number;
}
