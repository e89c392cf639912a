// A list shown while it loads: page by page, the raw items are normalised once (by the list call, as each page
// arrives, so the raw JSON is not kept) and the items so far are published (sorted by name) to whoever shows
// them: the first page at once, then at most every PROGRESS_EVERY_MS, and only while OCP says more is coming.
// The inventory uses it for clusters and tenants; the Explorer benchmark measures the same path.

/** A list being loaded shows its items so far at most this often (the first page at once). */
export const PROGRESS_EVERY_MS = 250;

/**
 * Publishes a list's items so far (sorted by name) while it loads: the first page at once, then at most every
 * PROGRESS_EVERY_MS. Pass `map` and `onProgress` to the list call (MappedListOptions). Only for a first load:
 * a reload keeps the previous list on screen until the new one is whole.
 */
export class ProgressiveList<T extends { name: string }> {
  private lastPublished = -Infinity;
  private resolveFirst!: () => void;
  readonly first = new Promise<void>((r) => { this.resolveFirst = r; });

  constructor(
    /** The normaliser, for the list call's `map`. */
    readonly map: (raw: any) => T,
    private readonly entry: { items?: T[]; progress?: { count: number; total?: number } },
    private readonly show: boolean,
    private readonly now: () => number,
    private readonly publish: () => void,
  ) {}

  onProgress = (items: readonly unknown[], total: number | undefined): void => {
    // Only worth showing when OCP says more is coming (a list of one page is shown whole, once).
    if (!this.show || total === undefined || items.length >= total) return;
    const t = this.now();
    if (t - this.lastPublished < PROGRESS_EVERY_MS) return;
    this.lastPublished = t;
    this.entry.items = sortByName([...(items as readonly T[])]);
    this.entry.progress = { count: items.length, ...(total !== undefined ? { total } : {}) };
    this.resolveFirst();
    this.publish();
  };

  /** The whole list (normalised by the list call), sorted; the load is over. */
  finish(items: T[]): T[] {
    this.entry.progress = undefined;
    return sortByName(items);
  }

  done(): void {
    this.resolveFirst();
  }
}

/** The order of String.prototype.localeCompare (default locale and options), without its per-call set-up. */
const byLocale = new Intl.Collator().compare;

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => byLocale(a.name, b.name));
}
