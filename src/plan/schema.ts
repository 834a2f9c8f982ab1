import type { ErrorObject } from 'ajv';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import { atPath, formatPath, getEntry, nodeAt, type PNode, toPlain } from './parse.js';
import validatePlan from './plan-validate.generated.cjs';
import { quote } from './quote.js';
import { inlineRefs, schemaOrigin } from './schema-inline.js';
import { didYouMean } from './suggest.js';
import type { Diagnostic } from './types.js';

type PathSeg = string | number;

// The validator is generated at build time (scripts/gen-validators.ts: ajv standalone code compiled
// from the schema with its $refs inlined), so starting the action compiles no schema.

/** Help for failures, keyed by the JSON pointer, in plan.schema.json, of the schema node that failed. */
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
  '/$defs/drill/properties/subnetId': 'is not a subnet id (subnet- followed by 8 or 17 hex digits)',
  '/$defs/drill/properties/securityGroupIds/items':
    'is not a security group id (sg- followed by 8 or 17 hex digits)',
  '/$defs/drill/properties/instanceType': 'is not an EC2 instance type (like t3.large)',
  '/$defs/drill/properties/tags/propertyNames': 'is reserved: tag keys starting with aws: belong to AWS',
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
  '/$defs/drill/properties/securityGroupIds': 'give at least one security group id, or leave the key out',
};

let refSites: Map<string, string> | undefined;

/** The pointer in plan.schema.json of the schema node whose keyword failed (see schema-inline.ts). */
function ownerOf(e: ErrorObject): string {
  refSites ??= inlineRefs(planSchema).sites;
  return schemaOrigin(refSites, e.schemaPath);
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
  const owner = ownerOf(e);
  if (owner === '/$defs/duration') {
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
      if (owner === '/$defs/serverEntry') {
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
      if (owner === '/properties/version') {
        return { path, message: `unsupported plan version ${quote(e.data)}; this action reads version 1` };
      }
      return { path, message: `must be ${quote((e.params as { allowedValue: unknown }).allowedValue)}` };
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const mean = typeof e.data === 'string' ? didYouMean(e.data, allowed) : '';
      return { path, message: `${quote(e.data)} is not one of ${allowed.join(', ')}${mean}` };
    }
    case 'pattern': {
      const help = PATTERN_HELP[owner] ?? `does not match ${(e.params as { pattern: string }).pattern}`;
      return { path, message: `${quote(e.data)} ${help}` };
    }
    default:
      return translateLimit(e, path, owner);
  }
}

/** The size and shape keywords (items, lengths, properties) as plan messages. */
function translateLimit(e: ErrorObject, path: Draft['path'], owner: string): Draft | undefined {
  switch (e.keyword) {
    case 'minItems':
      return {
        path,
        message: MIN_ITEMS_HELP[owner] ?? `needs at least ${(e.params as { limit: number }).limit} items`,
      };
    case 'maxItems':
      return { path, message: `takes at most ${(e.params as { limit: number }).limit} items` };
    case 'uniqueItems': {
      const { j } = e.params as { i: number; j: number };
      const dup = Array.isArray(e.data) ? e.data[j] : undefined;
      return { path: [...path, j], message: `${quote(dup)} is listed twice` };
    }
    case 'minProperties':
      return {
        path,
        message:
          owner === '/$defs/drill'
            ? 'give at least one drill setting, or leave the key out'
            : 'give at least one tag',
      };
    case 'maxProperties':
      return { path, message: `takes at most ${(e.params as { limit: number }).limit} entries` };
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
  if (validatePlan(toPlain(root))) return [];
  const errors = validatePlan.errors ?? [];
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
