import { describe, expect, it } from 'vitest';
import { COMPETENCIES } from '../../src/questions/bank.js';
import { builtinLexicon, compileLexicon, findPhrases, roleFamilies } from '../../src/tailor/lexicon.js';
import data from '../../src/tailor/lexicon.json' with { type: 'json' };
import { stem, tokens } from '../../src/support/words.js';
import { memoryWorkspace } from '../helpers/memory.js';
import { lintWorkspace } from '../../src/plan/lint.js';
import { PLACEHOLDER_COMPANY, PLACEHOLDER_ROLE } from '../../src/workspace/profile.js';

/** The competency lexicon as data: complete, valid, and matched the way its syntax says. */

const lexicon = builtinLexicon();
const found = (text: string) => findPhrases(lexicon, text, tokens(text)).map((m) => `${m.phrase.competency}:${m.phrase.text}`);

describe('the competency lexicon', () => {
  it('covers every competency of the vocabulary, names its sources and their licences', () => {
    for (const c of COMPETENCIES) expect(lexicon.phrases.some((p) => p.competency === c.id), c.id).toBe(true);
    expect(data.sources.map((s) => s.licence).join(' ')).toMatch(/CC BY 4\.0.*2011\/833\/EU/s);
  });

  it('refuses an id that is not in the vocabulary', () => {
    expect(() => compileLexicon({ ...data, competencies: { ...data.competencies, empathy: { phrases: { empathy: 3 } } } })).toThrow(/not a competency id/);
  });

  it('matches on stems, with gaps, exact words and exclusions', () => {
    expect(found('Collaborating closely with nurses')).toContain('collaboration:collaborate');
    expect(found('Lead two teams of engineers')).toContain('leadership:lead * team');
    expect(found('Join the on-call rotation')).toContain('reliability:on call');
    expect(found('Contribute to our design system')).not.toContain('system-design:design * system');
    expect(found('Reflect on feedback from observations')).not.toContain('reliability:=observability');
    expect(found('Build relationships with your own pipeline of leads')).not.toContain('ownership:own');
  });

  it('does not count what the posting negates', () => {
    expect(found('you will not manage the engineers you depend on')).not.toContain('leadership:=manage * engineers');
    expect(found('you will manage the engineers')).toContain('leadership:=manage * engineers');
  });

  it('reads British and American spellings alike', () => {
    expect(stem('prioritise')).toBe(stem('prioritize'));
    expect(stem('organisational')).toBe(stem('organizational'));
    expect(stem('behaviour')).toBe(stem('behavior'));
    expect(stem('patient-centred'.split('-')[1]!)).toBe(stem('centered'));
    expect(stem('judgement')).toBe(stem('judgment'));
  });

  it('knows what a job title alone asks for', () => {
    expect(roleFamilies(lexicon, 'Customer Support Team Lead (EMEA)').map((f) => f.phrase.text)).toEqual(['customer support', 'team lead']);
    expect(roleFamilies(lexicon, 'Dog walker')).toEqual([]);
  });
});

describe('placeholders in a profile', () => {
  it('are warnings of check until they are replaced', () => {
    const profile = `---\nrole: ${PLACEHOLDER_ROLE}\ncompany: ${PLACEHOLDER_COMPANY}\nquestions: [failure]\n---\nI'm [[your current role]] with [[how many]] years.\n`;
    const warnings = lintWorkspace(memoryWorkspace({ 'stories/profiles/p.md': profile })).filter((d) => d.file === 'stories/profiles/p.md');
    expect(warnings.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(['2:1 warning placeholder-role', '3:1 warning placeholder-company', '6:5 warning pitch-blank']);
    const fixed = profile.replace(PLACEHOLDER_ROLE, 'Nurse').replace(PLACEHOLDER_COMPANY, 'Mercy Vale').replace(/\[\[[^\]]+\]\]/g, 'x');
    expect(lintWorkspace(memoryWorkspace({ 'stories/profiles/p.md': fixed })).filter((d) => d.rule.startsWith('placeholder') || d.rule === 'pitch-blank')).toEqual([]);
  });
});
