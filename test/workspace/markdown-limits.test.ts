import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { MAX_MARKDOWN_CHARS, MAX_MARKERS_PER_FILE, MAX_MARKERS_PER_PARAGRAPH } from '../../src/workspace/markdown-limits.js';
import { MAX_FRONT_MATTER_CHARS, MAX_YAML_FILE_CHARS, MAX_YAML_PROBLEMS } from '../../src/workspace/yaml-limits.js';
import { memoryWorkspace } from '../helpers/memory.js';

/**
 * Bounded parsing: the inputs that took the Markdown and YAML parsers
 * seconds to minutes are refused as too complex, at the line where a limit
 * is crossed, and real stories (long, code-heavy, snake_case) still pass.
 */

const PROFILE = { 'stories/profiles/p.md': '---\nrole: Data Engineer\nquestions: [failure]\n---\n' };
const FRONT = '---\ntitle: Pipeline rewrite\nquestions: [failure]\ncompetencies: [ownership]\n---\n';
/** A STAR story whose Situation is `situation`; the Situation text starts on line 7. */
const storyWith = (situation: string) => `${FRONT}## Situation\n${situation}\n\n## Task\nI had to fix it.\n\n## Action\nI rewrote the loader.\n\n## Result\nLoads fell from 40 min to 6.\n`;

