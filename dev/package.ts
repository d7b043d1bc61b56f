import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import { PLATFORMS } from '../src/platforms';
import { bundlePath, ensureBuilt } from './build';
import { bundledPackages, NOTICES_FILE, noticesText } from './notices';
import { ROOT } from './root';

/** What each upload archive holds, at its root (handler `index.handler`). */
export const ZIP_FILES = ['index.js', 'index.js.map', NOTICES_FILE] as const;
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
    writeFileSync(join(dir, NOTICES_FILE), noticesText(name, await bundledPackages(platform.entry)));
    // fflate: a small, well-kept ZIP writer (deflate, UTF-8 names); Unix mode 0644 so the platforms can read the files.
    const entry = { level: 9, mtime: ENTRY_DATE, os: 3, attrs: UNIX_MODE_0644 } as const;
    const files: Zippable = {};
    for (const file of ZIP_FILES) files[file] = [readFileSync(join(dir, file)), entry];
    const bytes = zipSync(files);
    const target = zipPath(name);
    // Write then rename, so an upload never picks up a half-written archive.
    writeFileSync(`${target}.tmp`, bytes);
    renameSync(`${target}.tmp`, target);
    say(`package: ${relative(ROOT, target)} (${bytes.length} bytes: ${ZIP_FILES.join(', ')})`);
    targets.push(target);
  }
  return targets;
}
