/*
 * Subtask chains of the operations, taken from the documented samples in ocp-docs/ (same names, same order,
 * same timeouts where the sample shows them). Steps marked per host/zone/server/standby fan out for multi-host
 * clusters. "Start OB cluster" has no documented sample: it mirrors "Stop OB cluster".
 */
import type { StepSpec } from './dag';

export interface Targets { hosts: string[]; zones: string[]; servers: string[] }

const s = (name: string, timeout: number, targets?: string[], join?: 'wait' | 'direct'): StepSpec => ({ name, timeout, targets, join });

export function createClusterSteps(t: Targets): StepSpec[] {
  return [
    s('Prepare install cluster', 60),
    s('Pre check for install OB', 300, t.hosts),
    s('Install rpm', 1800, t.hosts),
    s('Make dir for ob', 300, t.hosts),
    s('Do io bench', 1800),
    s('Bootstrap ob', 1800),
    s('Restart observer process', 600),
    s('Wait observer accessible', 1200),
    s('Set sys password', 60),
    s('Create default user', 180),
    s('Set sys primary zone', 60),
    s('Wait cluster accessible', 1200),
    s('Refresh ocp agent config', 3600, t.hosts),
    s('Start ocp agent service', 600),
    s('Sync cluster info', 60),
    s('Sync all tenant information', 300),
    s('Update OB cluster status', 30),
    s('Trigger compaction', 3600),
    s('Link obproxy', 300),
  ];
}

export function stopClusterSteps(t: Targets): StepSpec[] {
  return [
    s('Prepare stop cluster', 60),
    s('Prepare stop OB zone', 300, t.zones),
    s('Prepare stop observer', 300, t.servers),
    s('Stop observer process', 1800, t.servers),
    s('Update observer status', 300, t.servers),
    s('Update zone status', 300),
    s('Update OB cluster status', 30),
  ];
}

export function takeOverSteps(t: Targets): StepSpec[] {
  return [
    s('Mc lock ob clusters', 60),
    s('Prepare take over cluster', 30),
    s('Reserve host', 1800),
    s('Create default user', 180),
    s('Register config url', 60),
    s('Run io calibration', 1800, t.hosts),
    s('Record root service list', 60),
    s('Wait cluster accessible', 1200),
    s('Update server process info', 5000, t.hosts),
    s('Attach cluster attributes', 1800),
    s('Refresh ocp agent config', 3600, t.hosts),
    s('Active agent modules', 1800, t.hosts),
    s('Sync cluster info', 60),
    s('Sync all tenant information', 300),
    s('Set proxyro password to sys tenant', 600),
    s('Update observer status', 300, t.servers),
    s('Update zone status', 1800, t.zones),
    s('Update OB cluster status', 30),
    s('Create resource manager for default user', 180),
    s('Mc unlock ob clusters', 60),
  ];
}

/** `standbys` = the tenants whose log restore source must point at the new primary. */
export function switchoverSteps(standbys: string[]): StepSpec[] {
  return [
    s('Prepare switchover tenant', 60),
    s('Create standby tenant read only user', 1800),
    s('Wait all relation tenants accessible', 3600),
    s('Switch primary tenant to standby', 1800),
    s('Switchover standby tenant to primary', 1800),
    s('Reset log restore source', 1800),
    s('Update log restore source', 900, standbys, 'direct'),
    s('Restart tenant service name if started', 600),
    s('Update tenant role in meta', 120),
    s('Reset switchover tenant info', 120),
  ];
}
