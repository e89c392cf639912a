// A Translator (src/views/words.ts) for unit tests: English as written, or a bundle's words (a missing one throws).
import type { Translator } from '../../src/views/words';
import { readBundle } from '../../tools/l10n';

export function translator(bundle: Record<string, string> | undefined): Translator {
  return {
    t(message: string, ...args: Array<string | number | boolean>): string {
      const text = bundle ? bundle[message] : message;
      if (text === undefined) throw new Error(`no translation for "${message}"`);
      return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
    },
  };
}

export const en = translator(undefined);
export const zh = translator(readBundle('zh-cn'));
