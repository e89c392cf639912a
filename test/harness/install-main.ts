// `node out/test/harness/install-main.js`: installs the real-VS-Code test host ahead of time.
import { ensureTestHost } from './install';
import { log } from './env';

(async () => {
  const inst = await ensureTestHost();
  log(`code-server ready: ${inst.entry}`);
})().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
