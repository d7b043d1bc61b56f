#!/usr/bin/env node
// `npm run package`: zips each built bundle into an upload-ready archive with index.js (and its map) at
// the root, as FunctionGraph (handler `index.handler`) and Lambda expect. Node built-ins only, so the
// repository gains no archiver dependency. Builds first when dist is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = ['index.js', 'index.js.map'];
export const TARGETS = [
  { dir: 'dist/functiongraph', zip: 'dist/softbus-sync-functiongraph.zip' },
  { dir: 'dist/lambda', zip: 'dist/softbus-sync-lambda.zip' },
];
// Inputs of the build: a bundle older than any of them is stale.
const SOURCES = ['src', 'functions', 'scripts/build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
// Fixed entry time (DOS format cannot hold 1970): equal inputs give byte-identical zips.
const ENTRY_DATE = new Date(2020, 0, 1, 0, 0, 0);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function isStale() {
  const sourceTime = Math.max(...SOURCES.map((path) => newestMtime(join(root, path))));
  return TARGETS.some(({ dir }) =>
    FILES.some((file) => {
      const path = join(root, dir, file);
      return !existsSync(path) || statSync(path).mtimeMs < sourceTime;
    }),
  );
}

function build() {
  console.log('package: dist is missing or stale, running the build');
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status ?? result.signal})`);
}

function dosDateTime(date) {
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const day = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return { time, day };
}

/** A minimal ZIP (PKWARE APPNOTE 6.3): deflated entries, UTF-8 names, Unix mode 0644, no ZIP64. */
export function createZip(entries) {
  const { time, day } = dosDateTime(ENTRY_DATE);
  const locals = [];
  const centrals = [];
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
    local.writeUInt16LE(0, 28); // extra field length
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
    // extra, comment, disk number, internal attributes: 0
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

function packageTarget({ dir, zip }) {
  const entries = FILES.map((name) => ({ name, data: readFileSync(join(root, dir, name)) }));
  const bytes = createZip(entries);
  const target = join(root, zip);
  // Write then rename, so an upload never picks up a half-written archive.
  writeFileSync(`${target}.tmp`, bytes);
  renameSync(`${target}.tmp`, target);
  console.log(`package: ${relative(root, target)} (${bytes.length} bytes: ${FILES.join(', ')})`);
}

function main() {
  if (isStale()) build();
  for (const target of TARGETS) packageTarget(target);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
