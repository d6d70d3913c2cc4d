import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../../src/cli/format/diagnostics.js';
import { quote, toJson } from '../../../src/cli/format/quote.js';

const RAW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('quote: values from files never act on the terminal', () => {
  it.each([
    ['an OSC window title', 'Launch \u001b]0;pwned\u0007 review', 'Launch \\x1b]0;pwned\\x07 review'],
    ['a colour change', '\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['a forged diagnostic line', 'ok\nstories/evil.md:1:1: error: forged', 'ok\\nstories/evil.md:1:1: error: forged'],
    ['a carriage return that overwrites the line', 'safe\rstories/x.md: error: gone', 'safe\\rstories/x.md: error: gone'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['C1 CSI (U+009B) and NEL (U+0085)', 'x\u009b2Jy\u0085z', 'x\\x9b2Jy\\x85z'],
    ['DEL and a backspace', 'ab\u0008\u007fc', 'ab\\x08\\x7fc'],
    ['right-to-left override', 'invoice\u202egnp.exe', 'invoice\\u202egnp.exe'],
    ['the line separator', 'one\u2028two', 'one\\u2028two'],
  ])('%s', (_what, raw, quoted) => {
    expect(quote(raw)).toBe(quoted);
    expect(quote(raw)).not.toMatch(RAW);
  });

  it('leaves ordinary text alone: accents, emoji, right-to-left scripts', () => {
    for (const text of ['Café 🚀 שלום مرحبا', 'p99 from 900 ms to 300 ms', '"quoted" and \\ backslash']) expect(quote(text)).toBe(text);
  });

  it('toJson stays valid JSON, gives the same values back, and carries no raw control character', () => {
    const value = [{ title: 'T\u001b]0;x\u0007 \u009b \u0085 \u2028 \u202e \u007f\nend', file: 'stories/a\nb.md' }];
    const json = toJson(value);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('diagnostics quote their file and message, and the caret still points at the column', () => {
    const out = formatDiagnostics(
      [{ file: 'stories/e\u001b[2Jvil.md', line: 2, column: 9, severity: 'warning', rule: 'unknown-question', message: 'unknown question id "x\nstories/a.md:1:1: error: forged"' }],
      { color: true, sourceLine: () => 'q: [\u001b\u001b, x]' },
    );
    expect(out).not.toContain('\u001b[2J');
    expect(out).toContain('e\\x1b[2Jvil.md');
    expect(out.split('\n').filter((l) => l.startsWith('stories/a.md'))).toEqual([]);
    const [, source, caret] = out.split('\n');
    // (color: the gutter is dimmed; strip our own SGR codes to compare columns)
    const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain(source!)).toBe('   2 | q: [\\x1b\\x1b, x]');
    expect(plain(caret!).indexOf('^')).toBe(plain(source!).indexOf('x]'));
  });
});
