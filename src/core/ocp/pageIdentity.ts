// What paginate compares to tell a repeated page (client.ts): the items' ids and a cheap fingerprint of the raw
// page. Shared with the page worker (pageWorker.ts), which works them out from the raw JSON it alone has seen.

/** The raw items' ids, in order (undefined where an item has none). */
export function pageIds(contents: readonly unknown[]): unknown[] {
  return contents.map((c) => (c as { id?: unknown } | null)?.id);
}

/** A cheap identity of a page: its length and first and last items. */
export function fingerprint(contents: readonly unknown[]): string {
  if (!contents.length) return '';
  const edge = (v: unknown) => {
    try {
      const s = JSON.stringify(v) ?? '';
      return s.length > 4096 ? s.slice(0, 4096) : s;
    } catch {
      return '?';
    }
  };
  return `${contents.length}|${edge(contents[0])}|${edge(contents[contents.length - 1])}`;
}
