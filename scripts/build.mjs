// Bundles the two platform entry points into self-contained CommonJS files (no node_modules at run
// time): dist/functiongraph/index.js and dist/lambda/index.js, each with its source map.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const TARGETS = [
  { platform: 'functiongraph', entry: 'functions/functiongraph.ts' },
  { platform: 'lambda', entry: 'functions/lambda.ts' },
];

export async function buildAll({ quiet = false } = {}) {
  for (const { platform, entry } of TARGETS) {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: `dist/${platform}/index.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      keepNames: true, // error names (ConfigError, ApiError…) reach the logs
      sourcemap: true,
      legalComments: 'linked',
      metafile: true,
      // sdk-core's signers use one moment expression and lodash's sortBy; loading the real
      // libraries would cost a third of the cold start (see src/shims and the benchmarks).
      alias: { moment: './src/shims/moment.ts', lodash: './src/shims/lodash.ts' },
      logLevel: 'warning',
    });
    const bytes = result.metafile.outputs[`dist/${platform}/index.js`]?.bytes ?? 0;
    if (!quiet) console.log(`built dist/${platform}/index.js (${(bytes / 1024).toFixed(1)} KiB)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
}
