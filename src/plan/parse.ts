import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Node as YamlNode,
} from 'yaml';
import { capQuotes, cutText, MAX_QUOTED_CHARS, quote } from './quote.js';
import type { Diagnostic } from './types.js';

/**
 * The plan document as a small tree of our own: every node and every map key carries its
 * 1-based line and column, aliases are already expanded, and nothing in it can reach
 * `Object.prototype` (keys are kept in arrays, not objects).
 */
export type PNode = PMap | PSeq | PScalar;
export type ScalarValue = string | number | boolean | null;

interface At {
  line: number;
  col: number;
}
export interface PEntry extends At {
  key: string;
  value: PNode;
}
export interface PMap extends At {
  kind: 'map';
  entries: PEntry[];
}
export interface PSeq extends At {
  kind: 'seq';
  items: PNode[];
}
export interface PScalar extends At {
  kind: 'scalar';
  value: ScalarValue;
}

export interface ParseResult {
  root?: PNode;
  diagnostics: Diagnostic[];
}

/** Keys that could reach an object's prototype if a consumer ever copied the tree naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A plan legitimately aliases a template a few dozen times; an alias bomb needs thousands. */
export const MAX_ALIAS_EXPANSIONS = 1000;
/** Upper bound on nodes built, so aliases (or anything else) cannot make the tree explode. */
export const MAX_NODES = 500_000;
/** A plan nests about six levels; far deeper is hostile and would only exhaust the stack. */
export const MAX_DEPTH = 64;

type PathSeg = string | number;

/** `waves[1].dependsOn[0]` from `['waves', 1, 'dependsOn', 0]`. */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = cutText(seg, MAX_QUOTED_CHARS);
      out += out === '' ? key : `.${key}`;
    }
  }
  return out;
}

/** A message prefixed with its document path, the way every plan diagnostic reads. */
export function atPath(path: readonly PathSeg[], message: string): string {
  const p = formatPath(path);
  return p === '' ? message : `${p}: ${message}`;
}

export function getEntry(node: PNode | undefined, key: string): PEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((e) => e.key === key);
}

export function get(node: PNode | undefined, key: string): PNode | undefined {
  return getEntry(node, key)?.value;
}

/** The node at a path, or the deepest existing ancestor (so a position is always available). */
export function nodeAt(root: PNode, path: readonly PathSeg[]): PNode {
  let cur: PNode = root;
  for (const seg of path) {
    const next: PNode | undefined =
      typeof seg === 'number' ? (cur.kind === 'seq' ? cur.items[seg] : undefined) : get(cur, seg);
    if (!next) return cur;
    cur = next;
  }
  return cur;
}

/** Plain JS value of the tree (null-prototype objects), for the JSON Schema validator. */
export function toPlain(node: PNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const obj: Record<string, unknown> = Object.create(null);
  for (const e of node.entries) obj[e.key] = toPlain(e.value);
  return obj;
}

/** The first line of a yaml library message, without its own "at line x, column y" suffix. */
function cleanYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return capQuotes(first.replace(/ at line \d+, column \d+:?\s*$/, '').trim());
}

class TreeBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private aliasExpansions = 0;
  private nodes = 0;
  private aborted = false;
  private readonly anchors = new Map<string, { offset: number; node: YamlNode }[]>();

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
    doc: Document.Parsed,
  ) {
    visit(doc, {
      Node: (_key, n) => {
        if (n.anchor && n.range) {
          const list = this.anchors.get(n.anchor) ?? [];
          list.push({ offset: n.range[0], node: n });
          this.anchors.set(n.anchor, list);
        }
      },
    });
  }

  pos(offset: number | undefined): At {
    const p = this.lines.linePos(offset ?? 0);
    return { line: p.line, col: p.col };
  }

  error(at: At, path: readonly PathSeg[], message: string): void {
    this.diagnostics.push({
      file: this.file,
      line: at.line,
      col: at.col,
      severity: 'error',
      path: formatPath(path),
      message: atPath(path, message),
    });
  }

  /** The anchored node an alias refers to: the last anchor of that name before the alias. */
  private resolveAlias(name: string, offset: number): YamlNode | undefined {
    const list = this.anchors.get(name) ?? [];
    let found: YamlNode | undefined;
    for (const a of list) if (a.offset < offset) found = a.node;
    return found;
  }

  build(n: unknown, path: PathSeg[], stack: Set<unknown>): PNode | undefined {
    if (this.aborted) return undefined;
    const offset = (n as YamlNode | null)?.range?.[0];
    const at = this.pos(offset);
    if (path.length > MAX_DEPTH) {
      this.aborted = true;
      this.error(at, path.slice(0, 8), `nesting is too deep (more than ${MAX_DEPTH} levels)`);
      return undefined;
    }
    if (++this.nodes > MAX_NODES) {
      this.aborted = true;
      this.error(at, path, `document is too large (more than ${MAX_NODES} YAML nodes)`);
      return undefined;
    }
    if (isAlias(n)) {
      if (++this.aliasExpansions > MAX_ALIAS_EXPANSIONS) {
        this.aborted = true;
        this.error(
          at,
          path,
          `too many alias expansions (more than ${MAX_ALIAS_EXPANSIONS}); refusing to expand`,
        );
        return undefined;
      }
      const target = this.resolveAlias(n.source, offset ?? 0);
      if (!target) {
        this.error(at, path, `unknown alias ${quote(`*${n.source}`)}`);
        return undefined;
      }
      if (stack.has(target)) {
        this.error(at, path, `alias ${quote(`*${n.source}`)} refers to a node that contains it`);
        return undefined;
      }
      return this.build(target, path, stack);
    }
    if (isScalar(n)) {
      const v = n.value;
      if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') {
        return { kind: 'scalar', value: v, ...at };
      }
      this.error(at, path, `unsupported YAML value (${typeof v})`);
      return undefined;
    }
    if (isSeq(n)) {
      stack.add(n);
      const items: PNode[] = [];
      n.items.forEach((item, i) => {
        const child =
          item === null
            ? { kind: 'scalar' as const, value: null, ...at }
            : this.build(item, [...path, i], stack);
        if (child) items.push(child);
      });
      stack.delete(n);
      return { kind: 'seq', items, ...at };
    }
    if (isMap(n)) return this.buildMap(n, at, path, stack);
    if (n === null || n === undefined) return { kind: 'scalar', value: null, ...at };
    this.error(at, path, 'unsupported YAML node');
    return undefined;
  }

  private buildMap(
    n: YamlNode & { items: { key: unknown; value: unknown }[] },
    at: At,
    path: PathSeg[],
    stack: Set<unknown>,
  ): PMap {
    stack.add(n);
    const entries: PEntry[] = [];
    const seen = new Map<string, At>();
    for (const pair of n.items) {
      const keyNode = pair.key as YamlNode | null;
      const keyAt = keyNode?.range ? this.pos(keyNode.range[0]) : at;
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.error(keyAt, path, 'map keys must be plain strings');
        continue;
      }
      const key = String(keyNode.value);
      if (FORBIDDEN_KEYS.has(key)) {
        this.error(keyAt, path, `key ${quote(key)} is not allowed`);
        continue;
      }
      const first = seen.get(key);
      if (first) {
        this.error(keyAt, [...path, key], `duplicate key ${quote(key)} (first at line ${first.line})`);
        continue;
      }
      seen.set(key, keyAt);
      const valueNode = pair.value;
      const value =
        valueNode === null || valueNode === undefined
          ? ({ kind: 'scalar', value: null, ...keyAt } as const)
          : this.build(valueNode, [...path, key], stack);
      if (value) entries.push({ key, value, ...keyAt });
    }
    stack.delete(n);
    return { kind: 'map', entries, ...at };
  }
}

/**
 * Parses YAML text into a positioned tree. Never throws: syntax errors, tags, duplicate keys,
 * several documents and alias abuse all come back as diagnostics.
 */
export function parsePlanYaml(text: string, file: string): ParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineCounter();
  const diag = (line: number, col: number, message: string): Diagnostic => ({
    file,
    line,
    col,
    severity: 'error',
    path: '',
    message,
  });
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(source, { lineCounter: lines, uniqueKeys: false, strict: true });
    docs = Array.from(parsed);
  } catch (e) {
    return { diagnostics: [diag(1, 1, `cannot parse YAML: ${e instanceof Error ? e.message : String(e)}`)] };
  }
  if (docs.length === 0) return { diagnostics: [diag(1, 1, 'the plan file is empty')] };
  const diagnostics: Diagnostic[] = [];
  const doc = docs[0]!;
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const p = problem.linePos?.[0] ?? { line: 1, col: 1 };
    const msg = cleanYamlMessage(problem.message);
    const text =
      problem.code === 'TAG_RESOLVE_FAILED' ? `${msg} (YAML tags are not supported in a plan)` : msg;
    diagnostics.push(diag(p.line, p.col, `YAML: ${text}`));
  }
  if (docs.length > 1) {
    const second = docs[1]!;
    const p = lines.linePos(second.range[0]);
    diagnostics.push(diag(p.line, p.col, 'a plan file holds one YAML document; found a second one ("---")'));
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null) return { diagnostics: [diag(1, 1, 'the plan file is empty')] };
  const builder = new TreeBuilder(file, lines, doc);
  const root = builder.build(doc.contents, [], new Set());
  if (builder.diagnostics.length > 0) return { diagnostics: builder.diagnostics };
  if (root?.kind !== 'map') {
    const at = root ?? { line: 1, col: 1 };
    return {
      diagnostics: [
        diag(at.line, at.col, 'the plan must be a YAML mapping (keys like "version", "name", "waves")'),
      ],
    };
  }
  return { root, diagnostics: [] };
}
