// Search and status-chip filtering of the task view, pure (no DOM): which nodes are dimmed, which match the
// query (outlined), and the matches in topological order (Enter walks through them).
import type { Subtask } from '../core/model/task';
import { normalizeQuery, subtaskMatches } from './search';

export interface FilterInput {
  subs: readonly Subtask[];
  /** STATUS_KEYS index per node. */
  status: Uint8Array;
  /** Node indices in topological order. */
  order: readonly number[];
}

export interface FilterResult {
  /** dim[i] = 1: node i is filtered out. Undefined: no filter at all. */
  dim?: Uint8Array;
  /** match[i] = 1: node i matches the query. Undefined: no query. */
  match?: Uint8Array;
  /** The matching nodes in topological order (empty without a query). */
  matches: number[];
  /** The normalised query ('' for none). */
  query: string;
}

/** Applies the query and the chosen status chips (none chosen: every status). */
export function computeFilter(m: FilterInput | undefined, rawQuery: string, chips: ReadonlySet<number>): FilterResult {
  const query = normalizeQuery(rawQuery);
  if (!m || (query === '' && chips.size === 0)) return { matches: [], query };
  const n = m.subs.length;
  const dim = new Uint8Array(n);
  const match = query ? new Uint8Array(n) : undefined;
  const found: number[] = [];
  for (const i of m.order) {
    const okStatus = chips.size === 0 || chips.has(m.status[i]);
    const okQuery = query === '' || subtaskMatches(m.subs[i], query);
    if (okStatus && okQuery) {
      if (match) match[i] = 1;
      found.push(i);
    } else dim[i] = 1;
  }
  return { dim, match, matches: query ? found : [], query };
}

/** The next position in a list of `count` matches from `pos` (-1: none yet), wrapping around. */
export function stepMatch(pos: number, count: number, backwards: boolean): number {
  if (count === 0) return -1;
  return (pos + (backwards ? -1 : 1) + count) % count;
}
