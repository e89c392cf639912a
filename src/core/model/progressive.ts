// A list shown while it loads: page by page, the raw items are normalised once and the items so far are
// published (sorted by name) to whoever shows them: the first page at once, then at most every
// PROGRESS_EVERY_MS, and only while OCP says more is coming. The inventory uses it for clusters and
// tenants; the Explorer benchmark measures the same path.

/** A list being loaded shows its items so far at most this often (the first page at once). */
export const PROGRESS_EVERY_MS = 250;

/**
 * Normalises a list page by page while it loads and publishes the items so far (sorted by name): the first
 * page at once, then at most every PROGRESS_EVERY_MS. Only for a first load: a reload keeps the previous
 * list on screen until the new one is whole.
 */
export class ProgressiveList<T extends { name: string }> {
  private readonly items: T[] = [];
  private lastPublished = -Infinity;
  private resolveFirst!: () => void;
  readonly first = new Promise<void>((r) => { this.resolveFirst = r; });

  constructor(
    private readonly normalize: (raw: any) => T,
    private readonly entry: { items?: T[]; progress?: { count: number; total?: number } },
    private readonly show: boolean,
    private readonly now: () => number,
    private readonly publish: () => void,
  ) {}

  onProgress = (raw: readonly unknown[], total: number | undefined): void => {
    for (let i = this.items.length; i < raw.length; i++) this.items.push(this.normalize(raw[i]));
    // Only worth showing when OCP says more is coming (a list of one page is shown whole, once).
    if (!this.show || total === undefined || raw.length >= total) return;
    const t = this.now();
    if (t - this.lastPublished < PROGRESS_EVERY_MS) return;
    this.lastPublished = t;
    this.entry.items = sortByName([...this.items]);
    this.entry.progress = { count: this.items.length, ...(total !== undefined ? { total } : {}) };
    this.resolveFirst();
    this.publish();
  };

  /** Every item, normalised once, sorted; the load is over. */
  finish(raw: readonly unknown[]): T[] {
    for (let i = this.items.length; i < raw.length; i++) this.items.push(this.normalize(raw[i]));
    this.items.length = raw.length;
    this.entry.progress = undefined;
    return sortByName(this.items);
  }

  done(): void {
    this.resolveFirst();
  }
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.name.localeCompare(b.name));
}
