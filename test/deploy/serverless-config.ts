/**
 * Reads a serverless config the way the framework would with a given environment: YAML, then the
 * variable forms these configs use (`${env:X, 'fallback'}`, `${opt:…}`, `${self:a.b}`, `${sls:stage}`).
 * Anything else is an error, so a config cannot sneak in a source the tests do not understand.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(import.meta.dirname, '..', '..');
const VARIABLE = /\$\{([^{}]+)\}/;

export interface Loaded {
  raw: Record<string, unknown>;
  resolved: Record<string, unknown>;
}

export function loadServerlessConfig(file: string, env: Record<string, string> = {}): Loaded {
  const raw = parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;
  const resolved = resolveTree(raw, raw, env) as Record<string, unknown>;
  return { raw, resolved };
}

function resolveTree(node: unknown, root: Record<string, unknown>, env: Record<string, string>): unknown {
  if (typeof node === 'string') return resolveString(node, root, env);
  if (Array.isArray(node)) return node.map((item) => resolveTree(item, root, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveTree(value, root, env)]));
  }
  return node;
}

function resolveString(text: string, root: Record<string, unknown>, env: Record<string, string>): unknown {
  let current = text;
  for (let match = VARIABLE.exec(current); match; match = VARIABLE.exec(current)) {
    const value = resolveVariable(match[1] ?? '', root, env);
    // A variable that is the whole string keeps its type (the framework does the same).
    if (match[0] === current) return resolveTree(value, root, env);
    current = current.replace(match[0], String(value));
  }
  return current;
}

function resolveVariable(expression: string, root: Record<string, unknown>, env: Record<string, string>): unknown {
  for (const candidate of expression.split(',').map((part) => part.trim())) {
    const literal = /^'(.*)'$/.exec(candidate);
    if (literal) return literal[1];
    const [source, address = ''] = candidate.split(/:(.*)/s);
    if (source === 'env' && env[address] !== undefined) return env[address];
    if (source === 'opt') continue; // no CLI options in tests: the fallback applies
    if (source === 'self') return lookup(root, address);
    if (source === 'sls' && address === 'stage') return env.STAGE ?? 'prod';
    if (source !== 'env') throw new Error(`unsupported variable source in \${${expression}}`);
  }
  throw new Error(`\${${expression}} has no value and no fallback`);
}

function lookup(root: Record<string, unknown>, path: string): unknown {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
  if (value === undefined) throw new Error(`\${self:${path}} is not defined`);
  return value;
}

/** `index.handler` → the export `handler` of `<bundleDir>/index.js`, loaded as the platform would. */
export function resolveHandler(bundleDir: string, handler: string): unknown {
  const dot = handler.lastIndexOf('.');
  const file = join(ROOT, bundleDir, `${handler.slice(0, dot)}.js`);
  const exports = createRequire(import.meta.url)(file) as Record<string, unknown>;
  return exports[handler.slice(dot + 1)];
}
