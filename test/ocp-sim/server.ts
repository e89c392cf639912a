/*
 * The OCP simulator: a real HTTP(S) server speaking OCP REST API v2 (see api.ts for the public surface).
 * Per request: record it, run simulated time up to now, apply matching faults, authenticate, route, and wrap the
 * result in the OCP envelope. `/__sim/*` is an unauthenticated admin surface (not recorded, never faulted).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { authenticate, checkPermission } from './auth';
import { SimClock } from './clock';
import { withoutAssumed, type Core, type Ctx, type Reply } from './core';
import { TaskEngine, type SyntheticOptions } from './engine';
import { ApiError, CODES, Errors } from './errors';
import { FaultSet, HOSTILE_TERMINAL, hostileResponse, pageQueryOverride, patchPageInfo, validateFault, type ActiveFault, type HostileFault } from './faults';
import { isoTime, traceId } from './format';
import { langOf, type MessageKey } from './i18n';
import { generateClusters, INVENTORY_EPOCH, loadCatalog, loadDefaultInventory } from './inventory';
import { matchRoute } from './routes';
import { loadScenario, settingsOf } from './scenario';
import { SimState } from './state';
import { addTopologyCluster } from './topology';
import { createClusterSteps, takeOverSteps } from './templates';
import type { Fault, Lang, RecordedRequest, Scenario } from './types';

export interface SimOptions {
  /** default 0 (a free port) */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** a Scenario or the path of a JSON scenario file */
  scenario?: Scenario | string;
  /** simulated ms per real ms (default: scenario.clockSpeed ?? 1); 0 pauses simulated time */
  clockSpeed?: number;
  /** PEM key and certificate: serve HTTPS */
  tls?: { key: string; cert: string };
}

export type SyntheticTaskOptions = SyntheticOptions;

/** What a client cost the simulator: API requests received and response bytes handed to the network. */
export interface SimTraffic {
  requests: number;
  /** Bytes written to the sockets (headers and bodies, admin answers excluded), not counting what is still buffered. */
  bytesWritten: number;
}

export interface OcpSimulator {
  readonly url: string;
  readonly port: number;
  /** closes every socket at once and stops simulated time */
  close(): Promise<void>;
  /** every API request received (admin requests excluded), oldest first (capped at the newest 100,000) */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** API requests received and bytes written to the sockets since start (clearRequests and reset keep them) */
  traffic(): SimTraffic;
  /** requests with this method ('*' = any) whose path equals the string or matches the RegExp */
  count(method: string, pathPattern: string | RegExp): number;
  addFault(f: Fault): string;
  removeFault(id: string): void;
  clearFaults(): void;
  setClockSpeed(x: number): void;
  /** advances simulated time by hand, running every task step that falls due */
  advance(ms: number): void;
  /** simulated now (epoch ms) */
  now(): number;
  readonly state: SimState;
  /** a large task with `subtasks` subtasks; returns its id */
  createSyntheticTask(opts: SyntheticTaskOptions): number;
  /** fresh inventory, tasks, faults and request log from `scenario` (default: the one given at start) */
  reset(scenario?: Scenario | string): void;
}

const SERVER_NAME = 'ocp-sim-127.0.0.1';
const EXECUTOR = '10.0.0.2';
const RATE_LIMIT = 10_000;
/** the request log keeps the newest ~100,000 requests (a long `npm start` session polls forever) */
const MAX_RECORDED = 100_000;
/** Answers kept by scenario.cacheReads (the baseline of the Explorer benchmark reads 2,000 pages of 10). */
const READ_CACHE_MAX = 5_000;
const RATE_WINDOW_MS = 10_000;
const HTML_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.20.1</center>\r\n</body>\r\n</html>\r\n';
const STATUS_MESSAGES: Record<number, MessageKey> = { 500: 'serverError', 502: 'badGateway', 503: 'unavailable', 504: 'gatewayTimeout' };

class Simulator implements OcpSimulator {
  url = '';
  port = 0;
  readonly requests: RecordedRequest[] = [];
  private core!: Core;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly rate = new Map<string, { start: number; count: number }>();
  /** scenario.cacheReads: GET answers' serialised data by language and URL (at most READ_CACHE_MAX). */
  private readonly readCache = new Map<string, { json: string; bytes: Buffer }>();
  private closed = false;
  private readonly server: http.Server;
  private readonly totals: SimTraffic = { requests: 0, bytesWritten: 0 };

