import type { Question } from '../questions/bank.js';
import type { Catalog } from '../questions/catalog.js';
import type { Profile } from '../workspace/profile.js';
import type { Story } from '../workspace/story.js';

/**
 * Story selection: pure, deterministic and explainable. Every point a story
 * earns is recorded as a reason, so `plan` can show why it won.
 */

/** An explicit listing outranks any amount of competency overlap. */
export const EXPLICIT_POINTS = 1000;
/** Per competency shared by story and question, multiplied by (1 + emphasis). */
const OVERLAP_POINTS = 10;
/** Per emphasised competency the story has but the question does not ask for. */
const EMPHASIS_POINTS = 2;
/** Subtracted per earlier use, so one story does not answer everything. */
export const REUSE_PENALTY = 15;

export interface Reason {
  term: string;
  points: number;
}

export interface Candidate {
  story: Story;
  score: number;
  reasons: Reason[];
}

export interface Assignment {
  question: Question;
  /** Position in the profile's question list, 0-based. */
  index: number;
  pick?: Candidate;
  backup?: Candidate;
  /**
   * For a gap: the stories that would answer it but may not be used for
   * this profile (private, draft, left out by tags), best first, so the
   * outputs can name them instead of saying "no story".
   */
  withheld: { story: Story; why: string }[];
}

export interface Plan {
  profile: Profile;
  assignments: Assignment[];
  gaps: Question[];
  unused: Story[];
  /** Stories that could never be picked for this profile, and why. */
  excluded: { story: Story; why: string }[];
}

export interface PlanOptions {
  includePrivate?: boolean;
}

export function eligibility(story: Story, profile: Profile, options: PlanOptions): string | undefined {
  if (story.draft) return 'draft';
  // init's examples show the format; they must never answer for the user in a real profile.
  if (story.example && !profile.example) return 'an example from storybank init';
  if (story.private && !options.includePrivate) return 'private';
  if (profile.include_tags.length > 0 && !story.tags.some((t) => profile.include_tags.includes(t))) {
    return `no tag in include_tags (${profile.include_tags.join(', ')})`;
  }
  const excluded = story.tags.filter((t) => profile.exclude_tags.includes(t));
  if (excluded.length > 0) return `tag ${excluded.join(', ')} is in exclude_tags`;
  return undefined;
}

/** Scores one story for one question, before the reuse penalty. Undefined when it is no candidate at all. */
export function scoreStory(story: Story, question: Question, emphasis: Readonly<Record<string, number>>): Candidate | undefined {
  const reasons: Reason[] = [];
  const explicit = story.questions.includes(question.id);
  if (explicit) reasons.push({ term: `lists ${question.id}`, points: EXPLICIT_POINTS });
  // Free-form answers (pitch, goals…) only answer what they name, and
  // questions about the person only take stories that name them.
  if (!explicit && (story.kind === 'answer' || question.explicitOnly)) return undefined;
  let overlap = 0;
  // A competency listed twice counts once, or repetition could outscore an explicit listing.
  for (const c of new Set(story.competencies)) {
    const weight = emphasis[c] ?? 0;
    if (question.competencies.includes(c)) {
      const points = OVERLAP_POINTS * (1 + weight);
      overlap += points;
      reasons.push({ term: weight ? `${c} ×${1 + weight}` : c, points });
    } else if (weight > 0) {
      reasons.push({ term: `emphasis ${c}`, points: EMPHASIS_POINTS * weight });
    }
  }
  if (!explicit && overlap === 0) return undefined;
  const score = reasons.reduce((n, r) => n + r.points, 0);
  return { story, score, reasons };
}

function byScoreThenId(a: Candidate, b: Candidate): number {
  return b.score - a.score || byId(a.story, b.story);
}

function byId(a: Story, b: Story): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * An explicit listing wins before points are compared: reuse penalties, or a
 * question with many competencies, must never let overlap outrank it.
 */
function ranking(questionId: string): (a: Candidate, b: Candidate) => number {
  const explicit = (c: Candidate) => (c.story.questions.includes(questionId) ? 1 : 0);
  return (a, b) => explicit(b) - explicit(a) || byScoreThenId(a, b);
}

export function planProfile(profile: Profile, stories: readonly Story[], catalog: Catalog, options: PlanOptions = {}): Plan {
  const emphasis = Object.fromEntries(Object.entries(profile.emphasis).map(([k, v]) => [k.toLowerCase(), v]));
  const excluded: Plan['excluded'] = [];
  const pool: Story[] = [];
  // Input order must not matter: same stories, same plan (and same unused/excluded lists).
  for (const story of [...stories].sort(byId)) {
    const why = eligibility(story, profile, options);
    if (why) excluded.push({ story, why });
    else pool.push(story);
  }

  const uses = new Map<string, number>();
  const assignments: Assignment[] = [];
  const gaps: Question[] = [];
  profile.questions.forEach((id, index) => {
    const question = catalog.questions.get(id);
    if (!question) return; // Reported by validation; planning needs a valid workspace.
    const candidates = pool
      .map((story) => scoreStory(story, question, emphasis))
      .filter((c): c is Candidate => c !== undefined)
      .map((c) => {
        const used = uses.get(c.story.id) ?? 0;
        if (used === 0) return c;
        const penalty = { term: `used ${used}× already`, points: -REUSE_PENALTY * used };
        return { ...c, score: c.score + penalty.points, reasons: [...c.reasons, penalty] };
      })
      .sort(ranking(question.id));
    const [pick, backup] = candidates;
    if (pick) uses.set(pick.story.id, (uses.get(pick.story.id) ?? 0) + 1);
    else gaps.push(question);
    assignments.push({ question, index, pick, backup, withheld: pick ? [] : withheldFor(question, excluded, emphasis) });
  });

  const unused = pool.filter((s) => !uses.has(s.id));
  return { profile, assignments, gaps, unused, excluded };
}

/** Excluded stories that would have been candidates for a question, best first. */
function withheldFor(question: Question, excluded: Plan['excluded'], emphasis: Readonly<Record<string, number>>): Assignment['withheld'] {
  return excluded
    .map((e) => ({ ...e, candidate: scoreStory(e.story, question, emphasis) }))
    .filter((e): e is typeof e & { candidate: Candidate } => e.candidate !== undefined)
    .sort((a, b) => ranking(question.id)(a.candidate, b.candidate))
    .map(({ story, why }) => ({ story, why }));
}
