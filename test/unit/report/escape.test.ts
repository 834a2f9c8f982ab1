import { describe, expect, it } from 'vitest';
import { escapeCell, escapeHtml, mermaidLabel, truncateText } from '../../../src/core/escape.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes an ampersand only once, so entities in the input stay visible as text', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('renders missing values as empty text', () => {
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('escapeCell', () => {
  it('neutralises script tags, pipes, backticks and newlines', () => {
    const out = escapeCell('<script>alert(1)</script> | `x`\r\nnext\nline');
    expect(out).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &#124; &#96;x&#96;<br>next<br>line');
    expect(out.replaceAll('<br>', '')).not.toMatch(/[<>|`\n\r]/);
  });

  it('neutralises Markdown links, images, emphasis and headings', () => {
    expect(escapeCell('![x](http://e) [y](javascript:1) *a* _b_ ~c~ #h \\')).toBe(
      '&#33;&#91;x&#93;(http://e) &#91;y&#93;(javascript:1) &#42;a&#42; &#95;b&#95; &#126;c&#126; &#35;h &#92;',
    );
  });

  it('leaves ordinary DRS values readable', () => {
    expect(escapeCell('db-01.corp.example')).toBe('db-01.corp.example');
    expect(escapeCell('s-1111111111111111a')).toBe('s-1111111111111111a');
  });
});

describe('mermaidLabel', () => {
  it('removes what mermaid would parse: colon, semicolon, hash, HTML, newlines', () => {
    expect(mermaidLabel('db:01;#x <b>\n"q"')).toBe('db 01 x b q');
  });

  it('never returns an empty label and cuts long ones', () => {
    expect(mermaidLabel(':::')).toBe('unnamed');
    expect(mermaidLabel('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});

describe('truncateText', () => {
  it('cuts with a note only when too long', () => {
    expect(truncateText('short', 10)).toBe('short');
    expect(truncateText('0123456789ab', 10)).toBe('0123456789 … (cut; full text in report.json)');
  });
});
