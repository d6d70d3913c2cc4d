import type { Catalog } from '../../questions/catalog.js';
import { MATCH_THRESHOLD, rankQuestions, type QuestionIndex } from '../../questions/match.js';
import { STAR_SECTIONS } from '../../workspace/sections.js';
import type { Block } from './blocks.js';
import type { Body, StoryEvent } from './body.js';
import type { ImportedStory } from './model.js';
import { hasWords, sectionText, type Frag } from './text.js';
import { answerTitle, eventTitle, questionTitle } from './titles.js';

/** Blocks and their bodies → stories: ids, titles, question ids, and whether each is a draft. */

/** The question a block answers: a catalog id, shared when two blocks both clearly ask it. */
export interface QuestionId {
  id: string;
  shared: boolean;
}

/**
 * One question id per block where it clearly matches. Blocks are served
 * best match first; a question already taken goes to the block's next
 * clear match, and only when there is none is it shared.
 */
export function assignQuestionIds(blocks: readonly Block[], index: QuestionIndex): (QuestionId | undefined)[] {
  const ranked = blocks.map((b) => (b.start.kind === 'question' ? rankQuestions(b.start.text, index).filter((m) => m.score >= MATCH_THRESHOLD) : []));
  const order = blocks.map((_, i) => i).sort((a, b) => (ranked[b]![0]?.score ?? 0) - (ranked[a]![0]?.score ?? 0) || a - b);
  const used = new Set<string>();
  const out: (QuestionId | undefined)[] = blocks.map(() => undefined);
  for (const i of order) {
    const candidates = ranked[i]!;
    if (candidates.length === 0) continue;
    const free = candidates.find((m) => !used.has(m.id));
    out[i] = free ? { id: free.id, shared: false } : { id: candidates[0]!.id, shared: true };
    if (free) used.add(free.id);
  }
  return out;
}

interface Common {
  block: Block;
  questions: string[];
  competencies: string[];
  /** Whether the question is about the person (pitch, goals…): no STAR expected. */
  aboutYou: boolean;
}

function blank(common: Common, id: string): ImportedStory {
  const { block } = common;
  return {
    id,
    path: `stories/${id}.md`,
    title: '',
    titleIsQuestion: false,
    kind: 'answer',
    questions: [...common.questions],
    competencies: [...common.competencies],
    tags: block.group?.tag ? [block.group.tag] : [],
    line: block.line,
    question: block.start.text,
    sections: new Map(),
    answer: [],
    lessons: [],
    notes: [],
    asides: [],
    angles: [],
    placed: [{ text: block.start.text, line: block.line }],
    found: [],
    missing: [],
    attention: [],
    metricHints: [],
    shape: block.start.shape,
    text: '',
  };
}

export function storyFromEvent(common: Common, id: string, event: StoryEvent): ImportedStory {
  const story = blank(common, id);
  story.kind = 'star';
  story.sections = event.sections;
  story.notes = [...event.notes];
  story.found = STAR_SECTIONS.filter((k) => hasWords(event.sections.get(k) ?? []));
  story.missing = STAR_SECTIONS.filter((k) => !story.found.includes(k));
  const named = eventTitle(sectionText(event.sections.get('situation') ?? []));
  story.title = named ?? questionTitle(common.block.start.text);
  story.titleIsQuestion = named === undefined;
  story.metricHints = numberPhrases(sectionText(event.sections.get('result') ?? []));
  return story;
}

