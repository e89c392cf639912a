// Extension-host entry: the breakdown run (see index.ts): an empty extension first, then the bundle loaded
// on its own, then activate().
import { EMPTY_EXTENSION_ID } from './ids';
import { measure } from './index';

export function run(): Promise<void> {
  return measure({ preload: true, emptyFirst: EMPTY_EXTENSION_ID });
}