  constructor(private readonly opts: SimOptions) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((err) => {
        console.error('[ocp-sim] request failed:', err);
        if (!res.headersSent && !res.destroyed) {
          res.statusCode = 500;
          res.end();
        }
      });
    };
    this.server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : http.createServer(handler);
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.reset(opts.scenario);
  }

  async listen(): Promise<void> {
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    this.url = `${this.opts.tls ? 'https' : 'http'}://${urlHost}:${this.port}`;
  }

  get state(): SimState {
    return this.core.state;
  }

  now(): number {
    return this.core.clock.now();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.core.clock.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await done;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  traffic(): SimTraffic {
    return { ...this.totals };
  }

  count(method: string, pathPattern: string | RegExp): number {
    const m = method.toUpperCase();
    return this.requests.filter((r) => (m === '*' || r.method === m) && (typeof pathPattern === 'string' ? r.path === pathPattern : pathPattern.test(r.path))).length;
  }

  addFault(f: Fault): string {
    const fault = validateFault(f);
    const id = this.core.faults.add(fault);
    if (fault.kind === 'largeInventory') {
      generateClusters(this.core.state, fault.clusters, fault.tenantsPerCluster ?? 10);
      this.core.faults.remove(id);
    }
    return id;
  }

  removeFault(id: string): void {
    this.core.faults.remove(id);
  }

  clearFaults(): void {
    this.core.faults.clear();
  }

  setClockSpeed(x: number): void {
    this.core.clock.setSpeed(x);
  }

  advance(ms: number): void {
    this.core.clock.advance(ms);
  }

  createSyntheticTask(opts: SyntheticTaskOptions): number {
    return this.core.engine.createSynthetic(opts).id;
  }

  reset(scenarioArg?: Scenario | string): void {
    const scenario = loadScenario(scenarioArg ?? this.opts.scenario);
    this.core?.clock.stop();
    const settings = settingsOf(scenario);
    const clock = new SimClock(Date.now() + settings.serverTimeOffsetMs, this.opts.clockSpeed ?? scenario.clockSpeed ?? 1);
    const state = new SimState();
    const faults = new FaultSet();
    const d = scenario.subtaskDurationMs;
    const engine = new TaskEngine(state, clock, faults, { durationMs: d ?? [300, 900], executor: EXECUTOR });
    this.core = { state, engine, faults, clock, settings };
    loadCatalog(state);
    if ((scenario.inventory ?? 'default') === 'default') {
      loadDefaultInventory(state);
      addHistory(this.core);
    }
    if (scenario.generate) generateClusters(state, scenario.generate.clusters, scenario.generate.tenantsPerCluster ?? 10);
    for (const t of scenario.topology ?? []) addTopologyCluster(state, t);
    for (const f of scenario.faults ?? []) this.addFault(f);
    this.rate.clear();
    this.readCache.clear();
    this.clearRequests();
  }

  // ---- request handling ----

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const qi = rawUrl.indexOf('?');
    const path = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl;
    const rawQuery = qi >= 0 ? rawUrl.slice(qi + 1) : '';
    const rawBody = await readBody(req);
    if (path.startsWith('/__sim/') || path === '/__sim') return this.admin(method, path, rawBody, res);

    const query = new URLSearchParams(rawQuery);
    const rec: RecordedRequest = {
      method, path, query: queryRecord(query), headers: { ...req.headers }, body: recordBody(rawBody), status: 0, at: Date.now(), bytes: 0,
    };
    this.totals.requests++;
    this.meter(req.socket, rec, res);
    this.requests.push(rec);
    if (this.requests.length > MAX_RECORDED) this.requests.splice(0, this.requests.length - MAX_RECORDED * 0.9);
    const core = this.core;
    core.clock.runDue();
    const lang = langOf(headerOf(req.headers['accept-language']));
    const reply = new Responder(res, rec, started, lang, () => core.clock.now());

    const latency = core.faults.find(['latency'], method, path);
    if (latency) {
      core.faults.use(latency);
      await this.sleep((latency.fault as Extract<Fault, { kind: 'latency' }>).ms);
      if (this.closed || res.destroyed) return;
      core.clock.runDue();
    }
    const term = core.faults.find(['hang', 'reset', 'status', 'rateLimit', 'unauthorized', 'html'], method, path);
    if (term) {
      core.faults.use(term);
      return this.applyFault(term, req, reply, lang);
    }
    const hostile = core.faults.find(HOSTILE_TERMINAL, method, path);
    if (hostile) {
      core.faults.use(hostile);
      return hostileResponse(hostile.fault as HostileFault, { res, setStatus: (s) => { rec.status = s; }, headers: { 'Content-Language': lang } });
    }
    const asked = { page: Number(query.get('page') ?? 1) || 1, size: Number(query.get('size') ?? 10) || 10, repeated: false };
    const servedPage = method === 'GET' ? pageQueryOverride(core.faults, method, path) : undefined;
    if (servedPage !== undefined) {
      query.set('page', String(servedPage));
      asked.repeated = true;
    }

    const e = new Errors(lang);
    try {
      if (path === '/api/v2/time' && method === 'GET') return reply.text(200, 'text/plain;charset=UTF-8', isoTime(core.clock.now()));
      if (path === '/api/status' && method === 'GET') return reply.text(200, 'text/plain;charset=UTF-8', 'okay');
      const user = path.startsWith('/api/')
        ? authenticate({ method, path, rawQuery, rawBody, headers: req.headers, rawHeaders: req.rawHeaders, simNow: core.clock.now(), realNow: Date.now() }, core.settings, e)
        : null;
      const route = matchRoute(method, path);
      if ('status' in route) {
        throw route.status === 404
          ? new ApiError(404, CODES.NOT_FOUND, e.msg('pathNotFound', method, path))
          : new ApiError(405, CODES.METHOD_NOT_ALLOWED, e.msg('methodNotAllowed', method));
      }
      if (!user) throw new ApiError(404, CODES.NOT_FOUND, e.msg('pathNotFound', method, path));
      checkPermission(user, method, e);
      let body: unknown;
      if (rawBody.length) {
        try {
          body = JSON.parse(rawBody.toString('utf8'));
        } catch {
          throw new ApiError(400, CODES.VALIDATION, e.msg('malformedBody'));
        }
      }
      const ctx: Ctx = { core, method, path, query, body, params: route.params, lang, e, user, now: core.clock.now() };
      // cacheReads: anything but a GET, or a task running (time changes state), forgets the cached answers.
      if (method !== 'GET' || core.clock.pending > 0) this.readCache.clear();
      const result = route.handler(ctx);
      this.rateHeaders(res, user.username);
      const cacheKey = core.settings.cacheReads && method === 'GET' && core.clock.pending === 0 ? `${lang} ${rawUrl}` : undefined;
      this.sendReply(reply, result, method, path, asked, cacheKey);
    } catch (err) {
      if (err instanceof ApiError) return reply.error(err);
      console.error('[ocp-sim] handler error:', err);
      reply.error(new ApiError(500, CODES.INTERNAL, e.msg('serverError')));
    }
  }

  /**
   * Counts the bytes this answer puts on the socket (one answer at a time per socket: the client does not
   * pipeline), also when the client hangs up mid-body: what it abandoned stays uncounted except the kernel's buffer.
   */
  private meter(socket: Socket, rec: RecordedRequest, res: http.ServerResponse): void {
    const sent = () => socket.bytesWritten - socket.writableLength;
    const start = sent();
    let last = start;
    const update = () => {
      const now = sent();
      if (now > last) {
        this.totals.bytesWritten += now - last;
        last = now;
      }
      rec.bytes = last - start;
    };
    const origWrite = res.write.bind(res) as (...a: unknown[]) => boolean;
    res.write = ((...a: unknown[]) => {
      const r = origWrite(...a);
      update();
      return r;
    }) as typeof res.write;
    res.on('drain', update);
    res.once('finish', update);
    res.once('close', update);
  }

  private sendReply(reply: Responder, result: Reply, method: string, path: string, asked?: { page: number; size: number; repeated: boolean }, cacheKey?: string): void {
    const faults = this.core.faults;
    const status = result.status ?? 200;
    if (result.kind === 'text') return reply.text(status, result.contentType, result.body);
    const cached = result.kind !== 'json' && result.data !== undefined && cacheKey !== undefined ? this.readCache.get(cacheKey) : undefined;
    let dataJson = result.kind === 'json' ? result.json : result.data === undefined ? undefined : cached?.json;
    if (dataJson === undefined && result.kind !== 'json' && result.data !== undefined) {
      dataJson = JSON.stringify(result.data);
      if (cacheKey !== undefined && status < 300) {
        if (this.readCache.size >= READ_CACHE_MAX) this.readCache.clear();
        this.readCache.set(cacheKey, { json: dataJson, bytes: Buffer.from(dataJson) });
      }
    }
    const served = dataJson;
    if (dataJson !== undefined && asked) dataJson = patchPageInfo(faults, method, path, dataJson, asked);
    const unknown = dataJson !== undefined ? faults.find(['unknownEnums'], method, path) : undefined;
    if (this.core.settings.documentedOnly && dataJson !== undefined) dataJson = JSON.stringify(withoutAssumed(JSON.parse(dataJson)));
    if (unknown && dataJson !== undefined) {
      faults.use(unknown);
      const value = (unknown.fault as Extract<Fault, { kind: 'unknownEnums' }>).value ?? 'HIBERNATING';
      dataJson = JSON.stringify(replaceStatuses(JSON.parse(dataJson), value));
    }
    const malformed = faults.find(['malformedJson'], method, path);
    if (malformed) faults.use(malformed);
    // A cached answer no fault changed goes out as the bytes kept with it (no re-encoding of a 3 MiB page).
    const bytes = !malformed && dataJson === served ? this.readCache.get(cacheKey ?? '')?.bytes : undefined;
    reply.success(status, bytes ?? dataJson, !!malformed);
  }

  private applyFault(a: ActiveFault, req: http.IncomingMessage, reply: Responder, reqLang: Lang): void {
    const f = a.fault;
    const e = new Errors(f.lang ?? reqLang);
    switch (f.kind) {
      case 'hang':
        return; // never answered; the socket is destroyed on close()
      case 'reset':
        req.socket.destroy();
        return;
      case 'status':
        return reply.error(new ApiError(f.status, CODES.INTERNAL, e.msg(STATUS_MESSAGES[f.status] ?? 'serverError')));
      case 'rateLimit': {
        const reset = f.resetSeconds ?? 1;
        reply.header('RateLimit-Limit', String(RATE_LIMIT)).header('RateLimit-Remaining', '0').header('RateLimit-Reset', String(reset));
        return reply.error(new ApiError(429, CODES.RATE_LIMITED, e.msg('rateLimited')));
      }
      case 'unauthorized':
        return reply.error(new ApiError(401, CODES.NOT_LOGGED_IN, e.msg('notLoggedIn')));
      case 'html':
        return reply.text(502, 'text/html', HTML_502);
      default:
        return;
    }
  }

  private rateHeaders(res: http.ServerResponse, user: string): void {
    const now = Date.now();
    let w = this.rate.get(user);
    if (!w || now - w.start >= RATE_WINDOW_MS) {
      w = { start: now, count: 0 };
      this.rate.set(user, w);
    }
    w.count++;
    res.setHeader('RateLimit-Limit', String(RATE_LIMIT));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, RATE_LIMIT - w.count)));
    res.setHeader('RateLimit-Reset', String(Math.max(1, Math.ceil((w.start + RATE_WINDOW_MS - now) / 1000))));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  // ---- admin surface ----

  private admin(method: string, path: string, rawBody: Buffer, res: http.ServerResponse): void {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body ?? null);
      res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    let body: Record<string, any> = {};
    try {
      if (rawBody.length) body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return send(400, { error: 'body is not JSON' });
    }
    const core = this.core;
    core.clock.runDue();
    const clockInfo = () => ({ now: core.clock.now(), nowIso: isoTime(core.clock.now()), speed: core.clock.speed });
    try {
      const faultId = /^\/__sim\/faults\/([^/]+)$/.exec(path)?.[1];
      const key = `${method} ${faultId ? '/__sim/faults/:id' : path}`;
      switch (key) {
        case 'GET /__sim/requests':
          return send(200, this.requests);
        case 'DELETE /__sim/requests':
          this.clearRequests();
          return send(200, { ok: true });
        case 'GET /__sim/faults':
          return send(200, core.faults.list());
        case 'POST /__sim/faults':
          return send(200, { id: this.addFault(body as Fault) });
        case 'DELETE /__sim/faults':
          this.clearFaults();
          return send(200, { ok: true });
        case 'DELETE /__sim/faults/:id':
          return send(core.faults.remove(decodeURIComponent(faultId!)) ? 200 : 404, { ok: true });
        case 'GET /__sim/clock':
          return send(200, clockInfo());
        case 'POST /__sim/clock':
          if (typeof body.speed === 'number') this.setClockSpeed(body.speed);
          if (typeof body.advanceMs === 'number') this.advance(body.advanceMs);
          return send(200, clockInfo());
        case 'POST /__sim/reset':
          this.reset(body.scenario);
          return send(200, { ok: true });
        case 'GET /__sim/state':
          return send(200, { clock: clockInfo(), faults: core.faults.list(), ...(core.state.snapshot() as object) });
        case 'POST /__sim/tasks':
          if (typeof body.subtasks !== 'number') return send(400, { error: 'subtasks (number) is required' });
          return send(200, { id: this.createSyntheticTask(body as SyntheticTaskOptions) });
        default:
          return send(404, { error: `unknown admin endpoint ${method} ${path}` });
      }
    } catch (err) {
      return send(400, { error: (err as Error).message });
    }
  }
}

