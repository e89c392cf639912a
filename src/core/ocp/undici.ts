// undici, loaded on first use rather than when the extension activates: it is most of the extension's
// bundle and takes tens of milliseconds to evaluate (bench/results/latest.md). The extension bundle maps
// this require to dist/undici.js, a bundle of its own (scripts/build.mjs).
import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
