/* Public surface of the OCP simulator: start it, drive it, sign requests for it. */
export { startSimulator, type OcpSimulator, type SimOptions, type SyntheticTaskOptions, type SimTraffic } from './server';
export type { SimState } from './state';
export { hostInUse, clusterServiceName } from './state';
export { ASSUMED_FIELDS } from './core';
export type { Fault, FaultKind, Lang, RecordedRequest, Scenario, SimAccessKey, SimUser, TakeOverTarget, TaskShape, Cluster, Tenant, Host } from './types';
export { authorizationHeader, canonicalQuery, contentMd5, sign, stringToSign, type SignInput } from './signing';
export { DEFAULT_ACCESS_KEYS, DEFAULT_USERS, DEFAULT_BUILD_VERSION } from './scenario';
export { DEFAULT_TAKEOVER_TARGETS } from './ops';
export { OB_PACKAGES, obRpmName } from './inventory';
