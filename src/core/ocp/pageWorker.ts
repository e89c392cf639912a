// The page worker (a worker thread started by PageDecoder, pageDecoder.ts): decodes a list page's body, parses it,
// normalises its items with the named codec and hands them back packed. Only a successful OCP envelope whose
// `data.contents` is an array is decoded here; anything else is answered `ok: false` and the extension's thread
// reads the body itself, as it reads every other answer (same errors, same messages).
import * as buffer from 'node:buffer';
import { parentPort } from 'node:worker_threads';
import { PAGE_CODECS } from '../model/pageCodecs';
import { fingerprint, pageIds } from './pageIdentity';
import type { PageJob, PageReply } from './pageDecoder';

type Out = { reply: PageReply; transfer: ArrayBuffer[] };

/** The answer for a page this worker does not decode (the extension's thread reads it). */
const declined = (job: PageJob): Out => ({ reply: { id: job.id, ok: false }, transfer: [] });

function decode(job: PageJob): Out {
  const codec = PAGE_CODECS.get(job.codec);
  if (!codec) return declined(job);
  let json: any;
  try {
    const bytes = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
    // OCP's JSON is mostly ASCII: then latin1 gives the same text without UTF-8 decoding (isAscii: Node ≥ 18.15).
    json = JSON.parse(typeof buffer.isAscii === 'function' && buffer.isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));
  } catch {
    return declined(job);
  }
  const data = json !== null && typeof json === 'object' ? json.data : undefined;
  // A page of more items than the list keeps (a hostile one of a million `{}`) is left to the extension's thread,
  // which normalises only those it keeps.
  if (json?.successful === false || data === null || typeof data !== 'object' || !Array.isArray(data.contents) || data.contents.length > job.maxItems) {
    return declined(job);
  }
  const contents: unknown[] = data.contents;
  const ids = pageIds(contents);
  const print = fingerprint(contents);
  const packed = codec.pack(contents.map((raw) => codec.normalize(raw)));
  data.contents = [];
  return { reply: { id: job.id, ok: true, envelope: json, ids, fingerprint: print, packed }, transfer: [packed.nums.buffer as ArrayBuffer] };
}

parentPort?.on('message', (job: PageJob) => {
  let out: Out;
  try {
    out = decode(job);
  } catch {
    out = declined(job);
  }
  parentPort!.postMessage(out.reply, out.transfer);
});
