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
  it('shows the main flows with screenshots that exist, each with alt text', () => {
    const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)];
    assert.ok(images.length >= 3, 'fewer than three screenshots');
    for (const [, alt, src] of images) {
      assert.ok(alt.trim().length > 10, `${src}: no alt text`);
      assert.ok(fs.existsSync(path.join(root, src)), `${src} does not exist`);
    }
  });

  it('lists in "Restricted Mode" exactly the settings the manifest restricts', () => {
    const section = readme.split(/^## /m).find((s) => s.startsWith('Restricted Mode'));
    assert.ok(section, 'no "## Restricted Mode" section');
    const listed = section.split('\n').map((l) => /^- `([^`]+)`$/.exec(l)?.[1]).filter((x): x is string => !!x);
    assert.deepEqual(listed.sort(), [...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort());
  });

  it('says where it runs in remote windows, matching extensionKind, and how to change it', () => {
    const section = readme.split(/^## /m).find((s) => s.startsWith('Where it runs'));
    assert.ok(section, 'no "## Where it runs" section');
    assert.ok(section.includes(`"extensionKind": ${JSON.stringify(pkg.extensionKind).replace(/,/g, ', ')}`), 'the section quotes another extensionKind');
    for (const w of ['Remote - SSH', 'WSL', 'Dev Containers', 'Codespaces']) assert.ok(section.includes(w), `${w} is not covered`);
    assert.match(section, /"remote\.extensionKind"/);
    assert.ok(section.includes(`"${pkg.publisher}.${pkg.name}"`), 'the remote.extensionKind example names another extension id');
  });

  it('states that there is no telemetry', () => {
    assert.match(readme, /^## Privacy\n\nOCP Explorer has \*\*no telemetry\*\*/m);
  });
});
