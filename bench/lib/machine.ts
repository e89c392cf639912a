// A description of the machine a benchmark ran on (printed above every results table).
import { execFileSync } from 'child_process';
import * as os from 'os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium?: string;
  date: string;
  /** 1-minute load average when the part started (other processes compete for the cores). */
  load?: number;
}

export const CHROMIUM = process.env.OCP_CHROMIUM_PATH || '/usr/bin/chromium';

/** "Chromium 156.0.8078.79" from the executable, or undefined when it is missing. */
export function chromiumVersion(): string | undefined {
  try {
    const out = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
    return /Chromium\s+[\d.]+/.exec(out)?.[0] ?? out.trim();
  } catch {
    return undefined;
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  const mhz = cpus[0]?.speed ? ` @ ${(cpus[0].speed / 1000).toFixed(1)} GHz` : '';
  return {
    cpu: `${cpus[0]?.model.trim() ?? 'unknown'}${mhz}`,
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(),
    date: new Date().toISOString(),
    load: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

export function machineLine(m: Machine): string {
  const load = m.load === undefined ? '' : `; load average ${m.load} at the start`;
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; ${m.os}; Node ${m.node}; ${m.chromium ?? 'Chromium not found'}; ${m.date.replace('T', ' ').slice(0, 16)} UTC${load}`;
}
