import type { Catalog } from './catalog.js';

/**
 * Fuzzy matching of a question as someone wrote it in their notes
 * ("Tell me about a time you failed. How did you deal with the situation?")
 * to a question id of the catalog (`failure`).
 *
 * Both sides become bags of content words: boilerplate ("tell me about a
 * time", "how did you handle it") and function words are dropped, words are
 * crudely stemmed and mapped through a small synonym table (colleague →
 * teammate). Words are weighted by how rare they are across the catalog, so
 * "deadline" or "dealbreaker" decide more than "work". A question scores
 * the geometric mean of how much of it the heading covers and how much of
 * the heading it explains; each question is tried in several phrasings (its
 * text, its id, a few common alternatives) and keeps its best score.
 */

export interface QuestionMatch {
  id: string;
  score: number;
}

/** Scores at or above this are treated as "clearly the same question". */
export const MATCH_THRESHOLD = 0.5;

const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at for with from by as into onto than then so too very just also really quite ' +
    'is are was were be been being am do does did done doing have has had having will would shall should can could may might must ' +
    'i me my mine we us our ours they them their it its this that these those there he she his her him ' +
    'you your yours u ur ' +
    'what which who whom whose when where how whats hows ' +
    'tell describe give share talk walk explain example examples please ' +
    'about time times situation situations instance occasion moment ' +
    'handle handled handling deal dealt dealing approach approached manage managed outcome outcomes result results happened happen ' +
    'faced face facing some any each every all most more much many one number ever recent recently ' +
    'under over through out up down again once ok okay like kind sort get got go went'
  ).split(/\s+/),
);

/** Words that mean the same thing for matching purposes, mapped to one spelling (before stemming). */
const SYNONYMS: Record<string, string> = {
  failed: 'fail', failure: 'fail', failures: 'fail', failing: 'fail', fails: 'fail',
  colleague: 'teammate', colleagues: 'teammate', coworker: 'teammate', coworkers: 'teammate', peer: 'teammate', peers: 'teammate',
  teammates: 'teammate',
  boss: 'manager', supervisor: 'manager', managers: 'manager',
  achievement: 'accomplishment', achievements: 'accomplishment', accomplishments: 'accomplishment', accomplished: 'accomplishment',
  proudest: 'proud',
  hardest: 'challenging', toughest: 'challenging', difficult: 'challenging', challenge: 'challenging', challenges: 'challenging',
  complex: 'challenging', tough: 'challenging', hard: 'challenging',
  disagreement: 'disagree', disagreements: 'disagree', disagreed: 'disagree', disagreeing: 'disagree',
  conflicts: 'conflict', conflicting: 'conflict',
  deadlines: 'deadline',
  goals: 'goal', aspirations: 'goal', aspiration: 'goal', ambitions: 'goal', ambition: 'goal',
  organisation: 'company', organization: 'company', firm: 'company', employer: 'company',
  dealbreakers: 'dealbreaker', 'deal-breaker': 'dealbreaker', 'deal-breakers': 'dealbreaker',
  mistakes: 'mistake',
  mentored: 'mentor', mentoring: 'mentor', coach: 'mentor', coached: 'mentor', coaching: 'mentor',
  unforeseen: 'unexpected', unplanned: 'unexpected', surprise: 'unexpected',
  issues: 'problem', issue: 'problem', problems: 'problem', obstacles: 'problem', obstacle: 'problem', setbacks: 'problem', bugs: 'problem',
  weaknesses: 'weakness', strengths: 'strength',
  yourself: 'yourself', introduce: 'yourself', background: 'yourself',
  prioritise: 'prioritize', prioritised: 'prioritize', prioritized: 'prioritize', priorities: 'prioritize', prioritization: 'prioritize',
  prioritisation: 'prioritize',
  pro: 'good', pros: 'good', con: 'bad', cons: 'bad', positive: 'good', negative: 'bad', constructive: 'bad',
  led: 'lead', leading: 'lead', leadership: 'lead',
  differently: 'different',
  enjoyed: 'enjoy', enjoying: 'enjoy',
};

