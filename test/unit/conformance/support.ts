// The conformance suite's own OCP stand-in: NOT the simulator. A tiny HTTP server that answers each request with a
// documented sample (test/fixtures/ocp-docs, verbatim copies of the pages' samples) chosen by method and path, and
// records what the client sent.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { OcpClient } from '../../../src/core/ocp/client';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/ocp-docs');

/** A documented sample as its text (the exact bytes a server would send). */
export function sampleText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function sampleJson<T = any>(name: string): T {
  return JSON.parse(sampleText(name)) as T;
}

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface Answer {
  status?: number;
  contentType?: string;
  body: string;
}

export type Route = (req: Seen) => Answer | undefined;

export interface DocServer {
  url: string;
  seen: Seen[];
  client(): OcpClient;
  close(): Promise<void>;
}

/** Serves `routes` (first match wins; no match: OCP's 404 error envelope). */
export async function docServer(routes: Route[]): Promise<DocServer> {
  const seen: Seen[] = [];
  const clients: OcpClient[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks).toString('utf8');
      const s: Seen = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: raw ? JSON.parse(raw) : undefined };
      seen.push(s);
      const a = routes.map((r) => r(s)).find((x) => x !== undefined)
        ?? { status: 404, body: JSON.stringify({ successful: false, status: 404, error: { code: 0, message: `No route ${s.method} ${s.path}` }, traceId: 't404' }) };
      res.writeHead(a.status ?? 200, { 'Content-Type': a.contentType ?? 'application/json;charset=UTF-8' });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    client: () => {
      const c = new OcpClient({ url, auth: { kind: 'basic', username: 'admin', password: 'x' }, retries: 0, timeoutMs: 3000 });
      clients.push(c);
      return c;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers `method path` (path exact) with a sample file. */
export function serve(method: string, pathname: string, file: string): Route {
  return (r) => (r.method === method && r.path === pathname ? { body: sampleText(file) } : undefined);
}
