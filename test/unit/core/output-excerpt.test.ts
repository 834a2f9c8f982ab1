import { describe, expect, it } from 'vitest';
import { commandOutputExcerpt, OUTPUT_EXCERPT_BYTES } from '../../../src/core/escape.js';

describe('commandOutputExcerpt', () => {
  it('removes colour and cursor sequences and other control characters, keeps lines and tabs', () => {
    expect(commandOutputExcerpt('\u001b[1;31mred\u001b[0m\tok\r\n\u0007bell\u001b]0;title\u0007\n')).toBe(
      'red\tok\r\nbell\n',
    );
  });

  it('redacts access keys and long token-like runs', () => {
    const out = commandOutputExcerpt(`key AKIAABCDEFGHIJKLMNOP token ${'a'.repeat(60)} short abc123`);
    expect(out).toBe('key [redacted] token [redacted] short abc123');
  });

  it('keeps at most 2 KB of a 1 MB output, cut on a character boundary', () => {
    expect(Buffer.byteLength(commandOutputExcerpt('x '.repeat(512 * 1024)))).toBe(OUTPUT_EXCERPT_BYTES);
    const euros = commandOutputExcerpt('€'.repeat(5000));
    expect(Buffer.byteLength(euros)).toBeLessThanOrEqual(OUTPUT_EXCERPT_BYTES);
    expect(euros).toMatch(/^€+$/);
  });

  it('leaves HTML and workflow-command text as text: escaping is the renderers’ and the log’s job', () => {
    expect(commandOutputExcerpt('<b>x</b>\n::error::y')).toBe('<b>x</b>\n::error::y');
  });
});
