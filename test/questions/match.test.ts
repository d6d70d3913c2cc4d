import { describe, expect, it } from 'vitest';
import { indexCatalog, looksLikeQuestion, matchQuestion, rankQuestions } from '../../src/questions/match.js';
import { builtinCatalog } from '../../src/questions/catalog.js';

const index = indexCatalog(builtinCatalog());

describe('matchQuestion', () => {
  it.each([
    ['Tell me about yourself', 'about-me'],
    ['Tell me about a time you had to work under a tight deadline. How did you handle it, and what was the outcome?', 'tight-deadline'],
    ['Tell me about a time when you faced a challenging situation with tight deadlines and unexpected issues. How did you handle it?', 'unexpected-issues'],
    ['the most challenging project you worked & why is it challenging & how you solved it?', 'hardest-project'],
    ['What are your career goals? (2–3 years)', 'career-goals'],
    ['What are dealbreakers for you while choosing an opportunity?', 'dealbreakers'],
    ['Tell me about a situation when you had a conflict with a teammate.', 'conflict-teammate'],
    ['Tell me about a time you had a disagreement with your manager', 'disagree-manager'],
    ['Tell me about a time you failed. How did you deal with the situation?', 'failure'],
    ['What’s the Number One Accomplishment You’re Most Proud Of?', 'proudest'],
    ['what was your managers recent feedback to you (pro & con)', 'manager-feedback'],
    ['Why this company?', 'why-company'],
    ['Why do you want to leave your current job?', 'why-leaving'],
    ['What is your greatest weakness?', 'weaknesses'],
    ['What is your greatest achievement?', 'proudest'],
    ['Tell me about a conflict with a colleague?', 'conflict-teammate'],
    ['Describe a time you worked with unclear requirements', 'ambiguity'],
    ['Where do you see yourself in five years?', 'career-goals'],
    ['Walk me through a system you designed', 'system-design-story'],
    ['How do you handle competing priorities?', 'prioritization'],
  ])('%j → %s', (heading, id) => {
    expect(matchQuestion(heading, index)?.id).toBe(id);
  });

  it.each(['scalable ingestion platform', 'What is your favourite data structure?', 'Monday', ''])('%j matches nothing', (heading) => {
    expect(matchQuestion(heading, index)).toBeUndefined();
  });

  it('prefers the question whose distinctive words the heading uses', () => {
    const [first, second] = rankQuestions('tight deadlines and unexpected issues', index);
    expect(first?.id).toBe('unexpected-issues');
    expect(second?.id).toBe('tight-deadline');
  });

  it('knows questions added in stories/questions.yml', () => {
    const catalog = builtinCatalog();
    catalog.questions.set('code-review', { id: 'code-review', text: "What's your approach to code review?", competencies: [] });
    expect(matchQuestion('What is your approach to code reviews?', indexCatalog(catalog))?.id).toBe('code-review');
  });
});

describe('looksLikeQuestion', () => {
  it.each(['Why this company?', 'Tell me about yourself', 'Describe a conflict', 'What are your strengths', 'Walk me through your resume'])('%j is a question', (t) => {
    expect(looksLikeQuestion(t)).toBe(true);
  });
  it.each(['scalable ingestion platform', 'What I did first was write a plan.', 'Technical decisions', ''])('%j is not', (t) => {
    expect(looksLikeQuestion(t)).toBe(false);
  });
});
