// Reading response bodies without trusting their size. Two readers:
//   - readCapped: the whole body's bytes, or "over" as soon as it passes a byte cap (the stream is then
//     abandoned, so a 2 GiB answer costs at most the cap);
//   - TailJsonParser: an incremental JSON parser that keeps only the last N characters of any long string
//     (a subtask log inside OCP's envelope), so a 300 MiB log is read in constant memory and its tail,
//     which is what a DBA looks at, survives. Containers nested deeper than a limit are parsed but dropped.
// Neither recurses, so no input can overflow the stack.

/** The most readCapped sets aside before any byte arrived (a page of 2,000 clusters is ~3.4 MB). */
const PRESIZE_MAX = 8 * 1024 * 1024;

/**
 * The body's bytes, in shared memory (a page worker reads them while this thread keeps them: if the worker does not
 * decode them, they are still here), or `over: true` once more than `maxBytes` arrived (reading stops there, so a
 * 2 GiB answer costs at most the cap). With the length the server announced (Content-Length),
 * each chunk is copied as it arrives; a body that turns out longer or shorter is still read whole and exact.
 */
export async function readCapped(body: AsyncIterable<Uint8Array>, maxBytes: number, announced?: number): Promise<{ body: Uint8Array; bytes: number; over: false } | { bytes: number; over: true }> {
  // Reserved on the server's word only up to PRESIZE_MAX; a longer body is collected as it comes.
  let out = announced !== undefined && Number.isSafeInteger(announced) && announced > 0 && announced <= Math.min(maxBytes, PRESIZE_MAX) ? new Uint8Array(new SharedArrayBuffer(announced)) : undefined;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    if (bytes + chunk.byteLength > maxBytes) return { bytes: bytes + chunk.byteLength, over: true };
    if (out && bytes + chunk.byteLength <= out.byteLength) out.set(chunk, bytes);
    else {
      // Longer than announced: what was copied so far becomes the first chunk.
      if (out) chunks.push(out.subarray(0, bytes));
      out = undefined;
      chunks.push(chunk);
    }
    bytes += chunk.byteLength;
  }
  if (out) return { body: bytes === out.byteLength ? out : out.subarray(0, bytes), bytes, over: false };
  const whole = new Uint8Array(new SharedArrayBuffer(bytes));
  let at = 0;
  for (const c of chunks) {
    whole.set(c, at);
    at += c.byteLength;
  }
  return { body: whole, bytes, over: false };
}

/** UTF-8 text of bytes (also in shared memory). */
export function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

export interface TailJsonOptions {
  /** Strings longer than this keep only their last maxStringChars characters. */
  maxStringChars: number;
  /** Containers deeper than this are parsed and dropped (replaced by undefined). Default 64. */
  maxDepth?: number;
  /** Characters kept outside long strings (keys, numbers, short strings); beyond it the body is refused. Default 4 MiB. */
  maxStructureChars?: number;
}

export interface TailJsonResult {
  value: unknown;
  /** Characters dropped from the front of long strings, in total. */
  droppedChars: number;
}

export class JsonTailError extends Error {}

type Container =
  | { kind: 'obj'; value: Record<string, unknown> | undefined; key?: string }
  | { kind: 'arr'; value: unknown[] | undefined };

const enum S { Value, KeyOrEnd, Key, Colon, CommaOrEnd, ValueOrEnd, Str, Lit, Done }

/**
 * Accumulates the raw (still escaped) text of one JSON string, keeping only its tail past `max` characters;
 * value() decodes it. A cut never lands inside an escape sequence.
 */
