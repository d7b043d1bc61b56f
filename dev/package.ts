import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import { PLATFORMS } from '../src/platforms';
import { bundlePath, ensureBuilt, LAZY_CHUNKS } from './build';
import { bundledPackages, NOTICES_FILE, noticesText } from './notices';
import { ROOT } from './root';

/** What each upload archive holds, at its root (handler `index.handler`). */
export const ZIP_FILES = ['index.js', 'index.js.map', NOTICES_FILE] as const;

/** The lazily loaded chunks (dev/build.ts LAZY_CHUNKS) a platform's build wrote beside its bundle. */
const chunksOf = (platform: string) => LAZY_CHUNKS.filter(({ file }) => existsSync(join(bundlePath(platform), '..', file)));

/**
 * The files of a platform's archive: ZIP_FILES, and the lazily loaded chunks its bundle imports (the
 * Lambda build's aws-sts.js) with their maps.
 * @example zipFilesOf('lambda') // ['index.js', 'index.js.map', 'THIRD-PARTY-NOTICES', 'aws-sts.js', 'aws-sts.js.map']
 */
export function zipFilesOf(platform: string): string[] {
  return [...ZIP_FILES, ...chunksOf(platform).flatMap(({ file }) => [file, `${file}.map`])];
}
/** Where a platform's upload archive is written. @example zipPath('lambda') // '<root>/dist/softbus-sync-lambda.zip' */
export const zipPath = (platform: string) => join(ROOT, 'dist', `softbus-sync-${platform}.zip`);
// Fixed entry time (DOS format cannot hold 1970): equal inputs give byte-identical zips.
const ENTRY_DATE = new Date(2020, 0, 1, 0, 0, 0);
/** External attributes of a regular file rw-r--r-- made on Unix (the high 16 bits hold the mode). */
const UNIX_MODE_0644 = (0o100644 << 16) >>> 0;

/**
 * Zips every platform's bundle (building first when stale) with its third-party notices (written next
 * to the bundle too, for deploy tools that zip the folder) into an upload-ready archive; returns the paths.
 * @example await packageAll(console.log);
 */
export async function packageAll(say: (line: string) => void = console.log): Promise<string[]> {
  await ensureBuilt((line) => say(`package: ${line}`));
  const targets: string[] = [];
  for (const platform of PLATFORMS) {
    const { name } = platform;
    const dir = join(bundlePath(name), '..');
    // The notices cover every file of the archive: the bundle and its chunks (the AWS SDK in aws-sts.js).
    const chunks = chunksOf(name);
    const lists = [await bundledPackages(platform.entry), ...(await Promise.all(chunks.map((c) => bundledPackages(c.source, c.options))))];
    const packages = [...new Map(lists.flat().map((p) => [`${p.name}@${p.version}`, p])).values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    writeFileSync(join(dir, NOTICES_FILE), noticesText(name, packages, ['index.js', ...chunks.map((c) => c.file)]));
    // fflate: a small, well-kept ZIP writer (deflate, UTF-8 names); Unix mode 0644 so the platforms can read the files.
    const entry = { level: 9, mtime: ENTRY_DATE, os: 3, attrs: UNIX_MODE_0644 } as const;
    const files: Zippable = {};
    const names = zipFilesOf(name);
    for (const file of names) files[file] = [readFileSync(join(dir, file)), entry];
    const bytes = zipSync(files);
    const target = zipPath(name);
    // Write then rename, so an upload never picks up a half-written archive.
    writeFileSync(`${target}.tmp`, bytes);
    renameSync(`${target}.tmp`, target);
    say(`package: ${relative(ROOT, target)} (${bytes.length} bytes: ${names.join(', ')})`);
    targets.push(target);
  }
  return targets;
}
