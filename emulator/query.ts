/** EC2 query protocol helpers: form parameters into a tree, and a tiny XML writer. */

export type QueryTree = { [key: string]: QueryTree | string };

/** `Filter.1.Value.2=x` → { Filter: { '1': { Value: { '2': 'x' } } } } */
export function parseQuery(body: string): QueryTree {
  const tree: QueryTree = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split('.');
    let node = tree;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = value;
        return;
      }
      const next = node[part];
      if (typeof next === 'object') node = next;
      else {
        const created: QueryTree = {};
        node[part] = created;
        node = created;
      }
    });
  }
  return tree;
}

/** Numbered members (`X.1`, `X.2`, ...) in index order. */
export function listOf(node: QueryTree | string | undefined): (QueryTree | string)[] {
  if (node === undefined || typeof node === 'string') return [];
  return Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k] as QueryTree | string);
}

export function strings(node: QueryTree | string | undefined): string[] {
  return listOf(node).filter((v): v is string => typeof v === 'string');
}

export function str(node: QueryTree | string | undefined): string | undefined {
  return typeof node === 'string' ? node : undefined;
}

export function sub(node: QueryTree | string | undefined, key: string): QueryTree | string | undefined {
  return typeof node === 'object' ? node[key] : undefined;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

/** Pre-rendered XML, for lists whose members are not named `item`. */
export class RawXml {
  constructor(readonly xml: string) {}
}

/** `<tag>v1</tag><tag>v2</tag>` */
export function repeated(tag: string, values: string[]): RawXml {
  return new RawXml(values.map((v) => `<${tag}>${escapeXml(v)}</${tag}>`).join(''));
}

export type XmlValue = string | number | boolean | undefined | RawXml | XmlNode | XmlValue[];
export interface XmlNode {
  [tag: string]: XmlValue;
}

/** Objects become child elements, arrays become `<item>` lists, undefined is left out. */
export function toXml(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof RawXml) return value.xml;
  if (Array.isArray(value)) return value.map((v) => `<item>${toXml(v)}</item>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([tag, v]) => `<${tag}>${toXml(v)}</${tag}>`)
      .join('');
  }
  return escapeXml(String(value));
}
