/*
 * Values from AWS (hostnames, tags, DRS error text) and from users (plan names, wave names) end up in
 * a job summary that GitHub renders as Markdown with raw HTML. Every such value passes through one of
 * these functions before it is placed in a string.
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** For text inside HTML elements (`<pre>`, `<code>`, `<summary>`) where Markdown is not parsed. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

// Markdown syntax characters as numeric references: CommonMark treats a character reference as
// literal text, so a hostile value can neither end a table cell nor become a link, emphasis or code.
const MARKDOWN_ENTITIES: Record<string, string> = {
  ...HTML_ENTITIES,
  '|': '&#124;',
  '`': '&#96;',
  '\\': '&#92;',
  '[': '&#91;',
  ']': '&#93;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '#': '&#35;',
  '!': '&#33;',
};

/**
 * For Markdown text: table cells, list items, headings. Escapes HTML and Markdown syntax, and turns
 * line breaks into `<br>` because a raw newline would end the table row or the list item.
 */
export function escapeCell(value: unknown): string {
  return String(value ?? '')
    .replace(/[&<>"'|`\\[\]*_~#!]/g, (c) => MARKDOWN_ENTITIES[c] ?? c)
    .replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * For a mermaid gantt label: mermaid splits tasks on `:` and `;`, treats `#` as an entity start and
 * has no escape syntax, so anything beyond a plain-name alphabet is replaced by a space.
 */
export function mermaidLabel(value: unknown, maxLength = 60): string {
  const cleaned = String(value ?? '')
    .replace(/[^A-Za-z0-9 ._()/+=@-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1).trimEnd()}…` : cleaned;
  return cut === '' ? 'unnamed' : cut;
}

/** Cuts long text (DRS rawError may be 64 KiB) to `max` characters, saying that it did. */
export function truncateText(
  value: string,
  max: number,
  note = ' … (cut; full text in report.json)',
): string {
  if (value.length <= max) return value;
  return `${value.slice(0, Math.max(0, max))}${note}`;
}

/*
 * The runner reads every line a step prints for workflow commands: `::name …::` at the start of a
 * line (after whitespace), and the legacy `##[name]` anywhere in it. A hostname or a DRS rawError
 * holding "\n::add-mask::…" or "##[stop-commands]…" would otherwise be obeyed, and stop-commands
 * turns off every later mask, refreshed credentials included.
 */
const LINE_BREAK = /\r\n|\r|\n/;
const COMMAND_AT_START = /^(\s*):(?=:)/;
const LEGACY_COMMAND = /##\[/g;

/**
 * Text for the log that the runner cannot take for a workflow command: each line (CR, LF and CRLF all
 * break lines for the runner) keeps its text, with a leading `::` printed as `: :` and `##[` as `## [`.
 * Lines are joined with LF, so a multi-line message still reads as several lines.
 */
export function neutraliseLog(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => line.replace(COMMAND_AT_START, '$1: ').replace(LEGACY_COMMAND, '## ['))
    .join('\n');
}
