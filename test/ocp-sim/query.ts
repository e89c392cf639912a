/* Query-string handling shared by list endpoints: 1-based paging (size ≤ 2000), Spring-style sort, filters. */
import { FieldErrors, type Errors } from './errors';

export const MAX_PAGE_SIZE = 2000;
export const DEFAULT_PAGE_SIZE = 10;

export interface SortKey { field: string; desc: boolean }
export interface PageParams { page: number; size: number; sort: SortKey[] }
export interface Page<T> { contents: T[]; page: { number: number; size: number; totalElements: number; totalPages: number } }

function intOf(raw: string): number | null {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw) : null;
}

export function parsePaging(q: URLSearchParams, errors: Errors): PageParams {
  const fe = new FieldErrors(errors, 'pageable');
  let page = 1;
  let size = DEFAULT_PAGE_SIZE;
  const rawPage = q.get('page');
  if (rawPage !== null && rawPage !== '') {
    const n = intOf(rawPage);
    if (n === null) fe.add('page', rawPage, 'mustBeNumber');
    else if (n < 1) fe.add('page', rawPage, 'pageNumber');
    else page = n;
  }
  const rawSize = q.get('size');
  if (rawSize !== null && rawSize !== '') {
    const n = intOf(rawSize);
    if (n === null) fe.add('size', rawSize, 'mustBeNumber');
    else if (n < 1 || n > MAX_PAGE_SIZE) fe.add('size', rawSize, 'pageSize');
    else size = n;
  }
  const sort: SortKey[] = [];
  for (const raw of q.getAll('sort')) {
    if (!raw) continue;
    const [field, dir, ...rest] = raw.split(',').map((s) => s.trim());
    if (!field || rest.length || (dir && !/^(asc|desc)$/i.test(dir))) fe.add('sort', raw, 'sortFormat');
    else sort.push({ field, desc: /^desc$/i.test(dir ?? '') });
  }
  fe.throwIfAny();
  return { page, size, sort };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Sorts a copy by the given keys (unknown fields compare as equal); returns items as-is without keys. */
export function sortItems<T>(items: T[], sort: SortKey[]): T[] {
  if (!sort.length) return items;
  return items.slice().sort((x, y) => {
    for (const k of sort) {
      const c = compare((x as Record<string, unknown>)[k.field], (y as Record<string, unknown>)[k.field]);
      if (c) return k.desc ? -c : c;
    }
    return 0;
  });
}

export function pageOf<T>(total: number, p: PageParams, slice: (from: number, to: number) => T[]): Page<T> {
  const from = Math.min(total, (p.page - 1) * p.size);
  const to = Math.min(total, from + p.size);
  return {
    contents: slice(from, to),
    page: { number: p.page, size: p.size, totalElements: total, totalPages: Math.ceil(total / p.size) },
  };
}

export function paginate<T>(items: T[], p: PageParams): Page<T> {
  const sorted = sortItems(items, p.sort);
  return pageOf(sorted.length, p, (a, b) => sorted.slice(a, b));
}

/** Values of a multi-valued filter (comma-separated and/or repeated); null when absent. */
export function multi(q: URLSearchParams, key: string): Set<string> | null {
  const values = q.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values.length ? new Set(values.map((v) => v.toUpperCase())) : null;
}

/** A lower-cased keyword filter; null when absent or blank. */
export function keyword(q: URLSearchParams, key: string): string | null {
  const v = q.get(key);
  return v && v.trim() ? v.trim().toLowerCase() : null;
}

export function numberParam(q: URLSearchParams, key: string, errors: Errors): number | null {
  const v = q.get(key);
  if (v === null || v === '') return null;
  const n = intOf(v);
  if (n === null) {
    const fe = new FieldErrors(errors, 'query');
    fe.add(key, v, 'mustBeNumber');
    fe.throwIfAny();
  }
  return n;
}

export function boolParam(q: URLSearchParams, key: string): boolean | null {
  const v = q.get(key);
  if (v === null || v === '') return null;
  return v.toLowerCase() === 'true';
}