/** Questions that ask for one event: a free-form answer to one is a story too, titled by what happened. */
const STORY_PROMPT = /^(?:tell (?:me|us) about (?:a|an|the|your)\b|describe (?:a|an|the|your)\b|give (?:me |us )?an? (?:example|instance)\b|walk (?:me|us) through (?:a|an|the)\b|an? (?:time|situation|moment|project)\b|share an?\b)/i;
/** Questions about how one works or thinks: their answer is titled after the question. */
const NOT_A_STORY = /^(?:how|what|what[’']s|why|where|when|which|who|do|are|would|have|walk (?:me|us) through how)\b/i;

/** The first prose line of an answer (not a heading, not a list item), for its title. */
function firstParagraph(frags: readonly Frag[]): string {
  const first = frags.find((f) => /\p{L}/u.test(f.text) && !/^\s*(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s)/u.test(f.text));
  return first?.text ?? '';
}

/** Short answers that are reminders to oneself ("talk about X"), not answers yet. */
const REMINDER = /^(?:talk about|mention|explain|use the|use my|see above|cover|tell about|tell them|say )/i;
const MIN_ANSWER_WORDS = 8;

export function storyFromAnswer(common: Common, id: string, body: Body): ImportedStory {
  const story = blank(common, id);
  story.answer = body.answer;
  story.lessons = body.lessons;
  story.notes = [...body.notes];
  const topic = common.block.start.kind === 'topic';
  const question = common.block.start.text;
  const told = !topic && !common.aboutYou && (STORY_PROMPT.test(question) || (common.questions.length > 0 && !NOT_A_STORY.test(question)));
  const named = told ? eventTitle(firstParagraph(body.answer)) : undefined;
  story.title = topic ? questionTitle(question) : (named ?? answerTitle(question, common.questions[0]));
  const text = sectionText(body.answer);
  const words = text.split(/\s+/).filter(Boolean).length;
  if (topic) story.draftWhy = 'a topic, not a question: list the questions it answers';
  else if (!hasWords(body.answer)) story.draftWhy = 'no answer in the notes yet';
  else if (REMINDER.test(text) || words < MIN_ANSWER_WORDS) story.draftWhy = 'a reminder to yourself, not an answer yet';
  return story;
}

/** Attention items and the draft reason, once the story's questions and angles are final. */
export function finishStory(story: ImportedStory, common: { aboutYou: boolean; newQuestion?: string; shared?: boolean }): void {
  const attention: string[] = [];
  if (story.kind === 'star' && story.missing.length) {
    const names = story.missing.map((k) => k.charAt(0).toUpperCase() + k.slice(1));
    story.draftWhy = `${listWords(names)} missing`;
    attention.push(`missing ${listWords(names)}: fill ${names.length === 1 ? 'it' : 'them'} in, then delete \`draft: true\``);
  }
  if (story.draftWhy && story.kind === 'answer') attention.push(`${story.draftWhy}: write it, then delete \`draft: true\``);
  if (story.kind === 'star' && story.titleIsQuestion) attention.push('title repeats the question: name what happened');
  if (story.sibling) attention.push(`the notes tell a second event under this question: it is in ${story.sibling}`);
  if (common.shared) attention.push(`answers "${story.questions[0]}" like another story here: keep the better one, or list a different question`);
  if (common.newQuestion) attention.push(`new question "${common.newQuestion}" added to stories/questions.yml: give it competencies there`);
  if (story.kind === 'answer' && !story.draftWhy && !common.aboutYou && story.questions.length && /^(?:tell|describe|give|walk|a time|share)/i.test(story.question)) {
    attention.push('no Situation/Task/Action/Result labels, so it is a free-form answer: rewrite it as STAR if it tells one event');
  }
  if (story.kind === 'star' && story.metricHints.length) {
    attention.push(`no metrics yet: the Result mentions ${story.metricHints.slice(0, 2).map((n) => `"${shortHint(n)}"`).join(', ')}`);
  }
  story.attention = attention;
}

/** Short phrases around numbers, as hints for `metrics:`. Never invents one. */
export function numberPhrases(text: string): string[] {
  const NUMBER = /\d|\b(two|three|four|five|six|seven|eight|nine|ten|twice|half|dozen|hundred|thousand|million|zero)\b/i;
  const out: string[] = [];
  for (const clause of text.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/gm, '').replace(/[*_“”"]/g, '').replace(/\b\d+:\d+s?\b/g, ' ').split(/(?<!\d)\.|\.(?!\d)|[;:!?()\n]|,\s|\s[—–-]\s/)) {
    const c = clause.trim().replace(/^(and|but|so|as a result|which|that)\s+/i, '');
    if (!NUMBER.test(c) || c.length < 6) continue;
    out.push(c.length > 70 ? `${c.slice(0, 69).replace(/\s+\S*$/, '')}…` : c);
    if (out.length === 3) break;
  }
  return out;
}

function shortHint(text: string): string {
  return text.length > 48 ? `${text.slice(0, 47).replace(/\s+\S*$/, '')}…` : text;
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Whether the catalog marks a question as one about the person rather than an event. */
export function isAboutYou(catalog: Catalog, id: string | undefined): boolean {
  return id !== undefined && Boolean(catalog.questions.get(id)?.explicitOnly);
}

export type { Common, Frag };
