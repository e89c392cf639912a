// Test helpers for the simulator's own tests: one simulator per suite, and a tiny HTTP client (Basic, AK/SK or none).
import { authorizationHeader, startSimulator, type OcpSimulator, type SimOptions } from '../../ocp-sim/api';

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface ClientOptions {
  auth?: 'basic' | 'ak' | 'none';
  user?: string;
  password?: string;
  accessKey?: string;
  secret?: string;
  lang?: string;
  /** Date header for AK/SK (default: now) */
  date?: () => string;
}

export class Client {
  constructor(readonly sim: OcpSimulator, readonly opts: ClientOptions = {}) {}

  with(more: ClientOptions): Client {
    return new Client(this.sim, { ...this.opts, ...more });
  }

  async request(method: string, pathAndQuery: string, body?: unknown, extra: Record<string, string> = {}): Promise<Res> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
    if (this.opts.lang) headers['Accept-Language'] = this.opts.lang;
    const raw = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const auth = this.opts.auth ?? 'basic';
    if (auth === 'basic') {
      headers.Authorization = 'Basic ' + Buffer.from(`${this.opts.user ?? 'admin'}:${this.opts.password ?? 'aaAA11__'}`).toString('base64');
    } else if (auth === 'ak') {
      const [path, query] = pathAndQuery.split('?', 2);
      const date = this.opts.date?.() ?? new Date().toUTCString();
      headers.Date = date;
      headers.Authorization = authorizationHeader(this.opts.accessKey ?? 'AK_SIM_ADMIN', this.opts.secret ?? 'SK_sim_0123456789abcdef', {
        method, body: raw, contentType: headers['Content-Type'], date, host: `127.0.0.1:${this.sim.port}`, headers: lower(headers), path, query,
      });
    }
    const r = await fetch(this.sim.url + pathAndQuery, { method, headers, body: raw });
    const text = await r.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, headers: r.headers, text, json };
  }

  get(path: string): Promise<Res> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown): Promise<Res> {
    return this.request('POST', path, body);
  }

  /** One cluster from the documented list (OCP documents no GET /api/v2/ob/clusters/{id}). */
  async cluster(id: number): Promise<any> {
    const c = (await this.data('/api/v2/ob/clusters?size=2000')).contents.find((x: any) => x.id === id);
    if (!c) throw new Error(`the cluster list has no cluster ${id}`);
    return c;
  }

  /** GET that must succeed; returns data. */
  async data(path: string): Promise<any> {
    const r = await this.get(path);
    if (r.status !== 200 || !r.json?.successful) throw new Error(`GET ${path} -> ${r.status} ${r.text.slice(0, 300)}`);
    return r.json.data;
  }
}

/** fetch sends header names in lower case, so they are signed so */
function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Starts one simulator for the suite (paused clock unless opts say otherwise) and resets it before each test. */
export function useSim(opts: SimOptions = {}): { sim: () => OcpSimulator; client: () => Client } {
  let sim: OcpSimulator | undefined;
  before(async () => {
    sim = await startSimulator({ clockSpeed: 0, ...opts });
  });
  beforeEach(() => {
    sim!.reset();
    sim!.setClockSpeed(opts.clockSpeed ?? 0);
  });
  after(async () => {
    await sim?.close();
  });
  return { sim: () => sim!, client: () => new Client(sim!) };
}

/** Advances simulated time in steps until `done()` or `maxMs` of simulated time has passed. */
export function advanceUntil(sim: OcpSimulator, done: () => boolean, maxMs = 600_000, stepMs = 250): void {
  for (let t = 0; t < maxMs && !done(); t += stepMs) sim.advance(stepMs);
}
