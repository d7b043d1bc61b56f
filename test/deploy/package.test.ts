import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledPackages, noticesText } from '../../dev/notices';
import { PLATFORMS } from '../../src/platforms';
import { ROOT } from './serverless-config';
import { readZip, type ZipEntry } from './zip-reader';

const requireFromRoot = createRequire(join(ROOT, 'package.json'));

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
  beforeAll(async () => {
    entries = await readZip(readFileSync(join(ROOT, zip)));
  });

  it('holds exactly index.js, its map, the third-party notices and the lazily loaded chunks at the root, deflated, readable by everyone', () => {
    // assess: Lambda's bundle imports aws-sts.js (the STS fallback), FunctionGraph's nothing
    const chunks = dir === 'dist/lambda' ? ['aws-sts.js', 'aws-sts.js.map'] : [];
    expect(entries.map((entry) => entry.name)).toEqual(['index.js', 'index.js.map', 'THIRD-PARTY-NOTICES', ...chunks]);
    for (const entry of entries) expect(entry.mode).toBe(0o100644);
    for (const entry of entries) expect(entry.method).toBe(8);
  });

  it('names every npm package in the bundle with its licence text: zod (MIT) and sdk-core (Apache-2.0)', async () => {
    // prepare: the packages really bundled, from the build, and their own manifests
    const platform = PLATFORMS.find((p) => dir.endsWith(p.name));
    const bundled = await bundledPackages(platform?.entry ?? '');
    const notices = entries.find((entry) => entry.name === 'THIRD-PARTY-NOTICES')?.data.toString('utf8') ?? '';
    const manifest = (name: string) => requireFromRoot(`${name}/package.json`) as { version: string };
    // assess
    expect(bundled.map((p) => p.name)).toEqual(['@huaweicloud/huaweicloud-sdk-core', 'zod']);
    expect(notices).toContain(
      `@huaweicloud/huaweicloud-sdk-core ${manifest('@huaweicloud/huaweicloud-sdk-core').version}\nLicense: Apache-2.0`,
    );
    expect(notices).toContain(`zod ${manifest('zod').version}\nLicense: MIT`);
    expect(notices).toContain(readFileSync(join(ROOT, 'node_modules/zod/LICENSE'), 'utf8').trim());
    // sdk-core ships no licence file: the Apache 2.0 terms travel in the notices
    expect(notices).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    // the shims replace moment and lodash: they are not in the bundle, so not in the notices
    expect(notices).not.toMatch(/^(moment|lodash) /m);
    expect(readFileSync(join(ROOT, dir, 'THIRD-PARTY-NOTICES'), 'utf8')).toBe(notices);
    // the Lambda archive also ships the AWS SDK's STS client (aws-sts.js): its packages are named too
    if (dir === 'dist/lambda') {
      expect(notices).toMatch(/^Third-party software in index\.js, aws-sts\.js /);
      expect(notices).toContain(`@aws-sdk/client-sts ${manifest('@aws-sdk/client-sts').version}\nLicense: Apache-2.0`);
      expect(notices).not.toContain('@aws-sdk/credential-provider-node');
    } else expect(notices).not.toContain('@aws-sdk/');
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

describe('the checks themselves', () => {
  it('the reader refuses an archive whose data was altered (CRC-32), which yauzl alone would not', async () => {
    // prepare: a stored (uncompressed) entry, one byte of its data changed
    const zip = Buffer.from(zipSync({ 'a.txt': [Buffer.from('hello world'), { level: 0 }] }));
    zip[zip.indexOf('hello world')] = 'j'.charCodeAt(0);
    // act / assess
    await expect(readZip(zip)).rejects.toThrow('a.txt: CRC-32 mismatch');
  });

  it('the notices refuse a package whose licence is not Apache-2.0 and that ships no text', () => {
    const unlicensed = { name: 'left-pad', version: '1.3.0', license: 'WTFPL' };
    expect(() => noticesText('lambda', [unlicensed])).toThrow('no licence text for left-pad (WTFPL)');
    expect(noticesText('lambda', [{ ...unlicensed, license: 'Apache-2.0' }])).toContain('Apache License 2.0 (terms)');
  });
});
