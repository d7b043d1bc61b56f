import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/platforms';
import { ROOT } from './serverless-config';
import { readZip, type ZipEntry } from './zip-reader';

// One archive per platform of the registry, next to its bundle.
const TARGETS = PLATFORMS.map(({ name }) => ({ zip: `dist/softbus-sync-${name}.zip`, dir: `dist/${name}` }));
const scratch = mkdtempSync(join(tmpdir(), 'softbus-package-'));

function runPackage(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stdout}${result.stderr}`);
}

beforeAll(() => runPackage(), 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(TARGETS)('$zip', ({ zip, dir }) => {
  let entries: ZipEntry[] = [];
  beforeAll(() => {
    entries = readZip(readFileSync(join(ROOT, zip)));
  });

  it('holds exactly index.js and its map at the root, readable by everyone', () => {
    // assess
    expect(entries.map((entry) => entry.name)).toEqual(['index.js', 'index.js.map']);
    for (const entry of entries) expect(entry.mode).toBe(0o100644);
  });

  it('holds the built bundle byte for byte, with a version 3 source map', () => {
    // prepare
    const [js, map] = entries;
    // assess
    expect(js?.data.equals(readFileSync(join(ROOT, dir, 'index.js')))).toBe(true);
    expect((JSON.parse(map?.data.toString('utf8') ?? '') as { version: number }).version).toBe(3);
  });

  it('extracts to a module that loads on its own and exports handler', () => {
    // prepare: outside the repository, so nothing can come from node_modules
    const target = mkdtempSync(join(scratch, 'unzipped-'));
    for (const entry of entries) writeFileSync(join(target, entry.name), entry.data);
    // act
    const loaded = createRequire(join(target, 'index.js'))(join(target, 'index.js')) as Record<string, unknown>;
    // assess
    expect(typeof loaded.handler).toBe('function');
  });
});

describe('npm run package', () => {
  it('is reproducible: a second run gives identical archives', () => {
    // prepare
    const before = TARGETS.map(({ zip }) => readFileSync(join(ROOT, zip)));
    // act
    runPackage();
    // assess
    for (const [i, { zip }] of TARGETS.entries()) expect(readFileSync(join(ROOT, zip)).equals(before[i] as Buffer)).toBe(true);
  });
});
