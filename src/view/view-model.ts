import type { RootContent } from 'mdast';
import { COMPETENCIES } from '../questions/bank.js';
import type { Assignment, Plan } from '../plan/assign.js';
import { formatSpeakingTime, guidanceNote, speakingSeconds } from '../plan/speaking.js';
import { splitSentences } from '../support/sentences.js';
import { NO_PRACTICE, type PracticeHistory } from '../practice/history.js';
import type { Paper, Config } from '../workspace/schema.js';
import type { Story, StorySection } from '../workspace/story.js';
import { storyCues } from './cues.js';

/**
 * Everything a template or writer needs, computed once from a plan.
 * Writers (HTML, DOCX, Markdown) only lay this out; they decide nothing,
 * and never go back to the question bank or the stories.
 */

export interface ViewSection {
  key: StorySection['key'];
  label: string;
  /** Sanitised mdast: raw HTML is already text, unsafe links are gone. */
  nodes: RootContent[];
  text: string;
}

export interface ViewStory {
  id: string;
  title: string;
  year?: number;
  kind: 'star' | 'answer';
  cues: string[];
  metrics: string[];
  /** How to frame this story for this question, from the story's `angles`. */
  angle?: string;
  /** STAR sections in order, or one `answer` section. */
  sections: ViewSection[];
  lessons?: ViewSection;
  words: number;
  speakingSeconds: number;
  /** e.g. "about 1 min 40 s" */
  speakingTime: string;
  /** The line the answer bank prints: "Speaking time: about 2 min 40 s (400 words), about 40 s over the 1.5–2 min guidance". */
  speakingLine: string;
  tags: string[];
  competencies: string[];
  /** The competencies as people read them ("Conflict resolution"), same order. */
  competencyLabels: string[];
  /** Unknown front-matter keys, passed through for custom templates. */
  extra: Record<string, unknown>;
}

export interface ViewEntry {
  /** 1-based, in profile order. */
  number: number;
  questionId: string;
  question: string;
  score: number;
  gap: boolean;
  /** For a gap: what to do about it, in one sentence. */
  gapNote?: string;
  story?: ViewStory;
  /** Number of the earlier entry that already tells this story (the sheet and the answer bank tell it once). */
  repeatOf?: number;
  /** That earlier entry's question, for the answer bank's "told under" line. */
  repeatOfQuestion?: string;
  backup?: { id: string; title: string };
  /** The log has reps, but none of this question with this story: the sheet marks it, small. */
  unpractised: boolean;
}

export interface CoverageRow {
  id: string;
  label: string;
  weight: number;
  /** Titles of the picked stories that show this competency. */
  stories: string[];
}

export interface ViewModel {
  profile: { name: string; role: string; company?: string; paper: Paper; answerWords: number };
  person: { name?: string; headline?: string; email?: string; phone?: string; links: { label: string; url: string }[] };
  /** "Senior Backend Engineer @ Example Corp" */
  heading: string;
  /** The build's date: `iso` (2026-11-28) and `label` (28 Nov 2026) for the pages, `instant` (full ISO time) for file metadata. */
  date: { iso: string; label: string; instant: string };
  /** `short`: two or three sentences, for the cheat sheet. */
  pitch: { nodes: RootContent[]; text: string; short: string; from: 'profile' | 'about-me' | 'none' };
  entries: ViewEntry[];
  ask: string[];
  /** Headline metrics of the picked stories, de-duplicated, in question order. */
  numbers: string[];
  coverage: CoverageRow[];
  gaps: string[];
  /** How many entries are `unpractised` (0 when nothing was ever practised). */
  unpractised: number;
  extra: Record<string, unknown>;
}

export interface ViewOptions {
  paper: Paper;
  /** Build time; SOURCE_DATE_EPOCH makes it reproducible. */
  now: Date;
  /**
   * For a document that may be sent to someone (the answer bank): its gap
   * notes never name a private story. The cheat sheet is personal and does.
   */
  shared: boolean;
  /** The practice log's summary; without one (or with an empty log) nothing is marked. */
  practice?: PracticeHistory;
}

export function buildViewModel(plan: Plan, stories: readonly Story[], config: Config, options: ViewOptions): ViewModel {
  const { profile } = plan;
  const firstUse = new Map<string, { number: number; question: string }>();
  const practice = options.practice ?? NO_PRACTICE;
  const entries: ViewEntry[] = plan.assignments.map((a) => {
    const id = a.pick?.story.id;
    const first = id ? firstUse.get(id) : undefined;
    if (id && first === undefined) firstUse.set(id, { number: a.index + 1, question: a.question.text });
    return {
      number: a.index + 1,
      questionId: a.question.id,
      question: a.question.text,
      score: a.pick?.score ?? 0,
      gap: !a.pick,
      gapNote: a.pick ? undefined : gapNote(a, options.shared),
      story: a.pick ? viewStory(a.pick.story, a.question.id) : undefined,
      repeatOf: first?.number,
      repeatOfQuestion: first?.question,
      backup: a.backup ? { id: a.backup.story.id, title: a.backup.story.title } : undefined,
      unpractised: practice.total > 0 && a.pick !== undefined && practice.of(a.question.id, a.pick.story.id).reps === 0,
    };
  });

  const pitch = choosePitch(plan, stories);
  const numbers = [...new Set(entries.flatMap((e) => e.story?.metrics ?? []))];
  const emphasis = Object.entries(profile.emphasis)
    .map(([id, weight]) => ({ id: id.toLowerCase(), weight }))
    .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
  const coverage: CoverageRow[] = emphasis.map(({ id, weight }) => ({
    id,
    label: competencyLabel(id),
    weight,
    stories: [...new Set(entries.filter((e) => e.story?.competencies.includes(id)).map((e) => e.story!.title))],
  }));

  return {
    profile: {
      name: profile.name,
      role: profile.role,
      company: profile.company,
      paper: options.paper,
      answerWords: profile.answer_words,
    },
    person: {
      name: config.name,
      headline: config.headline,
      email: config.email,
      phone: config.phone,
      links: config.links,
    },
    heading: profile.company ? `${profile.role} @ ${profile.company}` : profile.role,
    date: { iso: options.now.toISOString().slice(0, 10), label: formatDate(options.now), instant: options.now.toISOString() },
    pitch,
    entries,
    ask: profile.ask,
    numbers,
    coverage,
    gaps: plan.gaps.map((q) => q.text),
    unpractised: entries.filter((e) => e.unpractised).length,
    extra: profile.extra,
  };
}

