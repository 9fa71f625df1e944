/** The element's manifest (custom-elements.json) lists its documented API and nothing of its insides. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Declaration {
  name: string;
  tagName?: string;
  members?: { name: string; privacy?: string; attribute?: string }[];
  attributes?: { name: string }[];
  events?: { name: string }[];
}

/** The names in the first column of a markdown table under a heading of docs/widget.md. */
function documented(heading: string): string[] {
  const docs = readFileSync(join(root, 'docs/widget.md'), 'utf8');
  const section = docs.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| ((?:`[\w-]+`(?:, )?)+) \|/gm)].flatMap((row) => [...row[1]!.matchAll(/`([\w-]+)`/g)].map((m) => m[1]!));
}

describe('custom-elements.json', () => {
  const out = mkdtempSync(join(tmpdir(), 'bookwell-manifest-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  execFileSync(
    join(root, 'node_modules/.bin/custom-elements-manifest'),
    ['analyze', '--config', 'src/embed/manifest.config.mjs', '--outdir', relative(root, out)],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  const widget = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'bookwell-widget');

  it('gives <bookwell-widget> the documented attributes as its only members', () => {
    assert.ok(widget, 'bookwell-widget is in the manifest');
    const attributes = documented('Attributes');
    assert.ok(attributes.length >= 8, `docs/widget.md lists the attributes (${attributes.join(', ')})`);
    // A property is documented by its attribute (`firstName` by `first-name`).
    assert.deepEqual(widget.members?.map((m) => m.attribute ?? m.name).sort(), attributes.slice().sort());
    assert.deepEqual(widget.attributes?.map((a) => a.name).sort(), attributes.slice().sort());
  });

  it('gives it the documented events', () => {
    assert.deepEqual(
      widget?.events?.map((e) => e.name).sort(),
      documented('Events')
        .filter((name) => name.startsWith('bookwell-'))
        .sort(),
    );
  });
});
