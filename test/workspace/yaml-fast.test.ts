import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readPlainYaml } from '../../src/workspace/yaml-fast.js';

/** What the careful reader (the `yaml` package, YAML 1.2 core) makes of the text, or undefined when it reports a problem. */
function careful(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  return doc.errors.length || doc.warnings.length ? undefined : doc.toJS();
}

describe('readPlainYaml', () => {
  it('reads the front matter stories are written in, as the careful reader does', () => {
    const text = [
      '',
      'title: "Shipping the billing migration, at last"',
      'kind: star',
      'questions: [tight-deadline, "failure", conflict-teammate]',
      '# a comment',
      'competencies:',
      '  - delivery',
      '  - ownership   # the big one',
      'year: 2023',
      'metrics: ["3 days early", 0 dropped payments]',
      'angles:',
      '  failure: Lead with the rollback plan; it worked.',
      'private: false',
      'title2: Ship it, then measure',
    ].join('\n');
    expect(readPlainYaml(text)).toEqual(careful(text));
    expect(readPlainYaml(text)).toMatchObject({ questions: ['tight-deadline', 'failure', 'conflict-teammate'], year: 2023, private: false });
  });

  it.each([
    ['a time of day (YAML 1.1 reads it as a number)', 'time: 1:20'],
    ['a leading zero', 'year: 0123'],
    ['digit separators', 'n: 1_000'],
    ['a date', 'when: 2024-05-01'],
    ['an escape', 'title: "tab\\there"'],
    ['an anchor and alias', 'a: &x 1\nb: *x'],
    ['a block scalar', 'text: |\n  one\n  two'],
    ['a flow map', 'angles: {failure: x}'],
    ['a duplicate key', 'title: a\ntitle: b'],
    ['deeper nesting', 'a:\n  b:\n    c: 1'],
    ['a list at the top', '- a\n- b'],
    ['a tag', 'year: !!str 2020'],
    ['a key after a colon', 'title: Plan: ship'],
  ])('leaves %s to the careful reader', (_what, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it('never reads differently from the careful reader (random front matter)', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,'!?:;()#%&*@~-]{0,12}$/);
    const scalar = fc.oneof(
      word,
      fc.integer({ min: -5000, max: 5000 }).map(String),
      fc.constantFrom('true', 'false', 'null', '~', 'True', 'yes', 'no', 'on', '1.5', '.5', '1e3', '0x1f', '0o17', '007', '1:20', '2024-01-02', '-', '- x', '#x', ''),
      word.map((w) => `"${w}"`),
      word.map((w) => `'${w}'`),
    );
    const key = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
    const line = fc.oneof(
      fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(key, fc.array(scalar, { maxLength: 4 })).map(([k, vs]) => `${k}: [${vs.join(', ')}]`),
      key.map((k) => `${k}:`),
      scalar.map((v) => `  - ${v}`),
      scalar.map((v) => `- ${v}`),
      fc.tuple(key, scalar).map(([k, v]) => `  ${k}: ${v}`),
      fc.constantFrom('', '# note', '   ', 'x', '  - [a, b]'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const text = `\n${lines.join('\n')}`;
        const quick = readPlainYaml(text);
        if (quick !== undefined) expect(quick, text).toEqual(careful(text));
      }),
      { numRuns: 3000 },
    );
  });
});
