// Report plumbing shared by the runners and the in-host suite entry: the results file format, a file
// tailer that streams the in-host mocha report to stdout, and the final `N passed, N failed` line.
import * as fs from 'fs';
import * as path from 'path';
import { RESULTS_DIR } from './env';

export interface Results {
  passed: number;
  failed: number;
  pending: number;
  failures: string[];
}

/** Results of the in-host suite sit beside its report: `<report>.json`. */
export function resultsFileFor(reportFile: string): string {
  return `${reportFile}.json`;
}

export function readResults(reportFile: string): Results | undefined {
  try {
    return JSON.parse(fs.readFileSync(resultsFileFor(reportFile), 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

export function summaryLine(stage: string, r: Pick<Results, 'passed' | 'failed'>): string {
  return `${stage}: ${r.passed} passed, ${r.failed} failed`;
}

/** Turns off mocha's colours, including the pre-coloured pass/fail symbols it takes from log-symbols. */
export function plainMochaOutput(base: any): void {
  base.useColors = false;
  base.symbols = { ...base.symbols, ok: '✔', err: '✖' };
}

/** Streams what is appended to `file` into `out` until stopped. */
export function tailFile(file: string, out: NodeJS.WritableStream, intervalMs = 200): { stop(): void } {
  let offset = 0;
  const pump = () => {
    let fd: number;
    try { fd = fs.openSync(file, 'r'); } catch { return; }
    try {
      const size = fs.fstatSync(fd).size;
      if (size <= offset) return;
      const buf = Buffer.alloc(size - offset);
      fs.readSync(fd, buf, 0, buf.length, offset);
      offset = size;
      out.write(buf);
    } finally {
      fs.closeSync(fd);
    }
  };
  const timer = setInterval(pump, intervalMs);
  return { stop: () => { clearInterval(timer); pump(); } };
}

/** Copies logs into test-results/failures/<stage>/ (`files` maps a target name to a file or folder). */
export function keepFailureLogs(stage: string, files: Record<string, string>): string {
  const dir = path.join(RESULTS_DIR, 'failures', stage);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, src] of Object.entries(files)) {
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, name), { recursive: true });
  }
  return dir;
}
