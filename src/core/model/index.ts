// The OCP domain model: types, normalisers, capability tokens, the subtask DAG and its layout.
export * from './enums';
export { parseOcpTime } from './time';
export * from './cluster';
export * from './host';
export * from './version';
export * from './tenant';
export * from './task';
export * from './dag';
export * from './layout';
export * from './topology';
export * from './failover';
export * from './taskQuery';
export * from './alarm';
export * from './connect';