function viewStory(story: Story, questionId: string): ViewStory {
  const angleKey = Object.keys(story.angles).find((k) => k.toLowerCase() === questionId);
  const seconds = speakingSeconds(story.words);
  return {
    id: story.id,
    title: story.title,
    year: story.year,
    kind: story.kind,
    cues: storyCues(story).map((c) => c.text),
    metrics: story.metrics,
    angle: angleKey ? story.angles[angleKey] : undefined,
    sections: story.sections.map(viewSection),
    lessons: story.lessons ? viewSection(story.lessons) : undefined,
    words: story.words,
    speakingSeconds: seconds,
    speakingTime: formatSpeakingTime(seconds),
    speakingLine: `Speaking time: ${formatSpeakingTime(seconds)} (${story.words} words), ${guidanceNote(seconds)}`,
    tags: story.tags,
    competencies: story.competencies,
    competencyLabels: story.competencies.map(competencyLabel),
    extra: story.extra,
  };
}

function viewSection(s: StorySection): ViewSection {
  return { key: s.key, label: s.label, nodes: s.nodes, text: s.text };
}

/** The profile body, else the answer of the story that lists `about-me`, unless that story answers a question of the profile. */
function choosePitch(plan: Plan, stories: readonly Story[]): ViewModel['pitch'] {
  if (plan.profile.pitchText.length > 0) {
    return { nodes: plan.profile.pitch, text: plan.profile.pitchText, short: shortPitch(plan.profile.pitchText), from: 'profile' };
  }
  const excluded = new Set(plan.excluded.map((e) => e.story.id));
  const aboutMe = stories.find((s) => s.questions.includes('about-me') && !excluded.has(s.id));
  const section = aboutMe?.sections[0];
  // A story the outputs already tell under a question is not printed a second time on top.
  const told = plan.assignments.some((a) => a.pick?.story.id === aboutMe?.id);
  if (aboutMe && section && !told) {
    const nodes = aboutMe.kind === 'answer' ? section.nodes : aboutMe.sections.flatMap((s) => s.nodes);
    const text = aboutMe.sections.map((s) => s.text).join('\n\n');
    return { nodes, text, short: shortPitch(text), from: 'about-me' };
  }
  return { nodes: [], text: '', short: '', from: 'none' };
}

/** Two or three sentences: the sheet is a reminder, not a script. */
export function shortPitch(text: string, maxChars = 330): string {
  const parts = splitSentences(text);
  let out = '';
  for (const s of parts.slice(0, 3)) {
    if (out && out.length + s.length + 1 > maxChars) break;
    out = out ? `${out} ${s}` : s;
  }
  return out.length > maxChars ? `${out.slice(0, maxChars - 1).replace(/\s+\S*$/, '')}…` : out;
}

/**
 * What to do about a question no story answers. When stories would answer
 * it but are held back (private, draft, left out by tags), the note names
 * them and says how to use them, except a private one in a shared document.
 */
function gapNote(a: Assignment, shared: boolean): string {
  const held = a.withheld.filter((h) => !(shared && h.story.private));
  if (held.length === 0) {
    if (a.withheld.length > 0) return `No story to share yet: ${a.withheld.length === 1 ? 'the only story for this question is' : 'the only stories for this question are'} private, and private stories stay out of the answer bank.`;
    return `No story yet: write one that lists “${a.question.id}” under questions, or say how you would approach it.`;
  }
  if (held.length === 1) {
    const [{ story, why }] = held as [Assignment['withheld'][number]];
    return `Only “${story.title}” answers this, and ${heldBack(why)}.`;
  }
  return `Only held-back stories answer this: ${held.map((h) => `“${h.story.title}” (${heldBack(h.why)})`).join('; ')}.`;
}

function heldBack(why: string): string {
  if (why === 'private') return 'it is private: use --include-private to include it';
  if (why === 'draft') return 'it is still a draft: finish it and take out “draft: true”';
  return `this profile leaves it out: ${why}`;
}

const LABELS = new Map(COMPETENCIES.map((c) => [c.id, c.label]));

function competencyLabel(id: string): string {
  return LABELS.get(id) ?? id;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "28 Nov 2026", in UTC so that a build is the same everywhere. */
export function formatDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds; else now. */
export function buildTime(env: NodeJS.ProcessEnv = process.env): Date {
  return sourceDateEpoch(env) ?? new Date();
}

/** The time SOURCE_DATE_EPOCH pins, if it is set to whole seconds. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}
