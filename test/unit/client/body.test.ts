// The body readers: the tail-keeping JSON parser agrees with JSON.parse on any split of any document,
// keeps a true suffix of long strings (never a broken escape), drops what is nested too deep, and never
// recurses; and the server-delay reader and timer clamp used by every delay in core.
import * as assert from 'node:assert/strict';
import { JsonTailError, readCapped, TailJsonParser, utf8 } from '../../../src/core/ocp/body';
import { clampDelay, MAX_SERVER_WAIT_MS, MAX_TIMER_MS, parseServerDelay } from '../../../src/core/ocp/timers';

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const ALPHABET = ['a', 'b', ' ', '"', '\\', '\n', '\t', '/', 'é', '中', '😀', '\u0001', 'z', '}', ']', ','];

function randomValue(r: () => number, depth: number): unknown {
  const k = r();
  if (depth > 4 || k < 0.3) {
    const t = r();
    if (t < 0.2) return Math.round((r() - 0.5) * 1e6) / 100;
    if (t < 0.3) return r() < 0.5;
    if (t < 0.35) return null;
    return randomString(r, Math.floor(r() * 40));
  }
  if (k < 0.65) return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) o[randomString(r, Math.floor(r() * 6))] = randomValue(r, depth + 1);
  return o;
}

function randomString(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function parseInPieces(text: string, r: () => number, maxStringChars = 1e9, maxDepth?: number) {
  const p = new TailJsonParser({ maxStringChars, maxDepth });
  let i = 0;
  while (i < text.length) {
    const n = 1 + Math.floor(r() * 7);
    p.write(text.slice(i, i + n));
    i += n;
  }
  return p.end();
}

describe('TailJsonParser', () => {
  it('agrees with JSON.parse on 500 random documents split at random points (escapes, surrogates, numbers)', () => {
    const r = rng(42);
    for (let n = 0; n < 500; n++) {
      const v = randomValue(r, 0);
      const text = JSON.stringify(v, null, n % 3 === 0 ? 1 : undefined);
      assert.deepEqual(parseInPieces(text, r).value, JSON.parse(text), text);
    }
  });

  it('keeps a true suffix of each long string, whatever the cut point', () => {
    const r = rng(7);
    for (let n = 0; n < 300; n++) {
      const s = randomString(r, 50 + Math.floor(r() * 400));
      const max = 1 + Math.floor(r() * 60);
      const res = parseInPieces(JSON.stringify({ data: { log: s } }), r, max);
      const got = (res.value as { data: { log: string } }).data.log;
      assert.ok(s.endsWith(got), `${JSON.stringify(got)} is not a suffix of ${JSON.stringify(s)}`);
      const raw = (x: string) => JSON.stringify(x).length - 2;
      assert.ok(raw(got) >= Math.min(raw(s), max) - 6, `kept ${raw(got)} characters of JSON text, max ${max}`);
      assert.ok(JSON.stringify(got).length <= max + 2 + 12, 'at most about max characters of JSON text');
      assert.ok(res.droppedChars > 0 || got === s);
    }
  });

  it('drops containers nested beyond maxDepth without recursing (200,000 levels)', () => {
    const depth = 200_000;
    const p = new TailJsonParser({ maxStringChars: 100, maxDepth: 8, maxStructureChars: 1e8 });
    p.write('{"keep":1,"deep":');
    p.write('{"a":'.repeat(depth));
    p.write('1');
    p.write('}'.repeat(depth));
    p.write(',"after":"yes"}');
    const v = p.end().value as Record<string, unknown>;
    assert.equal(v.keep, 1);
    assert.equal(v.after, 'yes');
    let d = 0;
    let x: unknown = v.deep;
    while (x && typeof x === 'object') {
      x = (x as Record<string, unknown>).a;
      d++;
    }
    assert.ok(d <= 8, `kept ${d} levels`);
  });

  it('refuses what is not JSON', () => {
    for (const bad of ['<html>', '{"a":}', '[1,]', '{"a" 1}', '"abc', '{"a":1}x', 'tru', '01', '"\\q"']) {
      assert.throws(() => {
        const p = new TailJsonParser({ maxStringChars: 10 });
        p.write(bad);
        p.end();
      }, JsonTailError, bad);
    }
  });
});

describe('readCapped (bodies in shared memory, for the page workers too)', () => {
  async function* chunksOf(text: string, size: number): AsyncGenerator<Uint8Array> {
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const body = '{"data":{"contents":[{"name":"集群 ☃ 😀","id":1}]}}'.repeat(50);
  const length = Buffer.byteLength(body);

  it('gives the exact bytes in shared memory whether the length was announced right, too long, too short or not at all', async () => {
    for (const announced of [undefined, length, length + 1000, length - 7, 1, 0, -5, NaN, 2 ** 60]) {
      for (const size of [1, 7, 64, 100_000]) {
        const r = await readCapped(chunksOf(body, size), 1 << 20, announced);
        assert.equal(r.over, false);
        if (r.over) continue;
        assert.ok(r.body.buffer instanceof SharedArrayBuffer, 'shared memory');
        assert.equal(r.bytes, length);
        assert.equal(r.body.byteLength, length);
        assert.equal(utf8(r.body), body, `announced ${announced}, chunks of ${size}`);
      }
    }
  });

  it('stops at the cap, also when the server announced less', async () => {
    for (const announced of [undefined, 10, length]) {
      const r = await readCapped(chunksOf(body, 64), length - 1, announced);
      assert.equal(r.over, true);
    }
    // An announced length over the cap (or over 8 MiB) is not taken at its word: the body is read as it comes.
    const r = await readCapped(chunksOf('{}', 1), 100, 1 << 30);
    assert.equal(r.over, false);
    assert.equal(r.over ? '' : utf8(r.body), '{}');
  });
});

describe('server delays and timers', () => {
  const now = Date.UTC(2026, 11, 1, 8, 0, 0);

  it('reads delta seconds, epoch seconds, epoch milliseconds and HTTP dates', () => {
    assert.equal(parseServerDelay('5', now), 5000);
    assert.equal(parseServerDelay('0.25', now), 250);
    assert.equal(parseServerDelay('0', now), 0);
    assert.equal(parseServerDelay(String(now / 1000 + 30), now), 30_000);
    assert.equal(parseServerDelay(String(now + 45_000), now), 45_000);
    assert.equal(parseServerDelay(new Date(now + 60_000).toUTCString(), now), 60_000);
    assert.equal(parseServerDelay(['7', '9'], now), 7000);
  });

  it('caps at 15 minutes, gives 0 for the past, undefined for garbage', () => {
    assert.equal(parseServerDelay(String(now / 1000 + 86_400 * 365), now), MAX_SERVER_WAIT_MS);
    assert.equal(parseServerDelay('99999999', now), MAX_SERVER_WAIT_MS);
    assert.equal(parseServerDelay(String(now / 1000 - 100), now), 0);
    assert.equal(parseServerDelay('-5', now), 0);
    for (const bad of ['', 'soon', 'NaN', 'Infinity', '1e400', '5 seconds', undefined, null, {}, 'x'.repeat(200)]) assert.equal(parseServerDelay(bad, now), undefined, String(bad));
  });

  it('clamps every delay into [0, 2^31-1] and maps non-numbers to the fallback', () => {
    assert.equal(clampDelay(2 ** 40), MAX_TIMER_MS);
    assert.equal(clampDelay(-5), 0);
    assert.equal(clampDelay(NaN, 1000), 1000);
    assert.equal(clampDelay(Infinity, 250), 250);
    assert.equal(clampDelay('fast' as unknown as number, 1000), 1000);
    assert.equal(clampDelay(12.6), 13);
  });
});
