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

/** What SSM keeps of a check's output in the evidence: at most this many bytes (UTF-8). */
export const OUTPUT_EXCERPT_BYTES = 2048;

// ANSI/VT escape sequences (colours, cursor moves, OSC titles), then any other control character but
// tab and line breaks: a terminal's markup means nothing in a report and can hide text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal control sequences is the point
const ANSI_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Access key ids and long runs of token characters (secret keys, session tokens, signatures). */
const SECRET_LIKE = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b|[A-Za-z0-9+/=_-]{40,}/g;

/**
 * The first OUTPUT_EXCERPT_BYTES of a command's output for report.json: control sequences removed,
 * anything credential-like redacted, cut on a character boundary. Renderers still escape it for HTML
 * and the log still neutralises workflow commands: this is text, not markup.
 */
export function commandOutputExcerpt(output: string, maxBytes = OUTPUT_EXCERPT_BYTES): string {
  // Cut the raw text early so a 1 MB output costs no more than a small one.
  const clean = output
    .slice(0, maxBytes * 4)
    .replace(ANSI_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(SECRET_LIKE, '[redacted]');
  const bytes = Buffer.from(clean, 'utf8');
  if (bytes.length <= maxBytes) return clean;
  // Decoding a cut buffer may end in half a character: drop the replacement character it leaves.
  return bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}
