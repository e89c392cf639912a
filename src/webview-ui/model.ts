// What the graph draws: the DAG, its layout and the current subtasks (the painter and the canvas share it).
import type { Dag } from '../core/model/dag';
import type { Layout } from '../core/model/layout';
import type { Subtask } from '../core/model/task';

export interface GraphModel {
  dag: Dag;
  layout: Layout;
  /** Current subtasks by node index (replaced on every snapshot). */
  subs: Subtask[];
  /** STATUS_KEYS index per node. */
  status: Uint8Array;
  /** The status text shown on node i. */
  statusLabel(i: number): string;
}