/** Writes one response, envelope included, and records its status. */
class Responder {
  private readonly extra: Record<string, string> = {};
  constructor(
    private readonly res: http.ServerResponse,
    private readonly rec: RecordedRequest,
    private readonly started: number,
    private readonly lang: Lang,
    private readonly now: () => number,
  ) {}

  header(name: string, value: string): this {
    this.extra[name] = value;
    return this;
  }

  text(status: number, contentType: string, body: string): void {
    this.write(status, contentType, body);
  }

  success(status: number, dataJson: string | Buffer | undefined, truncate: boolean): void {
    const tail = `"successful":true,"timestamp":"${isoTime(this.now())}","duration":${this.duration()},"status":${status},"traceId":"${traceId()}","server":"${SERVER_NAME}"}`;
    if (Buffer.isBuffer(dataJson)) {
      this.write(status, 'application/json;charset=UTF-8', Buffer.concat([Buffer.from('{"data":'), dataJson, Buffer.from(`,${tail}`)]));
      return;
    }
    const head = dataJson === undefined ? '{' : `{"data":${dataJson},`;
    let body = `${head}${tail}`;
    if (truncate) {
      body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
      status = 200;
    }
    this.write(status, 'application/json;charset=UTF-8', body);
  }

  error(err: ApiError): void {
    const error: Record<string, unknown> = { code: err.code, message: err.message };
    if (err.subErrors?.length) error.subErrors = err.subErrors;
    const body = JSON.stringify({
      successful: false, timestamp: isoTime(this.now()), duration: this.duration(), status: err.status, traceId: traceId(), server: SERVER_NAME, error,
    });
    this.write(err.status, 'application/json;charset=UTF-8', body);
  }

