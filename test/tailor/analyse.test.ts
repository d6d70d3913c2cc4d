import { describe, expect, it } from 'vitest';
import { analysePosting } from '../../src/tailor/analyse.js';
import { readPosting } from '../../src/tailor/read.js';
import { corpus, lineHolding, visibleLine } from './corpus.js';

/**
 * The posting corpus against what a recruiter would name: the top three
 * competencies, the role and the employer, and quotes that can be found on
 * the lines they name.
 */

const postings = corpus().filter((p) => !p.expect.behaviour);
const analysed = postings.map((p) => ({ p, a: analysePosting(readPosting(p.bytes, p.name)) }));

describe('the posting corpus', () => {
  it('has the postings it describes', () => {
    expect(postings.length).toBeGreaterThanOrEqual(13);
    expect(new Set(postings.map((p) => p.expect.format))).toEqual(new Set(['txt', 'md', 'html']));
  });

  it.each(analysed.map(({ p, a }) => [p.name, p, a] as const))('%s: the top three are what a recruiter names, and none of the decoys', (_, p, a) => {
    const top = a.emphasis.slice(0, 3).map((x) => x.id);
    const hits = p.expect.top3.filter((id) => top.includes(id));
    expect(hits.length, `top 3 ${top.join(', ')} against ${p.expect.top3.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(top.filter((id) => p.expect.not.includes(id))).toEqual([]);
    expect(a.emphasis.length).toBeGreaterThanOrEqual(3);
    expect(a.emphasis.length).toBeLessThanOrEqual(6);
  });

  it('scores at least 37 of 39 top-three memberships over the corpus', () => {
    const hits = analysed.reduce((n, { p, a }) => n + p.expect.top3.filter((id) => a.emphasis.slice(0, 3).some((x) => x.id === id)).length, 0);
    expect(hits).toBeGreaterThanOrEqual(37);
  });

  it.each(analysed.map(({ p, a }) => [p.name, p, a] as const))('%s: names the role and the employer as the posting states them', (_, p, a) => {
    expect(a.role?.text.toLowerCase() ?? null).toBe(p.expect.role?.toLowerCase() ?? null);
    expect(a.company?.text.toLowerCase() ?? null).toBe(p.expect.company?.toLowerCase() ?? null);
  });

  it.each(analysed.map(({ p, a }) => [p.name, p, a] as const))('%s: every weight quotes the posting, at the line it names', (_, p, a) => {
    for (const ask of a.asks) {
      expect(ask.evidence.length, ask.id).toBeGreaterThan(0);
      expect([1, 2, 3]).toContain(ask.weight);
      for (const e of ask.evidence) {
        const quote = e.quote.replace(/^…|…$/g, '');
        expect(e.endLine - e.line, 'a quote spans at most one line break').toBeLessThanOrEqual(1);
        const lines = [e.line, e.endLine].filter((l, i, all) => all.indexOf(l) === i).map((l) => visibleLine(p, l));
        expect(lines.join(' ').replace(/"/g, "'"), `${ask.id}: "${e.quote}" (l. ${e.line})`).toContain(quote);
      }
    }
  });

  it.each(analysed.map(({ p, a }) => [p.name, p, a] as const))('%s: the lines quoted for each expected competency include the ones a recruiter quotes', (_, p, a) => {
    for (const [id, phrases] of Object.entries(p.expect.evidence)) {
      const ask = a.emphasis.find((x) => x.id === id);
      if (!ask) continue;
      const expected = phrases.map((ph) => lineHolding(p, ph));
      expect(expected.every((l) => l > 0), `${id}: every expected phrase is in the posting`).toBe(true);
      const quoted = new Set(ask.evidence.map((e) => e.line));
      expect(
        expected.some((l) => quoted.has(l)),
        `${id}: quoted lines ${[...quoted].join(', ')}; expected one of ${expected.join(', ')}`,
      ).toBe(true);
    }
  });

  it('keeps benefits, about-us and page chrome out of the evidence', () => {
    for (const { a } of analysed) {
      for (const ask of a.asks) for (const e of ask.evidence) expect(['benefits', 'about', 'legal', 'process']).not.toContain(e.placement);
    }
  });

  it('gives the same analysis for the same posting', () => {
    for (const { p, a } of analysed) expect(analysePosting(readPosting(p.bytes, p.name))).toEqual(a);
  });
});