class TailString {
  private parts: string[] = [];
  private len = 0;
  dropped = 0;
  constructor(private readonly max: number) {}
  push(s: string): void {
    if (!s) return;
    this.parts.push(s);
    this.len += s.length;
    if (this.len > this.max * 2 + 65536) this.compact();
  }
  private compact(): void {
    const all = this.parts.join('');
    const cut = safeCut(all, Math.max(0, all.length - this.max));
    this.dropped += cut;
    this.parts = [all.slice(cut)];
    this.len = all.length - cut;
  }
  value(): string {
    if (this.len > this.max) this.compact();
    let s: string;
    try {
      s = JSON.parse(`"${this.parts.join('')}"`) as string;
    } catch {
      throw new JsonTailError('bad string');
    }
    // A cut between the halves of a surrogate pair leaves a lone low surrogate at the front.
    if (this.dropped > 0 && s.length && s.charCodeAt(0) >= 0xdc00 && s.charCodeAt(0) <= 0xdfff) {
      s = s.slice(1);
      this.dropped++;
    }
    return s;
  }
}

/** Backslashes immediately before position `at`. */
function backslashesBefore(s: string, at: number): number {
  let n = 0;
  for (let k = at - 1; k >= 0 && s.charCodeAt(k) === 92; k--) n++;
  return n;
}

/** The first position at or after `cut` that does not split an escape sequence (\x or \uXXXX). */
function safeCut(s: string, cut: number): number {
  if (cut <= 0) return 0;
  // Inside a \uXXXX: a real backslash-u within the 5 characters before the cut.
  for (let j = Math.max(0, cut - 5); j < cut; j++) {
    if (s.charCodeAt(j) === 92 && s[j + 1] === 'u' && backslashesBefore(s, j) % 2 === 0 && j + 6 > cut) return Math.min(s.length, j + 6);
  }
  // Right after an escaping backslash: skip the escaped character.
  if (backslashesBefore(s, cut) % 2 === 1) return Math.min(s.length, s[cut] === 'u' ? cut + 5 : cut + 1);
  return cut;
}

/** Incremental JSON parser (RFC 8259) with bounded strings and depth; feed text with write(), then end(). */
export class TailJsonParser {
  private readonly maxString: number;
  private readonly maxDepth: number;
  private readonly maxStructure: number;
  private readonly stack: Container[] = [];
  private state: S = S.Value;
  private str?: TailString;
  private strIsKey = false;
  /** Backslashes at the end of the string text so far (an escape may continue in the next chunk). */
  private carry = 0;
  private lit = '';
  private root: unknown;
  private structure = 0;
  private dropped = 0;

  constructor(opts: TailJsonOptions) {
    this.maxString = Math.max(0, opts.maxStringChars);
    this.maxDepth = opts.maxDepth ?? 64;
    this.maxStructure = opts.maxStructureChars ?? 4 * 1024 * 1024;
  }

  write(text: string): void {
    let i = 0;
    const n = text.length;
    while (i < n) {
      switch (this.state) {
        case S.Str: {
          // Find the closing quote: the first one preceded by an even number of backslashes.
          let from = i;
          for (;;) {
            const q = text.indexOf('"', from);
            if (q < 0) {
              this.appendRaw(text.slice(i));
              return;
            }
            let b = 0;
            let k = q - 1;
            while (k >= i && text.charCodeAt(k) === 92) {
              b++;
              k--;
            }
            if (k < i) b += this.carry;
            if (b % 2 === 0) {
              this.appendRaw(text.slice(i, q));
              i = q + 1;
              this.endString();
              break;
            }
            from = q + 1;
          }
          continue;
        }
        case S.Lit: {
          const c = text[i];
          if (/[0-9A-Za-z+\-.]/.test(c)) {
            this.lit += c;
            if (this.lit.length > 400) throw new JsonTailError('literal too long');
            i++;
            continue;
          }
          this.endLiteral();
          continue; // re-read c in the new state
        }
        default:
          break;
      }
      const c = text[i++];
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      this.structure++;
      if (this.structure > this.maxStructure) throw new JsonTailError('too much structure');
      switch (this.state) {
        case S.Value:
        case S.ValueOrEnd:
          if (c === ']' && this.state === S.ValueOrEnd) {
            this.close('arr');
          } else {
            this.startValue(c);
          }
          break;
        case S.KeyOrEnd:
        case S.Key:
          if (c === '}' && this.state === S.KeyOrEnd) this.close('obj');
          else if (c === '"') this.startString(true);
          else throw new JsonTailError(`expected a key, got ${c}`);
          break;
        case S.Colon:
          if (c !== ':') throw new JsonTailError(`expected ':', got ${c}`);
          this.state = S.Value;
          break;
        case S.CommaOrEnd: {
          const top = this.stack[this.stack.length - 1];
          if (!top) throw new JsonTailError('text after the end');
          if (c === ',') this.state = top.kind === 'obj' ? S.Key : S.Value;
          else if (c === '}' && top.kind === 'obj') this.close('obj');
          else if (c === ']' && top.kind === 'arr') this.close('arr');
          else throw new JsonTailError(`unexpected ${c}`);
          break;
        }
        case S.Done:
          throw new JsonTailError('text after the end');
        default:
          throw new JsonTailError('parser state');
      }
    }
  }

