// PageDecoder: large list pages parsed and normalised in worker threads (pageWorker.ts), so the extension's
// thread (shared by every extension in the window) is not held by JSON.parse. 20,000 clusters are 32 MiB of JSON;
// parsing and normalising them took this thread ~350 ms, reading them back packed takes a fraction of that
// (bench/results/latest.md). Workers are started on first use, at most `size`, and stopped after `idleMs` without
// work; they never keep the process alive. The body is read by the transport as always (same byte cap), into
// shared memory, so when a worker cannot help (not an envelope with a list, a worker that failed to start or
// died) the transport still has the bytes and reads them itself: a page is never asked for twice because of it.
// After a worker fails, the decoder stays off for good (everything is then read on this thread, as before).
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PAGE_CODECS } from '../model/pageCodecs';
import type { DecodedPage, PackedItems, PageCodec, PageDecoding } from './types';

/** A body for a worker: the bytes (in a SharedArrayBuffer), the codec's name, the most items it normalises. */
export interface PageJob {
  id: number;
  body: Uint8Array;
  codec: string;
  maxItems: number;
}

/** A worker's answer: the envelope without its items, the raw ids and fingerprint, the items packed; or not decoded. */
export type PageReply =
  | { id: number; ok: true; envelope: any; ids: unknown[]; fingerprint: string; packed: PackedItems }
  | { id: number; ok: false };

export interface PageDecoderOptions {
  /** The worker's script (default: pageWorker.js beside this module, which the bundle also puts beside it). */
  file?: string;
  /** Workers at most (default 2). */
  size?: number;
  /** Bodies smaller than this are read on this thread (default 256 KiB: a worker's round trip costs more). */
  minBytes?: number;
  /** Workers stop after this long without work (default 30 s). */
  idleMs?: number;
}

interface Slot {
  worker: Worker;
  pending: Map<number, (r: PageReply | undefined) => void>;
  /** Jobs posted and not answered yet (also those whose caller gave up: the worker is still on them). */
  busy: number;
}

export class PageDecoder implements PageDecoding {
  readonly minBytes: number;
  private readonly file: string;
  private readonly size: number;
  private readonly idleMs: number;
  private slots: Slot[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private broken = false;
  private closed = false;
  /** Pages decoded in a worker; pages handed back to this thread (not a list envelope, a worker failure). */
  readonly stats = { decoded: 0, declined: 0, workersStarted: 0 };

  constructor(opts: PageDecoderOptions = {}) {
    this.file = opts.file ?? path.join(__dirname, 'pageWorker.js');
    this.size = Math.max(1, Math.floor(opts.size ?? 2));
    this.minBytes = Math.max(0, opts.minBytes ?? 256 * 1024);
    this.idleMs = Math.max(0, opts.idleMs ?? 30_000);
  }

  /** Workers running now. */
  get running(): number {
    return this.slots.length;
  }

  /** False once a worker failed, and after close(). */
  get available(): boolean {
    return !this.broken && !this.closed;
  }

  /**
   * The page decoded in a worker: its envelope with `data.contents` normalised by `codec`; undefined when the worker
   * does not decode it (the caller then reads `body` itself), among them a page of more than `maxItems` items (the
   * list keeps no more: here only those are normalised). Rejects only when `signal` aborts.
   */
  async decode<T>(body: Uint8Array, codec: PageCodec<T>, maxItems: number, signal?: AbortSignal): Promise<DecodedPage | undefined> {
    if (!this.available || PAGE_CODECS.get(codec.name) !== (codec as PageCodec<unknown>)) return undefined;
    signal?.throwIfAborted();
    const slot = this.pick();
    if (!slot) return undefined;
    const id = this.nextId++;
    const reply = await new Promise<PageReply | undefined>((resolve, reject) => {
      const onAbort = () => {
        slot.pending.delete(id);
        reject(signal!.reason ?? new Error('aborted'));
        this.armIdle();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.pending.set(id, (r) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      });
      const job: PageJob = { id, body, codec: codec.name, maxItems };
      try {
        slot.worker.postMessage(job);
        slot.busy++;
      } catch {
        this.fail();
      }
    });
    this.armIdle();
    if (!reply?.ok) {
      this.stats.declined++;
      return undefined;
    }
    try {
      reply.envelope.data.contents = codec.unpack(reply.packed);
    } catch {
      this.stats.declined++;
      return undefined;
    }
    this.stats.decoded++;
    return { envelope: reply.envelope, ids: reply.ids, fingerprint: reply.fingerprint };
  }

  /** Stops the workers; decode() then declines every page. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }

  /** The least busy worker, starting one while fewer than `size` run. */
  private pick(): Slot | undefined {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const free = this.slots.find((s) => s.busy === 0);
    if (free) return free;
    if (this.slots.length < this.size) return this.start();
    return this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private start(): Slot | undefined {
    let worker: Worker;
    try {
      // A larger young generation: a parsed page dies young instead of being copied by each scavenge.
      worker = new Worker(this.file, { resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 1024 } });
    } catch {
      this.fail();
      return undefined;
    }
    worker.unref();
    this.stats.workersStarted++;
    const slot: Slot = { worker, pending: new Map(), busy: 0 };
    worker.on('message', (r: PageReply) => {
      slot.busy = Math.max(0, slot.busy - 1);
      const p = slot.pending.get(r.id);
      if (!p) return;
      slot.pending.delete(r.id);
      p(r);
    });
    // A worker that cannot start, throws or runs out of memory: its pages are read on this thread, and so is
    // everything after (one failure is enough to stop trying).
    const lost = () => {
      if (!this.slots.includes(slot)) return;
      this.slots = this.slots.filter((s) => s !== slot);
      for (const p of slot.pending.values()) p(undefined);
      slot.pending.clear();
      if (!this.closed) this.fail();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.slots.push(slot);
    return slot;
  }

  private fail(): void {
    this.broken = true;
    void this.stop();
  }

  private armIdle(): void {
    if (this.idleTimer || this.slots.some((s) => s.pending.size > 0) || !this.slots.length) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.slots.some((s) => s.pending.size > 0)) void this.stop();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) {
      for (const p of s.pending.values()) p(undefined);
      s.pending.clear();
    }
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}