  private duration(): number {
    return Math.round(performance.now() - this.started);
  }

  private write(status: number, contentType: string, body: string | Buffer): void {
    this.rec.status = status;
    if (this.res.destroyed || this.res.headersSent) return;
    this.res.writeHead(status, { ...this.extra, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Content-Language': this.lang });
    this.res.end(body);
  }
}

function addHistory(core: Core): void {
  const { state, engine } = core;
  const prod = state.clusters.get(1000001);
  const dev = state.clusters.get(1000004);
  const targets = (c: NonNullable<typeof prod>) => {
    const ips = c.zones.flatMap((z) => z.servers.map((s) => s.ip));
    return { hosts: ips, servers: ips, zones: c.zones.map((z) => z.name) };
  };
  const ref = (c: NonNullable<typeof prod>) => ({ id: c.id, name: c.name, obClusterId: c.obClusterId });
  if (prod) {
    engine.createCompleted({ name: 'Create primary OB cluster', steps: createClusterSteps(targets(prod)), creator: 'admin', clusterId: prod.id, clusterRef: ref(prod) }, INVENTORY_EPOCH + 3 * 86_400_000);
  }
  if (dev) {
    engine.createCompleted({ name: 'Take over primary OB cluster', steps: takeOverSteps(targets(dev)), creator: 'admin', clusterId: dev.id, clusterRef: ref(dev) }, INVENTORY_EPOCH + 6 * 86_400_000);
  }
}

function replaceStatuses(v: unknown, value: string): unknown {
  if (Array.isArray(v)) return v.map((x) => replaceStatuses(x, value));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === 'status' && typeof x === 'string' ? value : replaceStatuses(x, value);
    return out;
  }
  return v;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function queryRecord(q: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of q) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

function recordBody(raw: Buffer): unknown {
  if (!raw.length) return null;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headerOf(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export async function startSimulator(opts: SimOptions = {}): Promise<OcpSimulator> {
  const sim = new Simulator(opts);
  await sim.listen();
  return sim;
}
