// Payload builders for tests and benchmarks: raw OCP task JSON in either shape, built from small specs
// instead of copy-pasted samples. Edges are given as upstreams and mirrored into downstreams, as OCP does.

export type RawTask = Record<string, unknown>;

/** One subtask to build; only `id` is required. */
export interface SubtaskSpec {
  id: number;
  name?: string;
  status?: string;
  upstreams?: number[];
  /** Extra downstreams beyond the mirrored upstreams. */
  downstreams?: number[];
  parallelIdx?: number;
  /** Defaults to the insertion index. */
  seriesId?: number;
  prohibitRollback?: boolean;
  prohibitSkip?: boolean;
  operation?: string;
  /** Any other raw field (overrides the built ones). */
  extra?: Record<string, unknown>;
}

/** 'subtasks': OCP 4.x (string creator, top-level clusterId, full subtasks); 'tasks': the 2021 samples. */
export type TaskShape = 'subtasks' | 'tasks';

export class TaskBuilder {
  private taskId = 13_000_000;
  private taskName = 'Test task';
  private taskStatus = 'RUNNING';
  private shape: TaskShape = 'subtasks';
  private mirror = true;
  private fields: Record<string, unknown> = {};
  private readonly specs: SubtaskSpec[] = [];

  /** Sets the task id. */
  id(id: number): this {
    this.taskId = id;
    return this;
  }

  /** Sets the task name. */
  name(name: string): this {
    this.taskName = name;
    return this;
  }

  /** Sets the task status. */
  status(status: string): this {
    this.taskStatus = status;
    return this;
  }

  /** Chooses the payload shape. */
  withShape(shape: TaskShape): this {
    this.shape = shape;
    return this;
  }

  /** Adds or overrides raw task fields. */
  withFields(fields: Record<string, unknown>): this {
    Object.assign(this.fields, fields);
    return this;
  }

  /** Emits edges only as given (no mirroring of upstreams into downstreams). */
  asymmetric(): this {
    this.mirror = false;
    return this;
  }

  /** Adds a subtask. */
  withSubtask(spec: SubtaskSpec): this {
    this.specs.push({ seriesId: this.specs.length, ...spec });
    return this;
  }

  /** Changes a subtask already added. */
  patch(id: number, change: Partial<SubtaskSpec>): this {
    const s = this.specs.find((x) => x.id === id);
    if (!s) throw new Error(`no subtask ${id}`);
    Object.assign(s, change);
    return this;
  }

  /** Sets the status of every subtask (e.g. SUCCESSFUL), then of the listed ones. */
  statuses(all: string, some: Record<number, string> = {}): this {
    for (const s of this.specs) s.status = some[s.id] ?? all;
    return this;
  }

  /** Ids of the subtasks, in insertion order. */
  ids(): number[] {
    return this.specs.map((s) => s.id);
  }

  /** Reorders the subtasks in the JSON with a seeded shuffle (OCP's order means nothing). */
  shuffled(seed = 1): this {
    const rnd = random(seed);
    for (let i = this.specs.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [this.specs[i], this.specs[j]] = [this.specs[j], this.specs[i]];
    }
    return this;
  }

  /** The raw task object (what `data` holds). */
  build(): RawTask {
    const downs = new Map<number, Set<number>>();
    for (const s of this.specs) downs.set(s.id, new Set(s.downstreams ?? []));
    if (this.mirror) {
      for (const s of this.specs) for (const u of s.upstreams ?? []) downs.get(u)?.add(s.id);
    }
    const subtasks = this.specs.map((s) => this.subtask(s, [...(downs.get(s.id) ?? [])]));
    const base: RawTask =
      this.shape === 'subtasks'
        ? {
            clusterId: 5000034,
            creator: 'admin',
            executor: '127.0.0.1',
            id: this.taskId,
            name: this.taskName,
            operation: 'EXECUTE',
            prohibitRollback: false,
            startTime: '2024-10-10T17:15:17.816+08:00',
            status: this.taskStatus,
            subtasks,
            taskDefinitionId: -1,
            type: 'MANUAL',
          }
        : {
            cluster: { id: 22, name: 'terran', obClusterId: 1 },
            context: 'Context(parallelIdx=-1)',
            creator: { id: 100, name: 'admin' },
            id: this.taskId,
            name: this.taskName,
            startTime: '2021-03-02T11:39:34.508+08:00',
            status: this.taskStatus,
            tasks: subtasks,
          };
    return { ...base, ...this.fields };
  }

