/*
 * Diagnostics end up in annotations, the job summary and PR comments, which people other than the
 * plan's author read. They repeat at most the offending token of the file, and only a short piece of
 * it: enough to recognise a typo, too little to carry a file's secrets along.
 */

/** The longest piece of a plan file a diagnostic repeats. */
export const MAX_QUOTED_CHARS = 80;

/** A whole diagnostic message is never longer than this, whatever it quotes. */
export const MAX_MESSAGE_CHARS = 400;

/** Cuts to `max` characters (an ellipsis included), never in the middle of a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A value from the plan file as a diagnostic shows it: JSON-quoted (so control characters and line
 * breaks are escaped), cut to MAX_QUOTED_CHARS.
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(cutText(value, MAX_QUOTED_CHARS));
  return cutText(JSON.stringify(value) ?? String(value), MAX_QUOTED_CHARS);
}

const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * For messages written by others (the YAML parser) that quote the file, JSON-quoted or not: every
 * quoted token is cut to MAX_QUOTED_CHARS, and the message to its fixed text plus one such token.
 */
export function capQuotes(message: string): string {
  const capped = message.replace(QUOTED, (q) =>
    q.length > MAX_QUOTED_CHARS + 2 ? `"${cutText(q.slice(1, -1), MAX_QUOTED_CHARS)}"` : q,
  );
  return cutText(capped, 2 * MAX_QUOTED_CHARS);
}
