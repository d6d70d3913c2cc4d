import type { Question } from '../questions/bank.js';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { isMeasurable } from '../support/numbers.js';
import { MAX_SPOKEN_WORDS, WORDS_PER_MINUTE } from './speaking.js';
import { contentWords } from '../questions/match.js';
import { eligibility, scoreStory } from './assign.js';
import type { Story } from '../workspace/story.js';
import type { Workspace } from '../workspace/parse.js';

/**
 * Advice beyond validity: what makes a story weak in an interview. All
 * warnings; `check` still passes. Each names the line to fix.
 */

export function lintWorkspace(workspace: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [...workspace.diagnostics];
  const answerWords = workspace.profiles.length ? Math.min(...workspace.profiles.map((p) => p.answer_words)) : 350;
  const titles = new Map<string, Story>();
  for (const story of workspace.stories) {
    out.push(...lintStory(story, answerWords));
    if (titleRepeatsQuestion(story, workspace)) {
      out.push(diagnostic(story.file, story.at.key('title'), 'warning', 'title-repeats-question', 'title repeats the question: name what happened (e.g. "Cut month-end close from 9 to 5.5 days")'));
    }
    const key = story.title.trim().toLowerCase();
    const first = titles.get(key);
    if (first) {
      out.push(diagnostic(story.file, story.at.key('title'), 'warning', 'duplicate-title', `same title as ${first.file}; give each story a distinct title`));
    } else {
      titles.set(key, story);
    }
  }
  for (const profile of workspace.profiles) {
    if (profile.example) {
      out.push(diagnostic(profile.file, profile.at.key('example'), 'warning', 'example-profile', 'example profile from `storybank init`: make it the role you are preparing for (and delete `example: true`), or delete the file'));
    }
  }
  out.push(...unusableStories(workspace));
  return sortDiagnostics(out);
}

function lintStory(story: Story, answerWords: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (story.draft) {
    out.push(diagnostic(story.file, story.at.key('draft'), 'note', 'draft', 'draft: never selected until you remove `draft: true`'));
  }
  if (story.example) {
    out.push(diagnostic(story.file, story.at.key('example'), 'warning', 'example-story', 'example story from `storybank init`: make it yours (and delete `example: true`), or delete the file; until then only example profiles use it'));
  }
  const result = story.sections.find((s) => s.key === 'result');
  if (story.kind === 'star' && result && result.text && !isMeasurable(result.text) && story.metrics.length === 0) {
    out.push(
      diagnostic(story.file, result.position, 'warning', 'result-not-measurable', 'Result has no number or measurable outcome; add one (time saved, errors avoided, people helped) or a `metrics:` entry'),
    );
  }
  const limit = Math.min(answerWords, MAX_SPOKEN_WORDS);
  if (story.words > limit) {
    const minutes = (story.words / WORDS_PER_MINUTE).toFixed(1);
    const which = answerWords <= MAX_SPOKEN_WORDS ? `the answer_words limit of ${answerWords}` : `about 2 minutes spoken (${MAX_SPOKEN_WORDS} words)`;
    out.push(
      diagnostic(story.file, story.sections[0]?.position ?? story.at.key('title'), 'warning', 'answer-too-long', `answer is ${story.words} words (~${minutes} min spoken), over ${which}; tighten it`),
    );
  }
  const action = story.sections.find((s) => s.key === 'action');
  if (action) {
    const we = (action.text.match(/\b(we|we're|we've|our|us)\b/gi) ?? []).length;
    const i = (action.text.match(/\b(I|I'm|I've|I'd|my|me)\b/g) ?? []).length;
    if (we >= 3 && we > 2 * i) {
      out.push(
        diagnostic(story.file, action.position, 'warning', 'action-says-we', `Action says "we" ${we} times and "I" ${i} times; interviewers want what you did: say "I"`),
      );
    }
  }
  if (!story.draft && story.kind === 'star' && story.questions.length === 0 && story.competencies.length === 0) {
    out.push(diagnostic(story.file, story.at.key('title'), 'warning', 'story-untagged', 'story lists no questions and no competencies, so it can never be selected'));
  }
  return out;
}

const PROMPT = /^(?:tell (?:me|us)\b|describe\b|give (?:me |us )?an? (?:example|instance)\b|walk (?:me|us) through\b|an? (?:time|situation) (?:when |where )?you\b|how (?:do|did|would|have) you\b)/i;

/**
 * A STAR story titled with its question ("Tell me about a time you
 * failed") says nothing on a cheat sheet about which event it is.
 */
/** A question's content words, once per question: a thousand stories ask the same few dozen. */
const questionWords = new WeakMap<Question, Set<string>>();
function wordsOf(question: Question): Set<string> {
  let words = questionWords.get(question);
  if (!words) questionWords.set(question, (words = new Set(contentWords(question.text))));
  return words;
}

function titleRepeatsQuestion(story: Story, workspace: Workspace): boolean {
  if (story.kind !== 'star') return false;
  const title = story.title.trim();
  if (PROMPT.test(title) || /\?["”’)]*$/.test(title)) return true;
  const words = new Set(contentWords(title));
  if (words.size < 2) return false;
  return story.questions.some((id) => {
    const question = workspace.catalog.questions.get(id);
    const asked = question ? wordsOf(question) : new Set<string>();
    const shared = [...words].filter((w) => asked.has(w)).length;
    return shared >= 0.8 * words.size && shared >= 0.8 * asked.size;
  });
}

/** A story that no profile could pick for any of its questions. */
function unusableStories(workspace: Workspace): Diagnostic[] {
  if (workspace.profiles.length === 0) return [];
  const out: Diagnostic[] = [];
  for (const story of workspace.stories) {
    if (story.draft || (story.questions.length === 0 && story.competencies.length === 0)) continue;
    const usable = workspace.profiles.some((profile) => {
      if (eligibility(story, profile, { includePrivate: true })) return false;
      return profile.questions.some((id) => {
        const q = workspace.catalog.questions.get(id);
        return q ? scoreStory(story, q, profile.emphasis) !== undefined : false;
      });
    });
    if (!usable) {
      out.push(
        diagnostic(story.file, story.at.key('questions'), 'warning', 'story-unusable', 'no profile can use this story: none asks its questions or competencies, or its tags are excluded'),
      );
    }
  }
  return out;
}
