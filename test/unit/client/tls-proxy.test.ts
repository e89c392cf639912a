// TLS (a self-signed certificate made with openssl for the test) and HTTP proxies (a small CONNECT proxy in
// the test), both through real connections to the simulator.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { OcpClient } from '../../../src/core/ocp/client';
import type { ConnectionOptions } from '../../../src/core/ocp/types';
import { startSimulator, type OcpSimulator } from '../../ocp-sim/api';
import { ACCESS_KEY, BASIC, FAST, ocpError } from './helpers';

interface KeyPair { key: string; cert: string }

function selfSigned(dir: string, name: string): KeyPair {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1'], { stdio: 'ignore' });
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

/** A forward proxy that only tunnels (CONNECT), recording each tunnel's target and Proxy-Authorization. */
class ConnectProxy {
  readonly tunnels: { target: string; auth?: string }[] = [];
  private readonly server = http.createServer((_req, res) => res.writeHead(405).end());
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  async start(): Promise<this> {
    this.server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      this.tunnels.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] });
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      }
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('client TLS and proxy', () => {
  let dir: string;
  let pair: KeyPair;
  let other: KeyPair;
  let tlsSim: OcpSimulator;
  let plainSim: OcpSimulator;
  let proxy: ConnectProxy;
  let open: OcpClient[] = [];

  const client = (sim: OcpSimulator, more: Partial<ConnectionOptions> = {}): OcpClient => {
    const c = new OcpClient({ url: sim.url, auth: BASIC, ...FAST, ...more });
    open.push(c);
    return c;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-client-tls-'));
    pair = selfSigned(dir, 'sim');
    other = selfSigned(dir, 'other');
    tlsSim = await startSimulator({ clockSpeed: 0, tls: pair });
    plainSim = await startSimulator({ clockSpeed: 0 });
    proxy = await new ConnectProxy().start();
  });

  beforeEach(() => {
    tlsSim.clearRequests();
    plainSim.clearRequests();
    proxy.tunnels.length = 0;
  });

  afterEach(async () => {
    await Promise.all(open.map((c) => c.close()));
    open = [];
  });

  after(async () => {
    await Promise.all([tlsSim?.close(), plainSim?.close(), proxy?.close()]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('TLS', () => {
    it('a self-signed certificate is refused by default: kind tls, advice names the CA file and self-signed option', async () => {
      assert.match(tlsSim.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const e = await ocpError(client(tlsSim).listClusters(), 'tls');
      assert.match(e.message, /not trusted/);
      assert.match(e.message, /CA file/);
      assert.match(e.message, /self-signed/);
      assert.equal(tlsSim.requests.length, 0, 'no HTTP request got through');
    });

    it('accepted with the certificate as CA', async () => {
      const clusters = await client(tlsSim, { ca: pair.cert }).listClusters();
      assert.equal(clusters.length, 4);
      assert.equal(tlsSim.requests.length, 1);
    });

    it('refused with an unrelated CA', async () => {
      await ocpError(client(tlsSim, { ca: other.cert }).listIdcs(), 'tls');
      assert.equal(tlsSim.requests.length, 0);
    });

    it('accepted with allowSelfSigned, AccessKey signatures included', async () => {
      const c = client(tlsSim, { allowSelfSigned: true, auth: ACCESS_KEY });
      assert.equal((await c.listRegions()).length, 2);
      assert.equal((await c.stopCluster(1000004)).name, 'Stop OB cluster');
      assert.deepEqual(tlsSim.requests.map((r) => r.status), [200, 200]);
    });
  });

  describe('proxy', () => {
    it('http OCP through an HTTP CONNECT proxy', async () => {
      const c = client(plainSim, { proxy: proxy.url });
      assert.equal((await c.listClusters()).length, 4);
      assert.equal((await c.getTask(3000001)).id, 3000001);
      assert.deepEqual(plainSim.requests.map((r) => r.path), ['/api/v2/ob/clusters', '/api/v2/tasks/instances/3000001']);
      assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.length <= 2, `${proxy.tunnels.length} tunnels for 2 requests`);
      assert.ok(proxy.tunnels.every((t) => t.target === `127.0.0.1:${plainSim.port}`));
    });

    it('https OCP through the proxy, with the CA; AccessKey signature still valid', async () => {
      const c = client(tlsSim, { proxy: proxy.url, ca: pair.cert, auth: ACCESS_KEY });
      assert.equal((await c.listHosts()).length, 13);
      assert.deepEqual(proxy.tunnels.map((t) => t.target), [`127.0.0.1:${tlsSim.port}`]);
      assert.equal(tlsSim.requests[0].status, 200);
    });

    it('https through the proxy without trust: kind tls', async () => {
      await ocpError(client(tlsSim, { proxy: proxy.url }).listHosts(), 'tls');
      assert.equal(proxy.tunnels.length, 1);
    });

    it('proxy credentials in the URL are sent as Proxy-Authorization', async () => {
      const url = `http://user:p%40ss@127.0.0.1:${proxy.port}`;
      assert.equal((await client(plainSim, { proxy: url }).listIdcs()).length, 3);
      assert.equal(proxy.tunnels[0].auth, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
    });

    it('a proxy that refuses the tunnel: kind network naming the proxy answer (not a timeout)', async () => {
      const refusing = http.createServer();
      refusing.on('connect', (_req: http.IncomingMessage, s: net.Socket) => s.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'));
      await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
      try {
        const port = (refusing.address() as net.AddressInfo).port;
        const e = await ocpError(client(plainSim, { proxy: `http://127.0.0.1:${port}`, retries: 0 }).listIdcs(), 'network');
        assert.match(e.message, /407/);
        assert.equal(plainSim.requests.length, 0);
      } finally {
        await new Promise<void>((resolve) => refusing.close(() => resolve()));
      }
    });
  });
});