/** Extra phrasings of built-in questions that people often write instead of the bank's text. */
const PHRASINGS: Record<string, string[]> = {
  'about-me': ['introduce yourself', 'walk me through your background', 'your pitch'],
  'why-company': ['why this company', 'why do you want to join us', 'why us'],
  'career-goals': ['career goals', 'where do you see yourself in five years'],
  dealbreakers: ['dealbreakers'],
  'manager-feedback': ['manager feedback', 'recent feedback from your manager'],
  'hardest-project': ['hardest project', 'most challenging project'],
  proudest: ['proudest accomplishment', 'achievement you are proud of', 'greatest achievement', 'biggest accomplishment'],
  'tight-deadline': ['tight deadline'],
  'unexpected-issues': ['unexpected issues deadline', 'unexpected problems'],
  'conflict-teammate': ['conflict with a teammate', 'conflict with a colleague'],
  'disagree-manager': ['disagreement with your manager'],
  failure: ['failure', 'a time you failed'],
  mistake: ['mistakes'],
  'do-differently': ['what would you do differently'],
  'enjoyed-most': ['what did you enjoy', 'what you enjoyed'],
  weaknesses: ['weakness'],
  strengths: ['strengths'],
  leadership: ['leadership'],
  mentoring: ['mentoring', 'mentored someone'],
  'technical-decision': ['technical decisions'],
};

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/** Content words of a piece of text, stemmed: "Tell me about a time you failed" → ["fail"]. */
export function contentWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\bdeal[ -]breakers?\b/g, 'dealbreaker')
    .replace(/'(s|re|ve|ll|d|m|t)\b/g, '')
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9-]+|-{2,}|(?<=\s)-|-(?=\s)/)
    .flatMap((w) => (w.includes('-') && !SYNONYMS[w] ? w.split('-') : [w]))
    .filter((w) => w.length > 1 && !/^\d+$/.test(w));
  const out: string[] = [];
  for (const word of words) {
    if (STOPWORDS.has(word)) continue;
    const stem = stemWord(SYNONYMS[word] ?? word);
    if (stem && !out.includes(stem)) out.push(stem);
  }
  return out;
}

/** A crude prefix stemmer: plural, -ed, -ing and -ly endings off, then the first six letters. */
function stemWord(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed', 'ly', 'e']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.slice(0, 6);
}

interface IndexedQuestion {
  id: string;
  variants: string[][];
}

/** A catalog prepared for matching; build once per import. */
export interface QuestionIndex {
  questions: IndexedQuestion[];
  weight(word: string): number;
}

export function indexCatalog(catalog: Catalog): QuestionIndex {
  const questions: IndexedQuestion[] = [...catalog.questions.values()].map((q) => ({
    id: q.id,
    variants: [q.text, q.id.replace(/-/g, ' '), ...(PHRASINGS[q.id] ?? [])].map(contentWords).filter((v) => v.length > 0),
  }));
  const df = new Map<string, number>();
  for (const q of questions) {
    for (const word of new Set(q.variants.flat())) df.set(word, (df.get(word) ?? 0) + 1);
  }
  const n = questions.length;
  // Words no question uses still count against a heading, but no more than the rarest known word.
  const weight = (word: string) => Math.log((n + 1) / Math.min(df.get(word) ?? 0.5, n));
  return { questions, weight };
}

/** Catalog questions ranked by how well they match `text`, best first; only scores above zero. */
export function rankQuestions(text: string, index: QuestionIndex): QuestionMatch[] {
  const heading = contentWords(text);
  if (heading.length === 0) return [];
  const headingWeight = heading.reduce((sum, w) => sum + index.weight(w), 0);
  const matches: QuestionMatch[] = [];
  for (const q of index.questions) {
    let best = 0;
    for (const variant of q.variants) {
      const shared = variant.filter((w) => heading.includes(w)).reduce((sum, w) => sum + index.weight(w), 0);
      if (shared === 0) continue;
      const variantWeight = variant.reduce((sum, w) => sum + index.weight(w), 0);
      best = Math.max(best, Math.sqrt((shared / variantWeight) * (shared / headingWeight)));
    }
    if (best > 0) matches.push({ id: q.id, score: best });
  }
  return matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/** The clearly matching question, if any. */
export function matchQuestion(text: string, index: QuestionIndex): QuestionMatch | undefined {
  const [best] = rankQuestions(text, index);
  return best && best.score >= MATCH_THRESHOLD ? best : undefined;
}

const PROMPT_START = /^(tell (me|us)|describe|walk (me|us) through|give (me|us) an? |talk (me|us) through|share an? |can you|could you|would you|have you|did you|do you|are you|were you|how would you)/i;
const WH_START = /^(why|what|how|when|where|who|which|whats|what's|what’s)\b/i;

/**
 * Whether a line reads as an interview question: it has a question mark,
 * or starts like a prompt ("Tell me about…", "Describe…"), or is a short
 * wh-question without a full stop ("Why this company").
 */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim().replace(/^["“”'‘’*_]+/, '');
  if (t.length === 0) return false;
  if (t.includes('?')) return true;
  if (PROMPT_START.test(t)) return true;
  return WH_START.test(t) && t.split(/\s+/).length <= 20 && !/[.!:]["”’]?$/.test(t);
}
