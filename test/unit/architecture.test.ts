/**
 * The house rules that keep the code easy to change, checked rather than hoped for: no import cycles
 * between modules, no file over 200 lines in the shipped and shared code, and nothing that points
 * outside the repository.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../dev';
import { PLATFORMS } from '../../src/platforms';

const tracked = () => execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

/** The module graph esbuild sees (type-only imports are erased: they cannot form a cycle at run time). */
async function importGraph(entries: string[]): Promise<Map<string, string[]>> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    outdir: 'out',
    packages: 'external',
    logLevel: 'silent',
  });
  const graph = new Map<string, string[]>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    graph.set(
      file,
      input.imports.filter((i) => !i.external).map((i) => i.path),
    );
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the house rules', () => {
  it('has no import cycle in the bundles, the harness or the emulator', async () => {
    // Prepare
    const graph = await importGraph([...PLATFORMS.map((p) => p.entry), 'dev/index.ts', 'dev/cli/index.ts', 'emulator/index.ts']);
    // Act / Assess
    expect(graph.size).toBeGreaterThan(40);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps every source file of src/, functions/, dev/, scripts/, bin/ and emulator/ under 200 lines', () => {
    const code = tracked().filter((f) => /^(src|functions|dev|scripts|bin|emulator)\/.*\.(ts|mjs)$/.test(f));
    const long = code.filter((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').length > 200);
    expect(code.length).toBeGreaterThan(40);
    expect(long).toEqual([]);
  });

  it('points nowhere outside the repository (a clone has nothing beside it)', () => {
    const text = tracked().filter((f) => /\.(ts|mjs|md|yml|json|tf)$/.test(f) && !f.endsWith('package-lock.json'));
    const pointing = text.filter((f) => /\.\.\/shared\/|\/work\//.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(pointing).toEqual([]);
  });
});
