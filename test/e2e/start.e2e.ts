// The start and packaging story (issue #8): `npm start`'s tool serves VS Code with OCP Explorer connected
// to its own simulator (opened in a second browser page, then stopped with everything it started), the
// extension installed from its .vsix is running in the workbench, and `npm run package` makes a .vsix
// holding only what runs. Screenshots: start-*.png, package-*.png.
import * as assert from 'assert';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/env';
import { groupAlive } from '../harness/processes';
import { openOcpView, page, runPaletteCommand, screenshot, treeItem, viewPane, waitFor } from './support';
import { resetUi, steady } from './ui';

const READY = /OCP Explorer is running in VS Code at (\S+)/;

/** SIGTERM to a process group, SIGKILL if anything is left after `graceMs`; true if it went on SIGTERM. */
async function stopGroup(pgid: number, graceMs: number): Promise<boolean> {
  if (!groupAlive(pgid)) return true;
  try { process.kill(-pgid, 'SIGTERM'); } catch { /* gone */ }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!groupAlive(pgid)) return true;
  try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
  await waitFor(() => !groupAlive(pgid), 5_000, `process group ${pgid} to die after SIGKILL`).catch(() => undefined);
  return false;
}

/** Process groups of every descendant of `pid` (read from /proc). */
function descendantGroups(pid: number): Set<number> {
  const parents = new Map<number, { ppid: number; pgid: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), { ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch { /* exited meanwhile */ }
  }
  const groups = new Set<number>();
  const walk = (p: number) => {
    for (const [child, info] of parents) {
      if (info.ppid === p) {
        groups.add(info.pgid);
        walk(child);
      }
    }
  };
  walk(pid);
  return groups;
}

/** Resolves with the first stdout match of `re`; rejects if the process exits first or `timeoutMs` passes. */
function waitForLine(child: ChildProcess, re: RegExp, timeoutMs: number, output: { text: string }): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no line matching ${re} within ${timeoutMs} ms; output:\n${output.text.slice(-3000)}`)), timeoutMs);
    const onData = () => {
      const m = re.exec(output.text);
      if (m) finish(undefined, m);
    };
    const onExit = (code: number | null, sig: string | null) => finish(new Error(`start tool exited (${sig ?? code}) before it was ready; output:\n${output.text.slice(-3000)}`));
    const finish = (e?: Error, m?: RegExpExecArray) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (e) reject(e); else resolve(m!);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

function listens(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);
}

/** Names of the entries of a zip file, from its central directory. */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i} in ${file}`);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** A copy of the working tree (files git tracks or would track; node_modules linked) to package in. */
function copyWorkingTree(dest: string): void {
  const ls = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (ls.status !== 0) throw new Error(`git ls-files failed: ${ls.stderr}`);
  for (const rel of ls.stdout.split('\0').filter(Boolean)) {
    const src = path.join(REPO_ROOT, rel);
    if (!fs.existsSync(src)) continue; // deleted but not yet committed
    fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
    fs.copyFileSync(src, path.join(dest, rel));
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dest, 'node_modules'), 'dir');
}

