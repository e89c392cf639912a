// Reading OCP's precheck answers (takeover, tenant switchover). Their full schema is not documented
// (ocp-api.md §6, §5.2), so this reads what is there: a `valid`/`passed` verdict, nested check results
// in any list whose items carry `passed`/`valid`/`success` and a message, and the plain facts around them.

export interface PrecheckItem {
  name: string;
  passed: boolean;
  message?: string;
}

export interface PrecheckReport {
  passed: boolean;
  items: PrecheckItem[];
  /** Scalar fields worth showing (clusterName, syncScn, …), as "key: value". */
  facts: [string, string][];
}

const VERDICT_KEYS = ['valid', 'passed', 'success', 'successful', 'pass'];

function verdict(o: Record<string, unknown>): boolean | undefined {
  for (const k of VERDICT_KEYS) if (typeof o[k] === 'boolean') return o[k] as boolean;
  const r = o.result;
  if (typeof r === 'string') return /^(pass|passed|success|ok|valid)$/i.test(r);
  return undefined;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v;
  if (Array.isArray(v)) return v.map(text).filter(Boolean).join('; ') || undefined;
  return undefined;
}

export function readPrecheck(data: unknown, prefix = ''): PrecheckReport {
  const report: PrecheckReport = { passed: true, items: [], facts: [] };
  if (!data || typeof data !== 'object') return report;
  const o = data as Record<string, unknown>;
  const own = verdict(o);
  for (const [k, v] of Object.entries(o)) {
    if (VERDICT_KEYS.includes(k)) continue;
    if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) {
      for (const x of v) {
        if (!x || typeof x !== 'object') continue;
        const item = x as Record<string, unknown>;
        const ok = verdict(item);
        const name = text(item.name) ?? text(item.checkItem) ?? text(item.item) ?? k;
        const message = text(item.message) ?? text(item.messages) ?? text(item.reason) ?? text(item.advice);
        if (ok !== undefined || message) report.items.push({ name: prefix + name, passed: ok ?? true, message });
      }
    } else if (Array.isArray(v) && (k === 'messages' || k === 'errors' || k === 'failedReasons') && v.length) {
      for (const m of v) report.items.push({ name: prefix + k, passed: own ?? false, message: String(m) });
    } else if (v && typeof v === 'object') {
      const nested = readPrecheck(v, `${prefix}${k}: `);
      report.items.push(...nested.items);
      report.facts.push(...nested.facts);
      if (!nested.passed) report.passed = false;
    } else if (v !== null && v !== undefined && (typeof v === 'string' || typeof v === 'number')) {
      report.facts.push([prefix + k, String(v)]);
    }
  }
  if (own === false || report.items.some((i) => !i.passed)) report.passed = false;
  return report;
}
