// The OCP simulator in its own process (a real OCP is another machine: its JSON serialisation must not run on
// the client's thread), with the two things the benchmark asks of it over its admin surface: how many
// requests it received, and forgetting them.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../test/harness/env';

export interface RemoteSimulator {
  url: string;
  count(method: string, path: RegExp): Promise<number>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

export async function startRemoteSimulator(scenario: object): Promise<RemoteSimulator> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-bench-sim-'));
  const file = path.join(dir, 'scenario.json');
  fs.writeFileSync(file, JSON.stringify(scenario));
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'test', 'ocp-sim', 'index.js'), '--port', '0', '--scenario', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before listening: ${out}`)));
  });
  const admin = async (method: string, p: string): Promise<unknown> => {
    const res = await fetch(`${url}${p}`, { method });
    return res.json();
  };
  return {
    url,
    async count(method, re) {
      const reqs = (await admin('GET', '/__sim/requests')) as Array<{ method: string; path: string }>;
      return reqs.filter((r) => r.method === method && re.test(r.path)).length;
    },
    async clearRequests() {
      await admin('DELETE', '/__sim/requests');
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