describe('Start and package (issue #8)', function () {
  this.timeout(240_000);

  describe('the start tool (OCP_START_HOST=code-server)', () => {
    let child: ChildProcess | undefined;
    let groups = new Set<number>();
    let second: Page | undefined;

    after(async () => {
      await second?.close().catch(() => undefined);
      for (const g of groups) await stopGroup(g, 1_000);
      await page().bringToFront();
    });

    it('serves VS Code with OCP Explorer connected to its simulator, and stops everything it started', async () => {
      const output = { text: '' };
      child = spawn(process.execPath, [path.join(REPO_ROOT, 'out', 'tools', 'start.js')], {
        cwd: REPO_ROOT,
        env: { ...process.env, OCP_START_HOST: 'code-server' },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const pid = child.pid!;
      groups.add(pid);
      child.stdout!.on('data', (d: Buffer) => { output.text += d.toString(); });
      child.stderr!.on('data', (d: Buffer) => { output.text += d.toString(); });
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));

      const url = (await waitForLine(child, READY, 180_000, output))[1];
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
      assert.match(output.text, /OCP simulator: http:\/\/127\.0\.0\.1:\d+/);
      groups = new Set([pid, ...descendantGroups(pid)]);
      assert.ok(groups.size > 1, 'the start tool runs code-server in a process group of its own');

      second = await page().context().newPage();
      await second.goto(url);
      await second.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
      await second.locator('.part.activitybar').getByRole('tab', { name: 'OCP' }).first().click();
      const tree = second.locator('.part.sidebar').getByRole('tree').first();
      const conn = tree.getByRole('treeitem', { name: /^OCP Simulator/ }).first();
      await conn.waitFor({ timeout: 30_000 });
      if ((await conn.getAttribute('aria-expanded')) !== 'true') await conn.click();
      for (const name of ['obcluster_prod', 'obcluster_dr', 'obcluster_test', 'obcluster_dev']) {
        await tree.getByRole('treeitem', { name: new RegExp(`^${name} `) }).first().waitFor({ timeout: 30_000 });
      }
      await second.mouse.move(1000, 450);
      await screenshot('start-workbench', second.locator('body'));

      const origin = new URL(url).origin;
      assert.ok(await listens(origin), 'code-server answers before the stop');
      await second.close();
      second = undefined;
      assert.ok(await stopGroup(pid, 15_000), `the start tool stopped on SIGTERM; output:\n${output.text.slice(-2000)}`);
      await exited;
      assert.match(output.text, /Stopping…/);
      for (const g of groups) {
        await waitFor(() => !groupAlive(g), 10_000, `process group ${g} to be gone`);
      }
      assert.ok(!(await listens(origin)), 'code-server no longer answers');
    });
  });

  describe('the .vsix', () => {
    let tmp = '';

    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-package-'));
    });

    after(async () => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      await resetUi();
    });

    /** Opens Developer: Show Running Extensions and returns the text of OCP Explorer's row (the editor stays open). */
    async function runningExtensionRow(): Promise<string> {
      // Other suites may leave editors (task panels) open: the Running Extensions editor must be the only one.
      await runPaletteCommand('View: Close All Editors');
      await runPaletteCommand('Developer: Show Running Extensions');
      const ours = runningRow();
      await ours.waitFor({ timeout: 20_000 });
      return (await ours.innerText()).replace(/\s+/g, ' ');
    }

    /** OCP Explorer's row of Running Extensions, wherever VS Code shows that editor (a modal or the editor area). */
    const runningRow = () => page().locator('.monaco-list-row', { hasText: 'OCP Explorer' }).filter({ hasText: /Activation/ }).first();

    async function closeRunningExtensions(): Promise<void> {
      await page().keyboard.press('Escape');
      await runPaletteCommand('View: Close All Editors');
      await runningRow().waitFor({ state: 'hidden' });
    }

    it('installed from its .vsix, the extension is running in the workbench', async () => {
      await page().bringToFront();
      await openOcpView();
      await treeItem('Simulator', viewPane('Explorer')).waitFor();
      const text = await runningExtensionRow();
      assert.match(text, /OCP Explorer 0\.1\.0/);
      assert.match(text, /Activation: \d+ms/, `the extension was activated: ${text}`);
      await steady();
      await screenshot('package-running-extensions');
      await closeRunningExtensions();
    });

    it('has had no uncaught error in the extension host during the e2e run', async () => {
      const text = await runningExtensionRow();
      await closeRunningExtensions();
      assert.doesNotMatch(text, /uncaught error/i, `Running Extensions reports for OCP Explorer: ${text} (see the extension host log)`);
    });

    it('npm run package makes a small .vsix with only what runs', async () => {
      const tree = path.join(tmp, 'tree');
      copyWorkingTree(tree);
      const out = path.join(tmp, 'x.vsix');
      const npm = spawnSync('npm', ['run', 'package', '--', '--out', out], { cwd: tree, encoding: 'utf8', timeout: 180_000 });
      assert.strictEqual(npm.status, 0, `npm run package failed:\n${npm.stdout}\n${npm.stderr}`);
      assert.match(npm.stdout, /package: .*x\.vsix \(\d+(\.\d+)? KiB\)/);

      const entries = zipEntries(out);
      const allowed = [
        /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/,
        /^extension\/dist\//, /^extension\/media\//, /^extension\/l10n\//, /^extension\/syntaxes\/ocp-log\.[\w.-]+\.json$/,
        /^extension\/package\.json$/, /^extension\/package\.nls(\.[\w-]+)?\.json$/,
        /^extension\/(readme|changelog)\.md$/i, /^extension\/LICENSE(\.txt)?$/,
      ];
      const unexpected = entries.filter((e) => !allowed.some((re) => re.test(e)));
      assert.deepStrictEqual(unexpected, [], `unexpected files in the .vsix:\n${entries.join('\n')}`);
      assert.deepStrictEqual(entries.filter((e) => /\.map$|(^|\/)(src|test|node_modules)\//.test(e)), []);
      for (const must of ['extension/dist/extension.js', 'extension/dist/webview.js', 'extension/package.json', 'extension/package.nls.json', 'extension/readme.md', 'extension/media/icon.png']) {
        assert.ok(entries.includes(must), `${must} is in the .vsix`);
      }
      const kib = fs.statSync(out).size / 1024;
      assert.ok(kib < 512, `the .vsix is small (${kib.toFixed(1)} KiB)`);
    });
  });
});
