// Extension-host entry: like index.ts, but requires the extension's bundle first and times that alone.
import { measure } from './index';

export function run(): Promise<void> {
  return measure({ preload: true });
}
