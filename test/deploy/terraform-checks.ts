/**
 * Checks a parsed Terraform module against the provider's documented schemas
 * (schemas/huaweicloud-terraform.ts) and against itself (every reference names a declaration).
 * Each check returns a list of problems, one readable line each; an empty list means the module passes.
 */
import { type Argument, type BlockSchema, HUAWEICLOUD_DATA_SOURCES, HUAWEICLOUD_RESOURCES } from './schemas/huaweicloud-terraform';
import { type Body, isExpression, referencesIn, type TerraformModule } from './terraform-module';

const TOP_LEVEL = new Set(['terraform', 'provider', 'variable', 'locals', 'resource', 'data', 'output', 'check', 'moved', 'import']);
// Terraform's meta-arguments, valid on every resource and data source.
const META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'provider']);
const META_BLOCKS = new Set(['lifecycle']);

/** Unknown block kinds, resource types, arguments and blocks; missing required arguments; literals of the wrong type or value. */
export function checkSchemas(module: TerraformModule): string[] {
  const problems = module.topLevel
    .filter(({ kind }) => !TOP_LEVEL.has(kind))
    .map(({ file, kind }) => `${file}: unknown block kind "${kind}"`);
  for (const [catalogue, blocks] of [
    [HUAWEICLOUD_RESOURCES, module.resources],
    [HUAWEICLOUD_DATA_SOURCES, module.data],
  ] as const) {
    for (const { file, address, type, body } of blocks.values()) {
      const schema = catalogue[type];
      if (!schema) problems.push(`${file}: ${address}: "${type}" is not a documented type`);
      else problems.push(...checkBlock(`${file}: ${address}`, body, schema, true));
    }
  }
  return problems;
}

function checkBlock(where: string, body: Body, schema: BlockSchema, topLevel: boolean): string[] {
  const problems: string[] = [];
  const present = new Set(Object.keys(body));
  for (const [name, value] of Object.entries(body)) {
    if (name === 'dynamic') problems.push(...checkDynamic(where, value, schema));
    else if (schema.arguments[name]) problems.push(...checkArgument(`${where}.${name}`, value, schema.arguments[name]));
    else if (schema.blocks?.[name]) problems.push(...checkNested(`${where}.${name}`, value, schema.blocks[name]));
    else if (!(topLevel && (META_ARGUMENTS.has(name) || META_BLOCKS.has(name))))
      problems.push(`${where}: unknown argument or block "${name}"`);
  }
  for (const [name, argument] of Object.entries(schema.arguments)) {
    if (argument.required && !present.has(name)) problems.push(`${where}: missing required argument "${name}"`);
  }
  for (const group of schema.exactlyOneOf ?? []) {
    const set = group.filter((name) => present.has(name));
    if (set.length !== 1) problems.push(`${where}: exactly one of ${group.join(', ')} must be set (found ${set.length})`);
  }
  return problems;
}

function checkNested(where: string, value: unknown, schema: BlockSchema & { maxItems?: number }): string[] {
  // hcl2json writes every block as an array of bodies.
  if (!Array.isArray(value) || !value.every((item) => item && typeof item === 'object' && !Array.isArray(item))) {
    return [`${where}: must be written as a block`];
  }
  const tooMany = schema.maxItems !== undefined && value.length > schema.maxItems ? [`${where}: at most ${schema.maxItems} block(s)`] : [];
  return [...tooMany, ...value.flatMap((item: Body, index) => checkBlock(`${where}[${index}]`, item, schema, false))];
}

function checkDynamic(where: string, value: unknown, schema: BlockSchema): string[] {
  return Object.entries(value as Record<string, Body[]>).flatMap(([name, generators]) => {
    const nested = schema.blocks?.[name];
    if (!nested) return [`${where}: unknown dynamic block "${name}"`];
    return generators.flatMap((generator) => checkNested(`${where}.dynamic.${name}.content`, generator.content, nested));
  });
}

function checkArgument(where: string, value: unknown, argument: Argument): string[] {
  if (isExpression(value)) return []; // known only at plan time
  const actual = Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value === 'object' ? 'map' : typeof value;
  const expected = argument.type === 'bool' ? 'boolean' : argument.type;
  if (actual !== expected) return [`${where}: expected a ${argument.type}, found ${actual}`];
  if (argument.oneOf && !argument.oneOf.includes(value as string))
    return [`${where}: ${JSON.stringify(value)} is not one of ${argument.oneOf.join(', ')}`];
  if (argument.range && ((value as number) < argument.range[0] || (value as number) > argument.range[1])) {
    return [`${where}: ${value} is outside ${argument.range[0]}-${argument.range[1]}`];
  }
  return [];
}

// Names that are not declarations of the module: Terraform's own and iterator symbols.
const BUILT_IN = /^(path|terraform|count|each|self)\./;

/** References to variables, locals, resources and data sources that the module does not declare. */
export async function checkReferences(module: TerraformModule): Promise<string[]> {
  const declared = (reference: string, iterators: Set<string>): boolean => {
    const [head = '', second = '', third = ''] = reference.split('.');
    if (BUILT_IN.test(reference) || iterators.has(head)) return true;
    if (head === 'var') return module.variables.has(second);
    if (head === 'local') return module.locals.has(second);
    if (head === 'data') return module.data.has(`data.${second}.${third}`);
    return module.resources.has(`${head}.${second}`);
  };
  const everything = [
    ...[...module.resources.values(), ...module.data.values(), ...module.outputs.values(), ...module.variables.values()].map((b) => ({
      where: `${b.file}: ${b.address}`,
      // A variable's type constraint (`string`, `list(string)`) is not a reference.
      value: b.address.startsWith('variable.') ? { ...b.body, type: undefined } : b.body,
      // Inside `dynamic "x"`, `x.value` is the iterator.
      iterators: new Set(Object.keys((b.body.dynamic as Body | undefined) ?? {})),
    })),
    ...[...module.locals].map(([name, { file, value }]) => ({ where: `${file}: local.${name}`, value, iterators: new Set<string>() })),
  ];
  const problems: string[] = [];
  for (const { where, value, iterators } of everything) {
    for (const reference of await referencesIn(value)) {
      if (!declared(reference, iterators)) problems.push(`${where}: "${reference}" is not declared in this module`);
    }
  }
  return problems;
}
