import { describe, expect, it } from 'vitest';
import { normaliseNotes, readLines } from '../../../src/authoring/import/lines.js';
import { cleanQuestion, findStarts } from '../../../src/authoring/import/questions.js';
import { builtinCatalog } from '../../../src/questions/catalog.js';
import { indexCatalog } from '../../../src/questions/match.js';

const index = indexCatalog(builtinCatalog());
const starts = (text: string) => findStarts(readLines(normaliseNotes(text)), index).map((s) => [s.kind, s.shape, s.text, ...(s.inlineAnswer ? [s.inlineAnswer] : [])]);

describe('findStarts', () => {
  it('takes a numbered question written as a bullet, with its answer nested under it', () => {
    const notes = ['* 🚚 dispatch lead prep', '* 1) walk me through your current role', '    + 40 drivers, two depots', '* 2) tell me about a time you cut late deliveries', '    + Situation - 1 in 9 drops was late', '- Q3. why us?', '    - closer to home'].join('\n');
    expect(starts(notes).map((s) => [s[1], s[2]])).toEqual([
      ['numbered', 'walk me through your current role'],
      ['numbered', 'tell me about a time you cut late deliveries'],
      ['q-line', 'why us?'],
    ]);
  });

  it('finds questions in every common shape, mixed in one file', () => {
    const notes = [
      '# Prep for the panel',
      '',
      '## Tell me about yourself',
      'I teach chemistry.',
      '',
      '2. Why do you want to work here?',
      'The lab.',
      '',
      '8) What is your biggest weakness',
      'Too much detail.',
      '',
      'Q3. Describe a time you failed',
      'A field trip.',
      '',
      '#4 - Tell me about a conflict with a colleague',
      'We shared a room.',
      '',
      '**How do you handle a difficult parent?**',
      'I call them.',
      '',
      'Question: Where do you see yourself in five years? Answer: Head of department.',
      '',
      'Give an example of leading a team',
      'I led the science fair.',
    ].join('\n');
    expect(starts(notes)).toEqual([
      ['question', 'heading', 'Tell me about yourself'],
      ['question', 'numbered', 'Why do you want to work here?'],
      ['question', 'numbered', 'What is your biggest weakness'],
      ['question', 'q-line', 'Describe a time you failed'],
      ['question', 'numbered', 'Tell me about a conflict with a colleague'],
      ['question', 'bold', 'How do you handle a difficult parent?'],
      ['question', 'q-line', 'Where do you see yourself in five years?', 'Head of department.'],
      ['question', 'plain', 'Give an example of leading a team'],
    ]);
  });

  it('a top-level bullet is a question when its answer is nested under it', () => {
    expect(starts('- Interview notes, round 2\n- Why Northwind?\n\t- you sell to my buyers\n- What is your biggest weakness\n\t- over-prep\n')).toEqual([
      ['question', 'bullet', 'Why Northwind?'],
      ['question', 'bullet', 'What is your biggest weakness'],
    ]);
  });

  it('a title, a notes-to-self preamble and separators are not questions', () => {
    expect(starts('Interview prep — Spring\nnotes to self: breathe.\n\n---\n\n1. Tell me about yourself\nI am a nurse.\n')).toEqual([['question', 'numbered', 'Tell me about yourself']]);
  });

  it('sub-headings of an answer stay in it, unless they are questions themselves', () => {
    const notes = '## Tell me about your hardest project\nThe rebuild.\n#### challenges\n- old hacks\n#### mistakes\n- support load\n#### what you would do differently\n- data from day one\n#### Why was it hard?\n- scale\n';
    expect(starts(notes)).toEqual([
      ['question', 'heading', 'Tell me about your hardest project'],
      ['question', 'heading', 'Why was it hard?'],
    ]);
  });

  it('a heading above the questions groups them; a heading at their level that asks nothing is a topic', () => {
    const notes = '# Interview prep\n\nsome context\n\n# Behavioural\n\n## Tell me about a time you failed?\nx\n\n## scalable ingestion platform\n#### challenges\n- y\n\n# Technical\nQuestions I expect.\n\n## Walk me through a system you designed\nz\n';
    expect(starts(notes)).toEqual([
      ['group', 'heading', 'Behavioural'],
      ['question', 'heading', 'Tell me about a time you failed?'],
      ['topic', 'heading', 'scalable ingestion platform'],
      ['group', 'heading', 'Technical'],
      ['question', 'heading', 'Walk me through a system you designed'],
    ]);
  });

  it('a label line is never a question, even when it reads like one', () => {
    expect(starts('1. Tell me about an outage\nI rolled back.\n\nWhat I learned\nAsk for help early.\n')).toEqual([['question', 'numbered', 'Tell me about an outage']]);
  });

  it('notes with no question but several headings become one topic each', () => {
    expect(starts('## Ingestion platform\n- bad files\n\n## Excel template\nShipped behind a flag.\n')).toEqual([
      ['topic', 'heading', 'Ingestion platform'],
      ['topic', 'heading', 'Excel template'],
    ]);
    expect(starts('Just some prose.\nNo questions here.\n')).toEqual([]);
  });
});

describe('cleanQuestion', () => {
  it.each([
    ['**Q3. "Tell me about yourself"**', 'Tell me about yourself'],
    ['1) Why this company?', 'Why this company?'],
    ['#4 - Tell me about a deadline', 'Tell me about a deadline'],
    ['Question: What’s your biggest weakness?:', 'What’s your biggest weakness?'],
    ["Tell me about the teams' goals'", "Tell me about the teams' goals'"],
  ])('%j → %j', (raw, clean) => {
    expect(cleanQuestion(raw)).toBe(clean);
  });
});
