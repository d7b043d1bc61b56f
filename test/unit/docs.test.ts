/**
 * The documentation says what the code does: every relative link of the Markdown files resolves (a file
 * and, where given, a heading), the README's map names every file of src/ and dev/, and every variable the
 * function reads is documented in docs/configuration.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../dev';
import { CONFIG_ENV_NAMES } from '../../src/config';

const tracked = () => execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const withoutCode = (markdown: string) => markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (heading ?? '')
      .toLowerCase()
      .replace(/[`*[\]()]/g, '')
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    anchors.add(slug);
  }
  return anchors;
}

/** Every relative link of a Markdown file that does not resolve, as `file → target`. */
function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  for (const [, target] of withoutCode(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!target || /^(https?:|mailto:)/.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const resolved = path ? normalize(join(dirname(file), path)) : file;
    if (!existsSync(join(ROOT, resolved))) {
      broken.push(`${file} → ${target}`);
      continue;
    }
    if (anchor && statSync(join(ROOT, resolved)).isFile() && !anchorsOf(read(resolved)).has(anchor)) broken.push(`${file} → ${target}`);
  }
  return broken;
}

describe('the documentation', () => {
  it('has no broken relative link in any Markdown file', () => {
    // Prepare
    const markdown = tracked().filter((f) => f.endsWith('.md'));
    // Act
    const broken = markdown.flatMap(brokenLinks);
    // Assess
    expect(markdown.length).toBeGreaterThan(15);
    expect(broken).toEqual([]);
  });

  it('finds a broken link when there is one (the check itself works)', () => {
    expect(anchorsOf('# Bounds and limits\n## `SYNC_MAX_RPS` (per instance)')).toEqual(
      new Set(['bounds-and-limits', 'sync_max_rps-per-instance']),
    );
  });

  it("names every file of src/ and dev/ in the README's map", () => {
    const map = read('README.md').split('## How it works')[1]?.split('## Documentation')[0] ?? '';
    const files = tracked().filter((f) => /^(src|dev)\//.test(f));
    // By name: a folder's row alone would let a new file in it go unexplained.
    const unnamed = files.filter((f) => {
      const name = f.split('/').pop() ?? f;
      return !map.includes(`\`${name}`) && !map.includes(`/${name}\``);
    });
    expect(files.length).toBeGreaterThan(60);
    expect(unnamed).toEqual([]);
  });

  it('documents every variable the function reads', () => {
    const configuration = read('docs/configuration.md');
    expect(CONFIG_ENV_NAMES.filter((name) => !configuration.includes(`\`${name}\``))).toEqual([]);
  });
});
