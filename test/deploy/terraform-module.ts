/**
 * Reads a Terraform module the way Terraform's own parser does: every `.tf` file of a folder goes
 * through @cdktn/hcl2json (HashiCorp's hcl/v2 compiled to WebAssembly), and the files are merged into
 * one view of the module. Expressions stay as their source text (`${var.x}`); literals keep their type.
 *
 * Why this parser: it is HashiCorp's own HCL implementation (via tmccombs/hcl2json), so what parses
 * here parses in Terraform; it ships its wasm inside the npm package (works offline after `npm ci`),
 * parses a module in well under a second, and also lists the references of an expression. It is the
 * maintained continuation (CDK Terrain, open-constructs) of HashiCorp's @cdktf/hcl2json, whose
 * project HashiCorp archived in December 2025. Dev-only: nothing of it reaches the bundles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getReferencesInExpression, parse } from '@cdktn/hcl2json';

export type Body = Record<string, unknown>;
export interface Block {
  file: string;
  address: string;
  body: Body;
}
export interface TerraformModule {
  resources: Map<string, Block & { type: string; name: string }>;
  data: Map<string, Block & { type: string; name: string }>;
  variables: Map<string, Block>;
  outputs: Map<string, Block>;
  locals: Map<string, { file: string; value: unknown }>;
  /** The `terraform {}` settings blocks. */
  settings: Body[];
  /** Top-level block kinds per file, to catch a misspelled `resource` or `variable`. */
  topLevel: { file: string; kind: string }[];
}

/** Parses `{ "main.tf": "…" }` into one module; a syntax error rejects with the file and position. */
export async function parseModule(files: Record<string, string>): Promise<TerraformModule> {
  const module: TerraformModule = {
    resources: new Map(),
    data: new Map(),
    variables: new Map(),
    outputs: new Map(),
    locals: new Map(),
    settings: [],
    topLevel: [],
  };
  for (const [file, text] of Object.entries(files)) {
    const json = (await parse(file, text)) as Record<string, unknown>;
    for (const [kind, value] of Object.entries(json)) {
      module.topLevel.push({ file, kind });
      if (kind === 'resource' || kind === 'data') addTyped(module[kind === 'resource' ? 'resources' : 'data'], file, kind, value);
      if (kind === 'variable' || kind === 'output') addNamed(module[kind === 'variable' ? 'variables' : 'outputs'], file, kind, value);
      if (kind === 'terraform') module.settings.push(...(value as Body[]));
      if (kind === 'locals')
        for (const body of value as Body[]) for (const [name, v] of Object.entries(body)) module.locals.set(name, { file, value: v });
    }
  }
  return module;
}

/** Parses every `.tf` file of a folder. */
export function loadModule(dir: string): Promise<TerraformModule> {
  const names = readdirSync(dir).filter((name) => name.endsWith('.tf'));
  return parseModule(Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')])));
}

/**
 * The body of a resource (or `data.` source) of a module; throws naming the address when it is not declared.
 * @example resourceBody(module, 'huaweicloud_fgs_function.softbus_sync').runtime // 'Node.js20.15'
 */
export function resourceBody(module: TerraformModule, address: string): Body {
  const found = module.resources.get(address);
  if (!found) throw new Error(`${address} is not declared`);
  return found.body;
}

function addTyped(into: TerraformModule['resources'], file: string, kind: string, value: unknown) {
  for (const [type, byName] of Object.entries(value as Record<string, Record<string, Body[]>>)) {
    for (const [name, bodies] of Object.entries(byName)) {
      const address = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
      if (into.has(address) || bodies.length !== 1) throw new Error(`${file}: ${address} is declared more than once`);
      into.set(address, { file, address, type, name, body: bodies[0] as Body });
    }
  }
}

function addNamed(into: Map<string, Block>, file: string, kind: string, value: unknown) {
  for (const [name, bodies] of Object.entries(value as Record<string, Body[]>)) {
    if (into.has(name) || bodies.length !== 1) throw new Error(`${file}: ${kind} "${name}" is declared more than once`);
    into.set(name, { file, address: `${kind}.${name}`, body: bodies[0] as Body });
  }
}

/** True when a value is an expression (or a template) rather than a literal. */
export const isExpression = (value: unknown): value is string => typeof value === 'string' && value.includes('${');

/** Every reference (`var.x`, `local.y`, `huaweicloud_a.b.id`, `data.t.n.attr`) inside any expression of a value. */
export async function referencesIn(value: unknown): Promise<string[]> {
  if (isExpression(value)) return (await getReferencesInExpression('module.tf', value)).map((reference) => reference.value);
  if (Array.isArray(value)) return (await Promise.all(value.map(referencesIn))).flat();
  if (value && typeof value === 'object') return (await Promise.all(Object.values(value).map(referencesIn))).flat();
  return [];
}

/** The one `var.NAME` an expression such as `${var.x}` or `${tostring(var.x)}` reads (maybe twice), else undefined. */
export async function soleVariable(value: unknown): Promise<string | undefined> {
  const references = [...new Set(await referencesIn(value))];
  return references.length === 1 && references[0]?.startsWith('var.') ? references[0].slice(4) : undefined;
}

/** The source text hcl2json gives an expression: `expr('var.x')` is `${var.x}`. */
export const expr = (source: string): string => `\${${source}}`;
