import { describe, expect, it } from 'vitest';
import { contentWords, indexCatalog, matchQuestion, questionIdFor, rankQuestions, suggestQuestionId } from '../../src/questions/match.js';
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
    // Other people's fields: nurses, teachers, sales, engineers.
    ['Describe a situation where you had to handle a difficult family member', 'difficult-stakeholder'],
    ['Tell me about a time you disagreed with an engineer about a design', 'conflict-teammate'],
    ['A time you lost a deal you should have won', 'failure'],
    ['Describe a time a lesson completely flopped', 'failure'],
    ['Tell me about a launch that went badly', 'failure'],
    ['Tell me about a project where something went wrong during construction', 'unexpected-issues'],
    ['Walk me through a design decision you made', 'technical-decision'],
    ['Describe a time you had to explain numbers to a non-finance person', 'explain-technical'],
    ['Tell me about a time you managed many reqs at once', 'multiple-projects'],
    ['Why do you want to be a charge nurse?', 'why-role'],
    ['Why Marlow & Reyes?', 'why-company'],
    ['Why do you want to teach at Lincoln?', 'why-company'],
    ['Why are you leaving academia?', 'why-leaving'],
  ])('%j → %s', (heading, id) => {
    expect(matchQuestion(heading, index)?.id).toBe(id);
  });

  it.each([
    'scalable ingestion platform',
    'What is your favourite data structure?',
    'Monday',
    '',
    'Tell me about your biggest deal',
    'Tell me about a time you worked on a team with different professions',
    'How do you reduce alert fatigue',
  ])('%j matches nothing', (heading) => {
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

describe('contentWords', () => {
  it('stems with the shared Porter stemmer and folds synonyms and phrases', () => {
    expect(contentWords('Tell me about a time you failed')).toEqual(['fail']);
    expect(contentWords('the lesson flopped')).toEqual(['lesson', 'fail']);
    expect(contentWords('conflicts with colleagues')).toEqual(['conflict', 'teammat']);
    expect(contentWords('explain it to a non-technical audience')).toEqual(['explain', 'nonexpert', 'audienc']);
  });
});

describe('suggestQuestionId', () => {
  it.each([
    ['tight-dealine', 'tight-deadline'],
    ['conflict', 'conflict-teammate'],
    ['tell-me-about-yourself', 'about-me'],
    ['failed', 'failure'],
    ['stakeholder', 'difficult-stakeholder'],
    ['mentor', 'mentoring'],
  ])('%j → %s, by spelling or by words', (typed, id) => {
    expect(suggestQuestionId(typed, index)).toBe(id);
  });

  it('suggests nothing for what resembles no question', () => {
    expect(suggestQuestionId('monday', index)).toBeUndefined();
  });
});

describe('questionIdFor', () => {
  it('makes an id of the words that say what the question is about, never a taken one', () => {
    expect(questionIdFor('How do you reduce alert fatigue')).toBe('reduce-alert-fatigue');
    expect(questionIdFor("Tell me about a time you rolled out a change your team didn't like")).toBe('rolled-out-change-team-didnt');
    expect(questionIdFor('What?')).toBe('question');
    expect(questionIdFor('How do you reduce alert fatigue', new Set(['reduce-alert-fatigue']))).toBe('reduce-alert-fatigue-2');
  });
});

describe('common phrasings', () => {
  const index = indexCatalog(builtinCatalog());
  it.each([
    ['Where do you want to be in 3 years?', 'career-goals'],
    ['tell me about a time you improved productivity on your shift', 'process-improvement'],
    ['give an example of when you had to learn new software fast', 'learn-quickly'],
    ['How do you juggle competing priorities?', 'prioritization'],
    ['Tell me about a time you shipped something under a hard deadline', 'tight-deadline'],
  ])('%j → %s', (text, id) => {
    expect(matchQuestion(text, index)?.id).toBe(id);
  });
});

