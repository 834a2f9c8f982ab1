/*
 * One size budget for everything the action writes for people to read on GitHub. A step summary
 * above 1 MiB is dropped whole (not truncated), and a comment above 65,536 characters is refused. A
 * text is a list of sections; when it does not fit, sections shrink one at a time in a fixed order
 * (the least needed first), each to the most it can keep, and every shrunk section says what it cut.
 */

/** GitHub's limit on one step's summary: 1 MiB. */
export const GITHUB_SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** GitHub's limit on an issue or pull-request comment body: 65,536 characters. */
export const GITHUB_COMMENT_LIMIT_CHARS = 65_536;

/**
 * What the summary renderers aim for: 64 KiB below GitHub's limit, so a line added by main and
 * multi-byte characters never tip it over.
 */
export const DEFAULT_SUMMARY_MAX_BYTES = GITHUB_SUMMARY_LIMIT_BYTES - 64 * 1024;
/** What the comment renderer aims for: room for the sticky marker and a note. */
export const DEFAULT_COMMENT_MAX_CHARS = GITHUB_COMMENT_LIMIT_CHARS - 1024;

/** How a text is measured against its limit. */
export interface Budget {
  max: number;
  measure(text: string): number;
}

export function summaryBudget(maxBytes = DEFAULT_SUMMARY_MAX_BYTES): Budget {
  return { max: maxBytes, measure: (text) => Buffer.byteLength(text, 'utf8') };
}

/** Characters as JavaScript counts them (UTF-16 units): never fewer than GitHub counts. */
export function commentBudget(maxChars = DEFAULT_COMMENT_MAX_CHARS): Budget {
  return { max: maxChars, measure: (text) => text.length };
}

export function fitsBudget(text: string, budget: Budget): boolean {
  return budget.measure(text) <= budget.max;
}

/**
 * A part of a text that can show less. `render(Infinity)` is the whole section; `render(n)` keeps n
 * items (rows, bars, list entries) and says how many it left out; `render(0)` is its smallest form,
 * a note or ''. `items` is the largest n worth trying.
 */
export interface Section {
  render(limit: number): string;
  items: number;
}

/** A section that never shrinks (headline, verdict). */
export function fixed(text: string): Section {
  return { render: () => text, items: 0 };
}

const SEPARATOR = '\n\n';

/**
 * Joins the sections (blank line between, '' ones left out) so that the whole fits `budget`, or
 * undefined when even every shrinkable section at its smallest does not fit. `shrinkOrder` lists the
 * indices of the sections allowed to shrink, the first to shrink first: a section shrinks only once
 * every section before it in the order is at its smallest. Room left once the text fits goes back to
 * the shrunk sections, the last in the order (the most needed) first.
 */
export function fitSections(
  sections: readonly Section[],
  shrinkOrder: readonly number[],
  budget: Budget,
): string | undefined {
  const separator = budget.measure(SEPARATOR);
  const texts = sections.map((s) => s.render(Number.POSITIVE_INFINITY));
  const sizes = texts.map((t) => budget.measure(t));
  const fits = () =>
    texts.reduce((n, t, i) => (t === '' ? n : n + (sizes[i] ?? 0) + separator), 0) <= budget.max;
  const set = (index: number, limit: number) => {
    texts[index] = sections[index]?.render(limit) ?? '';
    sizes[index] = budget.measure(texts[index] ?? '');
  };
  /** The largest limit in [lo, hi] that fits with the others as they stand (renders this section only). */
  const largest = (index: number, lo: number, hi: number): number | undefined => {
    let best: number | undefined;
    while (lo <= hi) {
      const limit = Math.floor((lo + hi) / 2);
      set(index, limit);
      if (fits()) {
        best = limit;
        lo = limit + 1;
      } else {
        hi = limit - 1;
      }
    }
    return best;
  };

  const limits = new Map<number, number>();
  for (const index of shrinkOrder) {
    if (fits()) break;
    const items = sections[index]?.items ?? 0;
    const best = largest(index, 0, items);
    limits.set(index, best ?? 0);
    set(index, best ?? 0);
  }
  if (!fits()) return undefined;
  for (const [index, limit] of [...limits].reverse()) {
    set(index, Number.POSITIVE_INFINITY);
    if (fits()) continue;
    set(index, largest(index, limit, sections[index]?.items ?? 0) ?? limit);
  }
  return join(texts);
}

function join(texts: readonly string[]): string {
  return `${texts.filter((t) => t !== '').join(SEPARATOR)}\n`;
}

/** The longest start of a text that fits the budget, cut at a character boundary. */
export function cutToBudget(text: string, budget: Budget): string {
  if (fitsBudget(text, budget)) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (budget.measure(text.slice(0, mid)) <= budget.max) lo = mid;
    else hi = mid - 1;
  }
  // A cut between the halves of a surrogate pair would leave half a character.
  const cut = text.slice(0, lo);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
