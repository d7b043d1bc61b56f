import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { PLATFORMS } from '../src/platforms';
import { bundlePath, ensureBuilt } from './build';
import { ROOT } from './root';

/** What each upload archive holds, at its root (handler `index.handler`). */
export const ZIP_FILES = ['index.js', 'index.js.map'] as const;
/** Where a platform's upload archive is written. @example zipPath('lambda') // '<root>/dist/softbus-sync-lambda.zip' */
export const zipPath = (platform: string) => join(ROOT, 'dist', `softbus-sync-${platform}.zip`);
// Fixed entry time (DOS format cannot hold 1970): equal inputs give byte-identical zips.
const ENTRY_DATE = new Date(2020, 0, 1, 0, 0, 0);

/**
 * Zips every platform's bundle (building first when stale) into an upload-ready archive; returns the paths.
 * @example await packageAll(console.log);
 */
export async function packageAll(say: (line: string) => void = console.log): Promise<string[]> {
  await ensureBuilt((line) => say(`package: ${line}`));
  return PLATFORMS.map(({ name }) => {
    const dir = join(bundlePath(name), '..');
    const bytes = createZip(ZIP_FILES.map((file) => ({ name: file, data: readFileSync(join(dir, file)) })));
    const target = zipPath(name);
    // Write then rename, so an upload never picks up a half-written archive.
    writeFileSync(`${target}.tmp`, bytes);
    renameSync(`${target}.tmp`, target);
    say(`package: ${relative(ROOT, target)} (${bytes.length} bytes: ${ZIP_FILES.join(', ')})`);
    return target;
  });
}

function dosDateTime(date: Date) {
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const day = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return { time, day };
}

/** A minimal ZIP (PKWARE APPNOTE 6.3): deflated entries, UTF-8 names, Unix mode 0644, no ZIP64. */
function createZip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const { time, day } = dosDateTime(ENTRY_DATE);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    if (data.length >= 0xffffffff || offset >= 0xffffffff) throw new Error(`${name}: too large for a ZIP without ZIP64`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the mode bits below are read)
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
