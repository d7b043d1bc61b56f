import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above this module whose package.json is softbus-sync's. Found
 * by walking up because this module runs from dev/ (tests) and from a bundle in node_modules/.cache
 * (scripts, the CLI, the bench).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'softbus-sync') return dir;
    if (dirname(dir) === dir) throw new Error(`softbus-sync: no repository root above ${from}`);
  }
}

/** @example join(ROOT, 'events') */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
