import { describe, expect, it } from 'vitest';
import { corpusNames, importCase, scoreCase, type Check } from './corpus.js';

/**
 * Every notes file of the corpus (test/fixtures/notes/*.expect.yml), each a
 * different person and shape, imported as a user would: the story count,
 * each question's phrase in its own story, STAR sections, drafts,
 * references, two-event questions, asides kept private, check passing.
 */

const names = corpusNames();

it('the corpus has at least 12 notes files with expectations', () => {
  expect(names.length).toBeGreaterThanOrEqual(12);
});

describe.each(names)('%s.md', (name) => {
  const { result, expectation } = importCase(name);
  const checks = scoreCase(result, expectation);
  const failing = (kinds: Check['kind'][]) => checks.filter((c) => kinds.includes(c.kind) && !c.ok).map((c) => c.what);

  it(`writes ${expectation.stories} stories`, () => {
    expect(failing(['stories'])).toEqual([]);
  });

  it('puts each question where it belongs: its phrase in its own story, the question id a good matcher picks', () => {
    expect(failing(['phrase', 'id'])).toEqual([]);
  });

  it('finds the STAR sections, and makes drafts of the stories that lack one', () => {
    expect(failing(['star', 'free-form', 'missing'])).toEqual([]);
  });

  it('adds "same story as …" questions to the story they name, and splits two events into two stories', () => {
    expect(failing(['ref', 'event'])).toEqual([]);
  });

  it('keeps asides out of exported sections, and questions for them in ask:', () => {
    expect(failing(['aside', 'ask'])).toEqual([]);
  });

  it('makes no story of a title, a preamble or a sub-heading', () => {
    expect(failing(['not-story'])).toEqual([]);
  });

  it('passes check with 0 errors and places every line of the notes', () => {
    expect(failing(['check', 'placed'])).toEqual([]);
  });
});
