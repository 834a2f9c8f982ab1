import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import { atPath, formatPath, getEntry, nodeAt, type PNode, toPlain } from './parse.js';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';
import type { Diagnostic } from './types.js';

type PathSeg = string | number;

// ajv is CommonJS: under NodeNext its default export arrives as `.default` of the module object.
const Ajv2020 = Ajv2020Module.default;

let compiled: ValidateFunction | undefined;

/** Compiled once, on first use: compiling costs more than validating a large plan. */
function validator(): ValidateFunction {
  if (!compiled) {
    // strictRequired is off because the selector's oneOf lists `required` without repeating `properties`.
    const ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
    });
    compiled = ajv.compile(planSchema);
  }
  return compiled;
}

/**
 * Help for failures, keyed by JSON pointer of the schema node that failed. Ajv reports schema paths
 * relative to whichever function it compiled a `$ref` into, so errors are matched by the identity of
 * their `parentSchema` instead, through `schemaAt`.
 */
const PATTERN_HELP: Record<string, string> = {
  '/properties/name':
    'is not a valid plan name: use lowercase letters, digits and dashes, up to 63 characters, starting with a letter or digit',
  '/properties/region': 'is not an AWS region name (like us-east-1)',
  '/properties/accountId': 'is not an AWS account id (12 digits, quoted)',
  '/$defs/sourceServerId': 'is not a DRS source server id (s- followed by 17 letters or digits)',
  '/$defs/snapshotId': 'is not a DRS point-in-time snapshot id (pit- followed by 17 letters or digits)',
  '/$defs/template/properties/subnetId': 'is not a subnet id (subnet- followed by 8 or 17 hex digits)',
  '/$defs/template/properties/securityGroupIds/items':
    'is not a security group id (sg- followed by 8 or 17 hex digits)',
  '/$defs/template/properties/instanceType': 'is not an EC2 instance type (like m6i.large)',
  '/$defs/template/properties/instanceProfile': 'is not an instance profile name or ARN',
  '/$defs/ssmDocumentName':
    'is not an SSM document name: letters, digits, "-", "/" and ":", 3 to 128 characters (like AWSMigration-ValidateHttpResponse)',
  '/$defs/postLaunchAction/properties/name':
    'is not a DRS post-launch action name: letters, digits, spaces, "/", "_" and "-", starting with a letter or digit',
  '/$defs/check/properties/name':
    'is not a check name: letters, digits, spaces, ".", "_" and "-", up to 64 characters, starting with a letter or digit',
  '/$defs/wave/properties/name':
    'is not a valid wave name: use letters, digits, ".", "_" and "-", up to 64 characters, starting with a letter or digit',
};

const MIN_ITEMS_HELP: Record<string, string> = {
  '/properties/waves': 'a plan needs at least one wave',
  '/$defs/wave/properties/servers': 'a wave needs at least one server entry',
  '/$defs/template/properties/securityGroupIds': 'give at least one security group id, or leave the key out',
};

function schemaAt(pointer: string): unknown {
  let cur: unknown = planSchema;
  for (const seg of pointer.slice(1).split('/')) cur = (cur as Record<string, unknown> | undefined)?.[seg];
  return cur;
}

let helpBySchema: Map<unknown, { pattern?: string; minItems?: string }> | undefined;

/** The help texts above, keyed by schema object (built once). */
function helpFor(schema: unknown): { pattern?: string; minItems?: string } | undefined {
  if (!helpBySchema) {
    helpBySchema = new Map();
    for (const [p, text] of Object.entries(PATTERN_HELP)) helpBySchema.set(schemaAt(p), { pattern: text });
    for (const [p, text] of Object.entries(MIN_ITEMS_HELP)) {
      const node = schemaAt(p);
      helpBySchema.set(node, { ...helpBySchema.get(node), minItems: text });
    }
  }
  return helpBySchema.get(schema);
}

const DURATION_HELP = 'use 90s, 15m, 1h30m or a whole number of seconds';
const SELECTOR_KEYS = ['id', 'hostname', 'tags'] as const;

