// A compact, flat form of normalised items that a worker thread hands back to the extension's thread cheaply:
// every number (and count, flag, string index) in one Float64Array, transferred without a copy; every distinct
// string once. A structured clone of the same objects costs this thread more than the JSON.parse the worker saved
// (bench/results/latest.md); reading this form back builds each object as one literal. The writer and the reader
// of a codec (clusterCodec.ts) walk the fields in the same order; its round-trip test holds them together.

import type { PackedItems } from '../ocp/types';

/** Writes values in order: numbers (undefined as NaN: normalisers never keep a NaN), strings by index, counts, flags. */
export class Packer {
  private nums = new Float64Array(4096);
  private length = 0;
  private readonly strs: string[] = [];
  private readonly index = new Map<string, number>();

  /** A finite number or undefined. */
  n(v: number | undefined): void {
    this.push(v === undefined ? NaN : v);
  }

  private readonly lastOf: (string | undefined)[] = [];
  private readonly lastIndex: number[] = [];

  /**
   * A string or undefined. `slot` names the field it is for (any small number, one per field): a value equal to
   * that field's previous one (a status, a version, a region) is found without hashing it.
   */
  s(v: string | undefined, slot?: number): void {
    if (v === undefined) return this.push(-1);
    if (slot !== undefined && this.lastOf[slot] === v) return this.push(this.lastIndex[slot]);
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.strs.length;
      this.strs.push(v);
      this.index.set(v, i);
    }
    if (slot !== undefined) {
      this.lastOf[slot] = v;
      this.lastIndex[slot] = i;
    }
    this.push(i);
  }

  /** A string or undefined that is rarely repeated (a name, an address): kept without looking it up. */
  u(v: string | undefined): void {
    if (v === undefined) return this.push(-1);
    this.push(this.strs.length);
    this.strs.push(v);
  }

  b(v: boolean): void {
    this.push(v ? 1 : 0);
  }

  /** How many items follow (an array's length). */
  count(k: number): void {
    this.push(k);
  }

  finish(): PackedItems {
    return { nums: this.nums.slice(0, this.length), strs: this.strs };
  }

  private push(v: number): void {
    if (this.length === this.nums.length) {
      const grown = new Float64Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    this.nums[this.length++] = v;
  }
}

/** Reads what a Packer wrote, in the same order. Reading past the end gives undefined / 0 / false. */
export class Unpacker {
  private at = 0;
  constructor(private readonly p: PackedItems) {}

  n(): number | undefined {
    const v = this.p.nums[this.at++];
    return v === v ? v : undefined; // NaN (and past the end) → undefined
  }

  s(): string | undefined {
    const i = this.p.nums[this.at++];
    return i >= 0 ? this.p.strs[i] : undefined;
  }

  /** A string the writer never leaves undefined. */
  s0(): string {
    return this.s() ?? '';
  }

  b(): boolean {
    return this.p.nums[this.at++] === 1;
  }

  count(): number {
    const k = this.p.nums[this.at++];
    return k > 0 ? k : 0;
  }
}
