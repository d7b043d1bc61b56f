import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { BUNDLE_OPTIONS } from './build';
import { ROOT } from './root';

/** The notice file each upload archive (and each dist/<platform>/ folder) carries. */
export const NOTICES_FILE = 'THIRD-PARTY-NOTICES';

/** One npm package whose code is in a bundle, as node_modules describes it. */
export interface BundledPackage {
  name: string;
  version: string;
  /** The SPDX expression of its package.json. */
  license: string;
  repository?: string;
  /** The licence text the package ships (LICENSE, LICENCE, COPYING…), if any. */
  licenseText?: string;
}

const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** The package folder of a node_modules input path (`node_modules/@scope/name/…` → `node_modules/@scope/name`). */
function packageRoot(input: string): string | undefined {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const depth = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + depth).join(sep);
}

function describePackage(dir: string): BundledPackage {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
    repository?: string | { url?: string };
  };
  const file = readdirSync(dir).find((name) => LICENSE_FILE.test(name));
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  return {
    name: manifest.name,
    version: manifest.version,
    license: manifest.license ?? 'UNKNOWN',
    ...(repository ? { repository } : {}),
    ...(file ? { licenseText: readFileSync(join(dir, file), 'utf8').trim() } : {}),
  };
}

/**
 * The npm packages esbuild puts into a bundle (from its metafile: what is really bundled, so the shims
 * that replace moment and lodash leave them out), sorted by name. `extra`: the build's own options (a
 * lazily loaded chunk's, dev/build.ts LAZY_CHUNKS).
 * @example (await bundledPackages('functions/lambda.ts')).map((p) => p.name) // ['@huaweicloud/huaweicloud-sdk-core', 'zod']
 */
export async function bundledPackages(entry: string, extra: BuildOptions = {}): Promise<BundledPackage[]> {
  const out = join(ROOT, 'dist', '.notices.js');
  const options = { ...BUNDLE_OPTIONS, ...extra, sourcemap: false, entryPoints: [entry], outfile: out, write: false };
  const result = await build(options);
  const roots = new Set(Object.keys(result.metafile?.inputs ?? {}).flatMap((input) => packageRoot(input) ?? []));
  return [...roots]
    .map((root) => join(ROOT, root))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map(describePackage)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The terms of the Apache License 2.0, from this repository's LICENSE (without its appendix), for the
 * packages that declare Apache-2.0 but ship no text.
 */
function apacheTerms(): string {
  const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  const end = text.indexOf('END OF TERMS AND CONDITIONS');
  if (end < 0) throw new Error('LICENSE does not hold the Apache License 2.0 terms');
  return text.slice(0, end + 'END OF TERMS AND CONDITIONS'.length).trim();
}

/**
 * The notice file: each bundled package with its version, licence, source and licence text. A package
 * that ships no text gets the Apache 2.0 terms when it declares Apache-2.0; any other licence without a
 * text stops the packaging (shipping it would break its licence).
 * @example writeFileSync('THIRD-PARTY-NOTICES', noticesText('lambda', await bundledPackages('functions/lambda.ts')));
 */
export function noticesText(platform: string, packages: readonly BundledPackage[], files: readonly string[] = ['index.js']): string {
  const rule = '-'.repeat(78);
  const missing = packages.filter((p) => !p.licenseText && p.license !== 'Apache-2.0');
  if (missing.length > 0)
    throw new Error(`no licence text for ${missing.map((p) => `${p.name} (${p.license})`).join(', ')}: cannot write ${NOTICES_FILE}`);
  const needsApache = packages.some((p) => !p.licenseText);
  const parts = [
    `Third-party software in ${files.join(', ')} (softbus-sync, ${platform} bundle)`,
    '',
    `${files.join(' and ')} bundle${files.length > 1 ? '' : 's'} code from the npm packages below, listed with the licence their package.json declares`,
    'and the licence text they ship. softbus-sync itself is licensed under the Apache License 2.0.',
    ...packages.flatMap((p) => [
      '',
      rule,
      `${p.name} ${p.version}`,
      `License: ${p.license}`,
      ...(p.repository ? [`Source: ${p.repository}`] : []),
      '',
      p.licenseText ?? 'The package ships no licence file; the Apache License 2.0 terms are at the end of this file.',
    ]),
    ...(needsApache ? ['', rule, 'Apache License 2.0 (terms)', '', apacheTerms()] : []),
  ];
  return `${parts.join('\n')}\n`;
}
