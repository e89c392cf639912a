// Headless Debian Chromium driven by playwright-core, with a fresh profile and an isolated HOME/TMPDIR.
// Everything the page prints is kept in a log file for failure reports.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './env';
import type { RunDir } from './run-dir';
import { onCleanup } from './processes';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  consoleLog: string;
  close(): Promise<void>;
}

export async function launchBrowser(run: RunDir): Promise<Browser> {
  const context = await chromium.launchPersistentContext(run.browserProfile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...run.isolatedEnv } as Record<string, string>,
    viewport: { width: 1400, height: 900 },
    // The workbench asks the server for an extension host in the browser's language.
    ...(process.env.OCP_TEST_LOCALE ? { locale: process.env.OCP_TEST_LOCALE.replace(/-(\w+)$/, (_m, r: string) => `-${r.toUpperCase()}`) } : {}),
    timeout: 60_000,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => undefined);
  };
  onCleanup(close);
  const consoleLog = path.join(run.logs, 'browser-console.log');
  const page = context.pages()[0] ?? (await context.newPage());
  const write = (line: string) => fs.appendFileSync(consoleLog, `${new Date().toISOString()} ${line}\n`);
  page.on('console', (m) => write(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => write(`[pageerror] ${e.message}`));
  page.on('crash', () => write('[crash] page crashed'));
  return { context, page, consoleLog, close };
}