  /** The task wrapped in OCP's success envelope. */
  envelope(): RawTask {
    return { data: this.build(), duration: 5, server: '127.0.0.1', status: 200, successful: true, timestamp: '2024-10-10T17:15:18+08:00', traceId: 'test' };
  }

  private subtask(s: SubtaskSpec, downstreams: number[]): RawTask {
    const name = s.name ?? `Step ${s.id}`;
    const common: RawTask = {
      description: name,
      downstreams,
      id: s.id,
      name,
      operation: s.operation ?? 'EXECUTE',
      status: s.status ?? 'PENDING',
      upstreams: s.upstreams ?? [],
    };
    if (this.shape === 'tasks') return { ...common, ...s.extra };
    return {
      ...common,
      nodeType: 'JAVA_TASK',
      parallelIdx: s.parallelIdx ?? -1,
      prohibitRollback: s.prohibitRollback ?? false,
      ...(s.prohibitSkip !== undefined ? { prohibitSkip: s.prohibitSkip } : {}),
      runTime: 1,
      seriesId: s.seriesId,
      timeout: 300,
      ...s.extra,
    };
  }
}

/** A new empty task builder. */
export function taskBuilder(): TaskBuilder {
  return new TaskBuilder();
}

/** A linear chain of n subtasks with ids first, first+1, … (first runs first). */
export function chain(n: number, first = 1000): TaskBuilder {
  const b = taskBuilder();
  for (let i = 0; i < n; i++) b.withSubtask({ id: first + i, seriesId: i, upstreams: i > 0 ? [first + i - 1] : [] });
  return b;
}

/**
 * head → `width` parallel branches (parallelIdx 0..width-1) of `branchLength` subtasks → "Wait node" → tail.
 * Ids start at `first`.
 */
export function fanOut(width: number, opts: { branchLength?: number; head?: number; tail?: number; first?: number } = {}): TaskBuilder {
  const b = taskBuilder();
  let next = opts.first ?? 1000;
  const appendBlock = (prev: number[]): number[] => {
    const ends: number[] = [];
    for (let w = 0; w < width; w++) {
      let up = prev;
      for (let k = 0; k < (opts.branchLength ?? 1); k++) {
        const id = next++;
        b.withSubtask({ id, upstreams: up, parallelIdx: w, name: `Branch ${w} step ${k}` });
        up = [id];
      }
      ends.push(...up);
    }
    const wait = next++;
    b.withSubtask({ id: wait, name: 'Wait node', upstreams: ends });
    return [wait];
  };
  let prev: number[] = [];
  for (let i = 0; i < (opts.head ?? 1); i++) {
    const id = next++;
    b.withSubtask({ id, upstreams: prev });
    prev = [id];
  }
  prev = appendBlock(prev);
  for (let i = 0; i < (opts.tail ?? 1); i++) {
    const id = next++;
    b.withSubtask({ id, upstreams: prev });
    prev = [id];
  }
  return b;
}

/**
 * A generated OCP-like task of exactly n subtasks: chain segments alternating with fan-out/fan-in blocks whose
 * branches have unequal lengths (so some edges span several layers), in shuffled JSON order.
 */
export function generatedTask(n: number, seed = 42): TaskBuilder {
  const rnd = random(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const b = taskBuilder();
  let next = 20_000_000;
  let count = 0;
  let prev: number[] = [];
  const add = (spec: Omit<SubtaskSpec, 'id' | 'seriesId'>): number => {
    const id = next++;
    b.withSubtask({ ...spec, id, seriesId: count++ });
    return id;
  };
  while (count < n) {
    const left = n - count;
    if (left < 4 || rnd() < 0.4) {
      for (let k = int(1, Math.min(6, left)); k > 0; k--) prev = [add({ upstreams: prev })];
      continue;
    }
    const width = Math.min(int(2, 24), left - 2);
    const ends: number[] = [];
    for (let w = 0; w < width && count < n - 1; w++) {
      let up = prev;
      for (let k = int(1, 4); k > 0 && count < n - 1; k--) {
        up = [add({ upstreams: up, parallelIdx: w })];
      }
      ends.push(...up);
    }
    prev = [add({ name: 'Wait node', upstreams: ends })];
  }
  return b.shuffled(seed);
}

/** Deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
