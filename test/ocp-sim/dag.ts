/*
 * Subtask DAGs. An operation is a chain of steps; a step with `targets` fans out into one branch per target
 * (parallelIdx 0..n-1), joined either by a "Wait node" subtask (join 'wait', the usual OCP shape) or directly by
 * the next step (join 'direct'). With one target this reproduces the single-host chains of the documented samples.
 */

export interface StepSpec {
  name: string;
  /** seconds, as OCP reports it */
  timeout: number;
  /** one parallel branch per target (host ip, zone, tenant...); absent = a single node (parallelIdx -1) */
  targets?: string[];
  join?: 'wait' | 'direct';
  /** default description = name */
  description?: string;
  prohibitRollback?: boolean;
  prohibitSkip?: boolean;
}

export interface DagNode {
  index: number;
  name: string;
  description: string;
  timeout: number;
  parallelIdx: number;
  target?: string;
  prohibitRollback: boolean;
  prohibitSkip: boolean;
  ups: number[];
  downs: number[];
}

export const WAIT_NODE = 'Wait node';

/** Builds the node list (in topological order) with symmetric ups/downs. */
export function buildDag(steps: StepSpec[]): DagNode[] {
  const nodes: DagNode[] = [];
  let frontier: number[] = [];
  const add = (step: Partial<StepSpec> & { name: string; timeout: number }, parallelIdx: number, target?: string): number => {
    const node: DagNode = {
      index: nodes.length, name: step.name, description: step.description ?? step.name, timeout: step.timeout, parallelIdx, target,
      prohibitRollback: step.prohibitRollback ?? false, prohibitSkip: step.prohibitSkip ?? false, ups: frontier.slice(), downs: [],
    };
    for (const u of frontier) nodes[u].downs.push(node.index);
    nodes.push(node);
    return node.index;
  };
  for (const step of steps) {
    if (!step.targets) {
      frontier = [add(step, -1)];
      continue;
    }
    const targets = step.targets.length ? step.targets : [''];
    const before = frontier;
    const branches: number[] = [];
    targets.forEach((target, i) => {
      frontier = before;
      branches.push(add(step, i, target || undefined));
    });
    frontier = branches;
    if ((step.join ?? 'wait') === 'wait') frontier = [add({ name: WAIT_NODE, timeout: 30 }, -1)];
  }
  return nodes;
}

const SYNTHETIC_NAMES = [
  'Prepare task', 'Check host resources', 'Install rpm', 'Make dir for ob', 'Start observer process', 'Wait observer accessible',
  'Refresh ocp agent config', 'Sync cluster info', 'Update observer status', 'Update zone status', 'Collect diagnostic info',
  'Upgrade observer binary', 'Check tenant status', 'Migrate unit', 'Merge partitions', 'Record root service list',
];

/**
 * Steps for a synthetic DAG of exactly `total` subtasks: blocks of [one single step, a fan-out of `fanOut`
 * branches, its Wait node], the remainder filled with single steps.
 */
export function syntheticSteps(total: number, fanOut: number): StepSpec[] {
  const f = Math.max(1, Math.floor(fanOut));
  const steps: StepSpec[] = [];
  let left = Math.max(1, Math.floor(total));
  let k = 0;
  const nextName = () => SYNTHETIC_NAMES[k++ % SYNTHETIC_NAMES.length];
  while (left > 0) {
    if (left >= f + 3) {
      steps.push({ name: nextName(), timeout: 60 });
      steps.push({ name: nextName(), timeout: 600, targets: Array.from({ length: f }, (_, i) => `10.1.${(i >> 8) & 255}.${i & 255}`) });
      left -= f + 2;
    } else {
      steps.push({ name: nextName(), timeout: 60 });
      left -= 1;
    }
  }
  return steps;
}