  end(): TailJsonResult {
    if (this.state === S.Lit) this.endLiteral();
    if (this.state !== S.Done) throw new JsonTailError('unexpected end of JSON');
    return { value: this.root, droppedChars: this.dropped };
  }

  private get discarding(): boolean {
    return this.stack.length > this.maxDepth;
  }

  private startValue(c: string): void {
    if (c === '{' || c === '[') {
      const keep = this.stack.length < this.maxDepth;
      this.stack.push(c === '{' ? { kind: 'obj', value: keep ? {} : undefined } : { kind: 'arr', value: keep ? [] : undefined });
      this.state = c === '{' ? S.KeyOrEnd : S.ValueOrEnd;
    } else if (c === '"') {
      this.startString(false);
    } else if (/[-0-9tfn]/.test(c)) {
      this.lit = c;
      this.state = S.Lit;
    } else {
      throw new JsonTailError(`unexpected ${c}`);
    }
  }

  private startString(isKey: boolean): void {
    this.strIsKey = isKey;
    this.str = new TailString(isKey ? 4096 : this.maxString);
    this.carry = 0;
    this.state = S.Str;
  }

  private appendRaw(s: string): void {
    if (!s) return;
    this.str!.push(s);
    const b = backslashesBefore(s, s.length);
    this.carry = b === s.length ? this.carry + b : b;
  }

  private endString(): void {
    const s = this.str!;
    this.str = undefined;
    const v = s.value();
    this.dropped += s.dropped;
    if (this.strIsKey) {
      this.structure += Math.min(v.length, 4096);
      const top = this.stack[this.stack.length - 1];
      if (top?.kind === 'obj') top.key = v;
      this.state = S.Colon;
    } else {
      this.structure += Math.min(v.length, 256);
      this.put(v);
    }
  }

  private endLiteral(): void {
    const t = this.lit;
    this.lit = '';
    let v: unknown;
    if (t === 'true') v = true;
    else if (t === 'false') v = false;
    else if (t === 'null') v = null;
    else if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t)) v = Number(t);
    else throw new JsonTailError(`bad literal ${t.slice(0, 20)}`);
    this.put(v);
  }

  private close(kind: 'obj' | 'arr'): void {
    const top = this.stack.pop();
    if (!top || top.kind !== kind) throw new JsonTailError('mismatched bracket');
    this.put(top.value);
  }

  /** Stores a finished value in its parent (or as the root) and moves on. */
  private put(v: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = v;
      this.state = S.Done;
      return;
    }
    if (!this.discarding && top.value !== undefined) {
      if (top.kind === 'arr') top.value.push(v);
      else if (top.key !== undefined && top.key !== '__proto__') top.value[top.key] = v;
    }
    if (top.kind === 'obj') top.key = undefined;
    this.state = S.CommaOrEnd;
  }
}
