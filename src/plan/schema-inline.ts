/**
 * The plan schema with every local `$ref` replaced by a copy of what it names, and where each copy
 * came from. Ajv reports an error's `schemaPath` relative to the function it compiled a `$ref` into,
 * so "#/properties/name/pattern" could be the plan's name or a wave's. Compiled from the inlined
 * schema, every `schemaPath` is absolute, and `schemaOrigin` turns it back into the pointer of the
 * schema as written (`/$defs/wave/properties/name`), which is what the friendly messages are keyed by.
 * Used at build time (scripts/gen-validators.ts) and, for `schemaOrigin`, when a plan has errors.
 */

type Json = unknown;
type Node = Record<string, Json>;

/** Keywords whose value is one subschema, a map of them, or a list of them (JSON Schema 2020-12). */
const ONE = new Set([
  'items',
  'not',
  'if',
  'then',
  'else',
  'additionalProperties',
  'propertyNames',
  'contains',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const MAP = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs']);
const LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Annotations no validation reads: left out of the compiled copy so the generated code stays small. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', '$comment', 'markdownDescription']);

export interface InlinedSchema {
  schema: Node;
  /** Pointer in the inlined schema of each former `$ref` → the pointer it named ("/$defs/wave"). */
  sites: Map<string, string>;
}

const isNode = (v: Json): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

function at(root: Node, pointer: string): Node {
  let cur: Json = root;
  for (const seg of pointer.split('/').slice(1))
    cur = isNode(cur) ? cur[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  if (!isNode(cur)) throw new Error(`$ref "#${pointer}" names nothing in the schema`);
  return cur;
}

/** The inlined copy of `root` (without `$defs` and annotations); throws on a `$ref` cycle or a non-local `$ref`. */
export function inlineRefs(root: Node): InlinedSchema {
  const sites = new Map<string, string>();
  const walk = (node: Node, path: string, through: readonly string[]): Node => {
    let own = node;
    let via = through;
    while (typeof own.$ref === 'string') {
      const ref = own.$ref;
      if (!ref.startsWith('#/') && ref !== '#')
        throw new Error(`only local $refs can be inlined, not "${ref}"`);
      const target = ref.slice(1);
      if (via.includes(target)) throw new Error(`$ref cycle through "#${target}": cannot inline it`);
      via = [...via, target];
      sites.set(path, target);
      const { $ref: _, ...siblings } = own;
      own = { ...at(root, target), ...siblings };
    }
    const out: Node = {};
    for (const [k, v] of Object.entries(own)) {
      if (ANNOTATIONS.has(k) || (k === '$defs' && path === '')) continue;
      if (ONE.has(k) && isNode(v)) out[k] = walk(v, `${path}/${k}`, via);
      else if (MAP.has(k) && isNode(v))
        out[k] = Object.fromEntries(
          Object.entries(v).map(([name, s]) => [
            name,
            isNode(s) ? walk(s, `${path}/${k}/${escapePointer(name)}`, via) : s,
          ]),
        );
      else if (LIST.has(k) && Array.isArray(v))
        out[k] = v.map((s, i) => (isNode(s) ? walk(s, `${path}/${k}/${i}`, via) : s));
      else out[k] = v;
    }
    return out;
  };
  return { schema: walk(root, '', []), sites };
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The pointer, in the schema as written, of the schema node that holds the failing keyword of an
 * error from the inlined schema: "#/properties/waves/items/properties/name/pattern" →
 * "/$defs/wave/properties/name".
 */
export function schemaOrigin(sites: ReadonlyMap<string, string>, schemaPath: string): string {
  const parts = schemaPath.replace(/^#/, '').split('/').slice(1, -1);
  for (let n = parts.length; n > 0; n--) {
    const prefix = `/${parts.slice(0, n).join('/')}`;
    const target = sites.get(prefix);
    if (target !== undefined) return [target, ...parts.slice(n)].join('/');
  }
  return parts.length === 0 ? '' : `/${parts.join('/')}`;
}
