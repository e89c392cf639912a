// Benchmark results: rows of "ours vs baseline" figures grouped in one section per part, saved as JSON
// (bench/results/<part>.json, not committed) and rendered together as Markdown (bench/results/latest.md).
import * as fs from 'fs';
import * as path from 'path';
import { machineLine, type Machine } from './machine';
import type { Sample } from './stats';

export type Unit = 'ms' | 's' | 'KiB' | 'MiB' | 'requests' | 'req/s' | 'count' | 'fps' | 'nodes' | 'x';

export interface Target {
  /** As the issue states it, e.g. "≤ 50 ms". */
  text: string;
  met: boolean;
}

export interface Row {
  figure: string;
  unit: Unit;
  ours?: Sample;
  baseline?: Sample;
  /** Show baseline/ours (medians). */
  ratio?: boolean;
  target?: Target;
  /** Why a missed target is missed (shown only when it is). */
  cause?: string;
  /** Extra context always shown under the table. */
  note?: string;
}

export interface Section {
  part: string;
  title: string;
  /** What the baseline column is. */
  baseline: string;
  machine: Machine;
  rows: Row[];
  notes: string[];
  /** Set when the part could not run. */
  error?: string;
}

export const PARTS = ['panel', 'explorer', 'tracker', 'extension'] as const;
export type Part = (typeof PARTS)[number];

export const RESULTS_DIR = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');

function num(v: number, unit: Unit): string {
  if (unit === 'requests' || unit === 'count' || unit === 'nodes') return Math.round(v).toLocaleString('en-US');
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatSample(s: Sample | undefined, unit: Unit): string {
  if (!s) return '—';
  const u = unit === 'count' || unit === 'nodes' || unit === 'requests' ? '' : unit === 'x' ? '×' : ` ${unit}`;
  if (s.min === s.max) return `${num(s.median, unit)}${u}`;
  return `${num(s.median, unit)}${u} (${num(s.min, unit)}–${num(s.max, unit)})`;
}

function ratio(r: Row): string {
  if (!r.ratio || !r.ours || !r.baseline || r.ours.median <= 0) return '—';
  const x = r.baseline.median / r.ours.median;
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderSection(s: Section): string {
  const out: string[] = [`## ${s.title}`, '', `Machine: ${machineLine(s.machine)}`, '', `Baseline: ${s.baseline}`, ''];
  if (s.error) out.push(`**This part failed:** ${s.error}`, '');
  if (s.rows.length > 0) {
    out.push('| figure | ours: median (min–max) | baseline: median (min–max) | baseline/ours | target | met |', '|---|---|---|---|---|---|');
    for (const r of s.rows) {
      const met = r.target ? (r.target.met ? '✅' : '❌') : '—';
      out.push(`| ${cell(r.figure)} | ${formatSample(r.ours, r.unit)} | ${formatSample(r.baseline, r.unit)} | ${ratio(r)} | ${cell(r.target?.text ?? '—')} | ${met} |`);
    }
    out.push('');
  }
  const misses = s.rows.filter((r) => r.target && !r.target.met);
  if (misses.length > 0) {
    out.push('Missed targets, investigated causes:', '');
    for (const r of misses) out.push(`- **${r.figure}** (${r.target!.text}): ${r.cause ?? 'not investigated yet.'}`);
    out.push('');
  }
  const notes = [...s.rows.filter((r) => r.note).map((r) => `${r.figure}: ${r.note}`), ...s.notes];
  if (notes.length > 0) {
    out.push('Notes:', '');
    for (const n of notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}

export function saveSection(s: Section): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${s.part}.json`), `${JSON.stringify(s, null, 2)}\n`);
}

export function loadSections(): Section[] {
  const out: Section[] = [];
  for (const p of PARTS) {
    const f = path.join(RESULTS_DIR, `${p}.json`);
    if (fs.existsSync(f)) out.push(JSON.parse(fs.readFileSync(f, 'utf8')) as Section);
  }
  return out;
}

/** latest.md: every part's latest section (parts not re-run keep their previous figures and date). */
export function renderReport(sections: Section[]): string {
  const head = [
    '# OCP Explorer benchmarks',
    '',
    'Produced by `npm run bench` (see bench/README.md for what each figure means). Each figure is the median of at',
    'least 5 runs after a warm-up (cheap figures use more runs), with min–max in brackets. ✅/❌ compare the median',
    '(for counts that must never be exceeded: the maximum) with the target of the issue.',
    '',
  ];
  return `${head.join('\n')}\n${sections.map(renderSection).join('\n')}`;
}

export function writeReport(): string {
  const md = renderReport(loadSections());
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), md);
  return md;
}
