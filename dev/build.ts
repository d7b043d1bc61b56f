import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { PLATFORMS } from '../src/platforms';
import { ROOT } from './root';

/**
 * The inputs of the bundles: a bundle older than any of them is stale. One list for `npm start`,
 * `npm run package`, the CLI and the fault-matrix script.
 */
export const BUILD_SOURCES = ['src', 'functions', 'dev/build.ts', 'package.json', 'package-lock.json', 'tsconfig.json'] as const;

/** Options every bundle shares: self-contained CommonJS for Node 20, minified, with a source map. */
export const BUNDLE_OPTIONS: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: true, // error names (ConfigError, ApiError…) reach the logs
  sourcemap: true,
  legalComments: 'linked',
  metafile: true,
  // sdk-core's signers use one moment expression and lodash's sortBy; loading the real libraries
  // would cost a third of the cold start (see src/shims and the benchmarks). Their url.parse per
  // request is the garbage of a whole Url object: src/shims/url.ts reads host and path directly.
  alias: { moment: './src/shims/moment.ts', lodash: './src/shims/lodash.ts', url: './src/shims/url.ts' },
  // The AWS SDK v3 is in the Lambda runtime (required only where a source needs it); never bundled.
  external: ['@aws-sdk/*'],
  // Lazy `import()`s become `require()`s (a CommonJS bundle can): no ESM loader, no export scan of a
  // CommonJS chunk (aws-sts.js: about 14 ms of a cold first call), and NODE_PATH is honoured.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};

/**
 * Modules built apart, beside the bundles that import them, and loaded only when needed (a CommonJS
 * `require('./<file>')` in the bundle). Only the STS client today: the Lambda build's fallback when
 * the runtime's AWS SDK predates GetWebIdentityToken (src/credentials/aws-federation/sts-sdk.ts).
 */
export const LAZY_CHUNKS = [
  {
    source: 'src/credentials/aws-federation/sts-bundled.ts',
    file: 'aws-sts.js',
    options: {
      external: [],
      // The SDK's ES modules tree-shake (its CommonJS builds do not): about 0.4 of the size.
      mainFields: ['module', 'main'],
      // The function passes the role's keys explicitly: the SDK's provider chain (SSO, ini files,
      // IMDS…) would be dead weight.
      alias: { '@aws-sdk/credential-provider-node': './src/shims/aws-credential-provider.ts' },
    } satisfies BuildOptions,
  },
] as const;

/** Turns an import of a lazy chunk's source into `require('./<file>')`, left for the chunk build. */
const lazyChunks: Plugin = {
  name: 'lazy-chunks',
  setup(pluginBuild) {
    for (const chunk of LAZY_CHUNKS) {
      const base = chunk.source.replace(/\.ts$/, '').split('/').pop() ?? '';
      pluginBuild.onResolve({ filter: new RegExp(`/${base}$`) }, (args) =>
        join(args.resolveDir, args.path).endsWith(chunk.source.replace(/\.ts$/, ''))
          ? { path: `./${chunk.file}`, external: true }
          : undefined,
      );
    }
  },
};

/** Where a platform's bundle is written. @example bundlePath('lambda') // '<root>/dist/lambda/index.js' */
export const bundlePath = (platform: string) => join(ROOT, 'dist', platform, 'index.js');

/**
 * Bundles one entry point (relative to the root) into `outfile`; returns its size in bytes.
 * @example await bundleEntry('functions/lambda.ts', bundlePath('lambda'));
 */
export async function bundleEntry(entry: string, outfile: string, extra: BuildOptions = {}): Promise<number> {
  const result = await build({ ...BUNDLE_OPTIONS, plugins: [lazyChunks], ...extra, entryPoints: [entry], outfile });
  const output = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint);
  for (const chunk of LAZY_CHUNKS) {
    if (!output?.imports.some((i) => i.external && i.path === `./${chunk.file}`)) continue;
    await build({ ...BUNDLE_OPTIONS, ...chunk.options, entryPoints: [chunk.source], outfile: join(dirname(outfile), chunk.file) });
  }
  return output?.bytes ?? 0;
}

/**
 * Builds every platform's bundle (src/platforms): dist/<platform>/index.js with its source map.
 * @example await buildAll({ say: console.log });
 */
export async function buildAll({ say }: { say?: (line: string) => void } = {}): Promise<void> {
  for (const platform of PLATFORMS) {
    // A clean folder: a chunk that a bundle no longer imports must not linger into its zip.
    rmSync(dirname(bundlePath(platform.name)), { recursive: true, force: true });
    const bytes = await bundleEntry(platform.entry, bundlePath(platform.name));
    say?.(`built dist/${platform.name}/index.js (${(bytes / 1024).toFixed(1)} KiB)`);
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Whether a bundle is missing or older than a build input. @example if (isDistStale()) await buildAll(); */
export function isDistStale(): boolean {
  const sources = Math.max(...BUILD_SOURCES.map((path) => newestMtime(join(ROOT, path))));
  return PLATFORMS.some(({ name }) => {
    const file = bundlePath(name);
    return !existsSync(file) || statSync(file).mtimeMs < sources;
  });
}

/**
 * Builds the bundles when one is missing or stale; returns whether it built.
 * @example await ensureBuilt((line) => console.error(line));
 */
export async function ensureBuilt(say: (line: string) => void = (line) => console.error(line)): Promise<boolean> {
  if (!isDistStale()) return false;
  say('building the function bundles (dist/ is missing or older than the sources)…');
  await buildAll();
  return true;
}
