// The README documents every command and setting the extension contributes, and nothing that is gone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** First-column entries (`id`) of the Markdown table under a `## heading`. */
function tableIds(heading: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading));
  assert.ok(section, `README has no "## ${heading}" section`);
  return section.split('\n').map((l) => /^\|\s*`([^`]+)`\s*\|/.exec(l)?.[1]).filter((x): x is string => !!x);
}

describe('README', () => {
  it('lists every contributed command in its Commands table, and no other', () => {
    const commands = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(tableIds('Commands').sort(), commands);
  });

  it('lists every setting in its Settings table, with the right default', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    assert.deepEqual(tableIds('Settings').sort(), Object.keys(props).sort());
    for (const [key, spec] of Object.entries(props)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${key}\``))!;
      assert.ok(row.includes(`\`${JSON.stringify(spec.default)}\``), `${key}: README does not show the default ${JSON.stringify(spec.default)}`);
    }
  });

  it('shows the two commands a newcomer runs', () => {
    assert.match(readme, /npm start/);
    assert.match(readme, /npm test/);
  });
});
