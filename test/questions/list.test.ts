import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/questions/catalog.js';
import { listQuestions } from '../../src/questions/list.js';

describe('listQuestions', () => {
  it('lists the bank in its order, marking the workspace\'s own questions and wording', () => {
    const catalog = builtinCatalog();
    catalog.questions.set('on-call', { id: 'on-call', text: 'How do you handle on-call?', competencies: ['reliability'] });
    catalog.questions.set('about-me', { ...catalog.questions.get('about-me')!, text: 'Introduce yourself.' });
    const rows = listQuestions(catalog);
    expect(rows[0]).toEqual({ id: 'about-me', text: 'Introduce yourself.', competencies: ['communication', 'motivation'], source: 'overridden' });
    expect(rows[1]!.source).toBe('built-in');
    expect(rows[rows.length - 1]).toEqual({ id: 'on-call', text: 'How do you handle on-call?', competencies: ['reliability'], source: 'workspace' });
  });

  it('searches by words, by part of an id and by competency, best match first', () => {
    expect(listQuestions(builtinCatalog(), 'failed').map((r) => r.id)[0]).toBe('failure');
    expect(listQuestions(builtinCatalog(), 'conflict').map((r) => r.id)).toEqual(['conflict-teammate', 'disagree-manager']);
    expect(listQuestions(builtinCatalog(), 'data-quality').map((r) => r.id)).toContain('data-quality');
    expect(listQuestions(builtinCatalog(), 'zzzz')).toEqual([]);
  });
});
