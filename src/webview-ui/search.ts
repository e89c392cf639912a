// Search in the task panel: which subtasks match a query (name, description or id; case-insensitive).
import type { Subtask } from '../core/model/task';

/** The query as matched: trimmed and lower-cased; empty means "no search". */
export function normalizeQuery(q: string): string {
  return q.trim().toLocaleLowerCase();
}

export function subtaskMatches(s: Pick<Subtask, 'id' | 'name' | 'description'>, query: string): boolean {
  const q = normalizeQuery(query);
  if (q === '') return false;
  if (s.name.toLocaleLowerCase().includes(q)) return true;
  if (s.description !== undefined && s.description.toLocaleLowerCase().includes(q)) return true;
  const id = String(s.id);
  return id === q || (q.startsWith('#') && id === q.slice(1)) || (/^\d+$/.test(q) && id.includes(q));
}

/** Indices (in `subtasks` order) of the matching subtasks; empty for an empty query. */
export function matchIndices(subtasks: readonly Pick<Subtask, 'id' | 'name' | 'description'>[], query: string): number[] {
  const q = normalizeQuery(query);
  if (q === '') return [];
  const out: number[] = [];
  subtasks.forEach((s, i) => {
    if (subtaskMatches(s, q)) out.push(i);
  });
  return out;
}
