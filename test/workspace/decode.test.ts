import { storyCues } from '../../src/view/cues.js';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { decodeText, REPLACEMENT } from '../../src/workspace/decode.js';
import { memoryWorkspace, star } from '../helpers/memory.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Characters no document may carry: XML 1.0 forbids them, or they are invisible commands. */
const UNWRITABLE = ['\uFFFF', '\uFFFE', '\uFDD0', '\u{1FFFF}', '\u{10FFFE}', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009B'];

describe('decoding: characters no output can carry', () => {
  it.each(UNWRITABLE.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))('%s becomes the replacement mark, with a warning at its line and column', (name, c) => {
    const { text, diagnostics } = decodeText('stories/x.md', utf8(`---\ntitle: Rollout\n---\nWe cut the p99 from 900${c} ms to 300 ms.\n`));
    expect(text).toBe(`---\ntitle: Rollout\n---\nWe cut the p99 from 900${REPLACEMENT} ms to 300 ms.\n`);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `stories/x.md:4:24: warning: ${name} (${c.codePointAt(0)! < 0xa0 ? 'a control character' : 'a Unicode non-character'}) cannot appear in a document; it is shown as "${REPLACEMENT}"`,
    ]);
  });

  it('one warning per file, at the first, counting the rest', () => {
    const { text, diagnostics } = decodeText('stories/x.md', utf8('ok\r\nline \uFFFE two\u001b[31m red\r\nthree \uFFFF\r\n'));
    expect(text).toBe(`ok\nline ${REPLACEMENT} two${REPLACEMENT}[31m red\nthree ${REPLACEMENT}\n`);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `stories/x.md:2:6: warning: U+FFFE (a Unicode non-character) cannot appear in a document; it is shown as "${REPLACEMENT}" (and 2 more in this file)`,
    ]);
  });

  it('keeps tabs, line breaks, emoji, right-to-left text and the replacement mark itself', () => {
    const text = `tab\there\nשלום 👩‍💻 ${REPLACEMENT} \u200F3 ימים\n`;
    expect(decodeText('stories/x.md', utf8(text))).toEqual({ text, diagnostics: [] });
  });

  it('the warning reaches the workspace diagnostics, and the story keeps its text', () => {
    const ws = memoryWorkspace({ 'stories/a.md': star('title: "Billing \uFFFF rewrite"\nquestions: [failure]') });
    expect(ws.diagnostics.map(formatDiagnostic)).toContain(
      `stories/a.md:2:17: warning: U+FFFF (a Unicode non-character) cannot appear in a document; it is shown as "${REPLACEMENT}"`,
    );
    expect(ws.stories[0]!.title).toBe(`Billing ${REPLACEMENT} rewrite`);
  });
});

describe('YAML escapes make the same characters after decoding', () => {
  it('"\\x1b", "\\uFFFF" and "\\0" in front matter are replaced too, with one warning at the first value', () => {
    const ws = memoryWorkspace({
      'stories/a.md': star('title: "Launch \\x1b]0;pwned\\x07 review"\nquestions: [failure]\nmetrics: ["\\uFFFF 3 days", \'\\x1b stays\']\ncues: ["nul \\0 here"]'),
    });
    expect(ws.diagnostics.map(formatDiagnostic)).toContain(
      `stories/a.md:2:8: warning: U+001B (a control character) cannot appear in a document; it is shown as "${REPLACEMENT}" (and 3 more in this file)`,
    );
    const story = ws.stories[0]!;
    expect(story.title).toBe(`Launch ${REPLACEMENT}]0;pwned${REPLACEMENT} review`);
    // Single quotes have no escapes: '\x1b' is four characters of text.
    expect(story.metrics).toEqual([`${REPLACEMENT} 3 days`, '\\x1b stays']);
    expect(storyCues(story).map((c) => c.text)).toEqual([`nul ${REPLACEMENT} here`]);
  });
});
