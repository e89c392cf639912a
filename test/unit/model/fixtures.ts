// Loads the four documented OCP task samples (verbatim copies of ocp-docs/*.md sample responses).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SAMPLE_NAMES = ['create-cluster', 'stop-cluster', 'take-over-cluster', 'switchover-tenant'] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

const dir = path.resolve(__dirname, '../../../../test/fixtures/ocp-docs');

/** The parsed response envelope of a documented sample. */
export function sample(name: SampleName): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>;
}
