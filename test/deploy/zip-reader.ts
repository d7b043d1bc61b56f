/**
 * Reads an upload archive with yauzl (a well-kept, independent unzip library: it reads the central
 * directory as unzip and the platforms do, validates names and sizes), plus the two checks yauzl leaves
 * to its caller: each entry's CRC-32 and its Unix mode (from the external attributes). fflate, which
 * writes the archives, offers no mode on read and checks no CRC, so it would not catch its own mistakes.
 */
import { buffer } from 'node:stream/consumers';
import { crc32 } from 'node:zlib';
import { fromBufferPromise } from 'yauzl';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Unix mode from the external attributes (0 when the archive was not made on Unix). */
  mode: number;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
}

/** Made by Unix (the high byte of "version made by"): the external attributes then hold a mode. */
const MADE_ON_UNIX = 3;

/**
 * Every entry of a ZIP, in central-directory order, inflated and checked.
 * @example const [index] = await readZip(readFileSync('dist/softbus-sync-lambda.zip'));
 */
export async function readZip(zip: Buffer): Promise<ZipEntry[]> {
  const archive = await fromBufferPromise(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  const entries: ZipEntry[] = [];
  for await (const entry of archive.eachEntry()) {
    const data = await buffer(await archive.openReadStreamPromise(entry));
    if (crc32(data) !== entry.crc32) throw new Error(`${entry.fileName}: CRC-32 mismatch`);
    entries.push({
      name: entry.fileName,
      data,
      mode: entry.versionMadeBy >> 8 === MADE_ON_UNIX ? entry.externalFileAttributes >>> 16 : 0,
      method: entry.compressionMethod,
      compressedSize: entry.compressedSize,
    });
  }
  return entries;
}