function typeName(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number')
    return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return `the string ${quote(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Ajv's JSON pointer as our path segments, using the tree to tell list indexes from map keys. */
function pointerToPath(root: PNode, pointer: string): PathSeg[] {
  if (pointer === '') return [];
  const path: PathSeg[] = [];
  let cur: PNode | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur?.kind === 'seq') {
      const i = Number(seg);
      path.push(i);
      cur = cur.items[i];
    } else {
      path.push(seg);
      cur = cur?.kind === 'map' ? getEntry(cur, seg)?.value : undefined;
    }
  }
  return path;
}

interface Draft {
  path: PathSeg[];
  /** Where to point: the key of an entry (`keyOf`) or the value node at `path`. */
  keyOf?: string;
  message: string;
}

function selectorMessage(data: unknown): { message: string; keyOf?: string } | undefined {
  const keys = data !== null && typeof data === 'object' ? Object.keys(data) : [];
  const present = SELECTOR_KEYS.filter((k) => keys.includes(k));
  if (present.length === 0) {
    // `hostnme: x` already reads "unknown key (did you mean "hostname"?)"; saying more is noise.
    if (keys.some((k) => didYouMean(k, SELECTOR_KEYS) !== '')) return undefined;
    return { message: 'a server entry needs one of "id", "hostname" or "tags"' };
  }
  return {
    message: `a server entry takes exactly one of "id", "hostname" or "tags"; found ${present.map((k) => `"${k}"`).join(' and ')}`,
    keyOf: present[1],
  };
}

function translate(e: ErrorObject, root: PNode): Draft | undefined {
  const path = pointerToPath(root, e.instancePath);
  const owner = e.parentSchema;
  if (owner === planSchema.$defs.duration) {
    return { path, message: `${quote(e.data)} is not a duration (${DURATION_HELP})` };
  }
  const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(parent?.properties ?? {});
      return { path, keyOf: key, message: `unknown key ${quote(key)}${didYouMean(key, known)}` };
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return { path, message: `missing required key "${key}"` };
    }
    case 'oneOf':
      if (owner === planSchema.$defs.serverEntry) {
        const s = selectorMessage(e.data);
        if (!s) return undefined;
        return s.keyOf ? { path, keyOf: s.keyOf, message: s.message } : { path, message: s.message };
      }
      return { path, message: 'does not match any allowed form' };
    case 'type': {
      const wanted = String((e.params as { type: string }).type);
      const expected = EXPECTED[wanted] ?? wanted;
      const hint =
        wanted === 'string' && (typeof e.data === 'number' || typeof e.data === 'boolean')
          ? ` (quote it: ${quote(String(e.data))})`
          : '';
      return { path, message: `must be ${expected}, not ${typeName(e.data)}${hint}` };
    }
    case 'const':
      if (owner === planSchema.properties.version) {
        return { path, message: `unsupported plan version ${quote(e.data)}; this action reads version 1` };
      }
      return { path, message: `must be ${quote((e.params as { allowedValue: unknown }).allowedValue)}` };
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const mean = typeof e.data === 'string' ? didYouMean(e.data, allowed) : '';
      return { path, message: `${quote(e.data)} is not one of ${allowed.join(', ')}${mean}` };
    }
    case 'pattern': {
      const help = helpFor(owner)?.pattern ?? `does not match ${(e.params as { pattern: string }).pattern}`;
      return { path, message: `${quote(e.data)} ${help}` };
    }
    default:
      return translateLimit(e, path, owner);
  }
}

/** The size and shape keywords (items, lengths, properties) as plan messages. */
function translateLimit(e: ErrorObject, path: Draft['path'], owner: unknown): Draft | undefined {
  switch (e.keyword) {
    case 'minItems':
      return {
        path,
        message: helpFor(owner)?.minItems ?? `needs at least ${(e.params as { limit: number }).limit} items`,
      };
    case 'maxItems':
      return { path, message: `takes at most ${(e.params as { limit: number }).limit} items` };
    case 'uniqueItems': {
      const { j } = e.params as { i: number; j: number };
      const dup = Array.isArray(e.data) ? e.data[j] : undefined;
      return { path: [...path, j], message: `${quote(dup)} is listed twice` };
    }
    case 'minProperties':
      return { path, message: 'give at least one tag' };
    case 'maxLength':
      return { path, message: `is too long (at most ${(e.params as { limit: number }).limit} characters)` };
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'propertyNames':
      return undefined; // the nested maxLength/minLength error on the name says it better
    default:
      return { path, message: e.message ?? 'is invalid' };
  }
}

/** Schema validation of the tree, as one readable diagnostic per problem at its line and column. */
export function validateAgainstSchema(root: PNode, file: string): Diagnostic[] {
  const validate = validator();
  if (validate(toPlain(root))) return [];
  const errors = validate.errors ?? [];
  // Errors inside a oneOf/anyOf explain why each branch failed: noise once the combinator is reported.
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const isBranchNoise = (e: ErrorObject): boolean =>
    combinators.some(
      (c) => e.instancePath.startsWith(c.instancePath) && e.schemaPath.startsWith(`${c.schemaPath}/`),
    );
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (isBranchNoise(e)) continue;
    const d = translate(e, root);
    if (!d) continue;
    const target = nodeAt(root, d.path);
    const entry = d.keyOf ? getEntry(target, d.keyOf) : undefined;
    const at = entry ?? target;
    const shownPath = formatPath(d.path);
    const key = `${at.line}:${at.col}:${shownPath}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      file,
      line: at.line,
      col: at.col,
      severity: 'error',
      path: shownPath,
      message: atPath(d.path, d.message),
    });
  }
  return out;
}