function problems(files: Record<string, string>) {
  return memoryWorkspace({ ...PROFILE, ...files }).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('Markdown the parser would take seconds to minutes on is refused, at its line', () => {
  it.each([
    ['`*_` × 10 000, x, `_*` × 10 000 (11 s before)', `${'*_'.repeat(10_000)}x${'_*'.repeat(10_000)}`, 7, 'paragraph'],
    ['`[a](` × 12 000 (quadratic in the brackets)', '[a]('.repeat(12_000), 7, 'paragraph'],
    ['closers with no opener, `a_ ` × 5 000', 'a_ '.repeat(5000), 7, 'paragraph'],
    ['`[` × 5 000 then `]` × 5 000', `${'['.repeat(5000)}a${']'.repeat(5000)}`, 7, 'paragraph'],
  ])('%s', (_what, situation, line, scope) => {
    expect(problems({ 'stories/slow.md': storyWith(situation) })).toEqual([
      `stories/slow.md:${line}:1: error: this ${scope} is too complex to read: more than ${MAX_MARKERS_PER_PARAGRAPH} emphasis markers and brackets (*, _, [, ]); split it, or put code in a \`\`\` block`,
    ]);
  });

  it('many paragraphs, each under the paragraph limit, are stopped by the file limit at the line that crosses it', () => {
    const paragraph = '**a** '.repeat(200); // 400 markers
    const situation = Array.from({ length: 20 }, () => paragraph).join('\n\n');
    const crossing = 7 + 2 * Math.floor(MAX_MARKERS_PER_FILE / 400);
    expect(problems({ 'stories/slow.md': storyWith(situation) })).toEqual([
      `stories/slow.md:${crossing}:1: error: the file is too complex to read: more than ${MAX_MARKERS_PER_FILE} emphasis markers and brackets (*, _, [, ]) by this line; split it, or put code in \`\`\` blocks`,
    ]);
  });

  it('a body over the size limit is refused at its first line', () => {
    const situation = 'The loader failed every night and nobody knew why. '.repeat(Math.ceil(MAX_MARKDOWN_CHARS / 50));
    const kb = Math.round(storyWith(situation).slice(FRONT.length).length / 1024);
    expect(problems({ 'stories/long.md': storyWith(situation) })).toEqual([
      `stories/long.md:6:1: error: the Markdown text is ${kb} KB; storybank reads at most ${MAX_MARKDOWN_CHARS / 1024} KB of it in one file (about 10 000 words; an answer is a few hundred): split the file, or keep long material elsewhere`,
    ]);
  });

  it('a profile pitch is held to the same limits', () => {
    expect(problems({ 'stories/profiles/p.md': `---\nrole: R\nquestions: [failure]\n---\n${'*_'.repeat(600)}\n` })).toEqual([
      `stories/profiles/p.md:5:1: error: this paragraph is too complex to read: more than ${MAX_MARKERS_PER_PARAGRAPH} emphasis markers and brackets (*, _, [, ]); split it, or put code in a \`\`\` block`,
    ]);
  });

  it('60 KB of setext headings (`a\\n===`, 27 s to parse) run out of the time budget and are reported, never cached as parsed', () => {
    const situation = 'Step\n===\n'.repeat(6500);
    expect(problems({ 'stories/slow.md': storyWith(situation) })).toEqual([
      'stories/slow.md:6:1: error: this Markdown is too complex to read: parsing it took longer than 1.4 s (thousands of headings, nested lists or quotes, or emphasis markers); split the file, or simplify it',
    ]);
  });
});

describe('real stories stay under every limit', () => {
  it('snake_case identifiers, code in fences, links and bold text in a long story', () => {
    const log = Array.from({ length: 400 }, (_, i) => `Checked load_job_${i} and retry_count_${i} in the nightly_batch_runner.`).join('\n');
    const code = ['```python', ...Array.from({ length: 300 }, (_, i) => `rows[${i}] = data[keys[${i}]] * weights[${i}]`), '```'].join('\n');
    const prose = Array.from({ length: 40 }, (_, i) => `In week ${i} I **fixed** the _flaky_ [loader](https://example.com/${i}) and wrote it up.`).join('\n\n');
    expect(problems({ 'stories/real.md': storyWith(`${log}\n\n${code}\n\n${prose}`) })).toEqual([]);
  });

  it('5 000 lines in one paragraph, under the size limit, parse (a warning about length is lint, not here)', () => {
    const situation = Array.from({ length: 5000 }, (_, i) => `Step ${i + 1}.`).join('\n');
    expect(problems({ 'stories/long.md': storyWith(situation) })).toEqual([]);
  });
});

describe('YAML the parser would take seconds to minutes on is refused', () => {
  it('front matter over the size limit (40 000 distinct keys took 21 s)', () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `note_${i}: value`).join('\n');
    const kb = Math.round((`title: T\n${keys}\n`.length) / 1024);
    expect(kb * 1024).toBeGreaterThan(MAX_FRONT_MATTER_CHARS);
    expect(problems({ 'stories/keys.md': `---\ntitle: T\n${keys}\n---\n## Situation\nS\n` })).toEqual([
      `stories/keys.md:1:1: error: front matter is ${kb} KB; at most ${MAX_FRONT_MATTER_CHARS / 1024} KB is read (it holds the facts: title, questions, tags); move long text into the body`,
    ]);
  });

  it('stories/questions.yml over its size limit', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => `- id: q-${i}\n  text: Tell me about time ${i} you shipped something late.\n`).join('');
    expect(entries.length).toBeGreaterThan(MAX_YAML_FILE_CHARS);
    expect(problems({ 'stories/questions.yml': entries })).toEqual([
      `stories/questions.yml: error: file is ${Math.round(entries.length / 1024)} KB; at most ${MAX_YAML_FILE_CHARS / 1024} KB of YAML is read`,
    ]);
  });

  it('duplicate keys are still found, in flow and block maps, at the repeated key', () => {
    expect(problems({ 'stories/dup.md': '---\ntitle: A\nyear: 2020\nangles: { failure: x, failure: y }\nyear: 2021\n---\n## Situation\nS\n' })).toEqual([
      'stories/dup.md:4:23: error: invalid YAML: Map keys must be unique',
      'stories/dup.md:5:1: error: invalid YAML: Map keys must be unique',
    ]);
  });

  it(`garbage with a problem on every line lists ${MAX_YAML_PROBLEMS}, then one line for the rest`, () => {
    const garbage = Array.from({ length: 500 }, () => 'a: b: c').join('\n');
    const listed = problems({ 'stories/junk.md': `---\n${garbage}\n---\n` });
    expect(listed).toHaveLength(MAX_YAML_PROBLEMS + 1);
    expect(listed.at(-1)).toMatch(new RegExp(`^stories/junk\\.md:\\d+:\\d+: error: invalid YAML: \\d+ more problems from here on are not listed; fix the ones above first$`));
  });
});
