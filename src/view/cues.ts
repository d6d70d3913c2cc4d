import type { List, Paragraph, RootContent } from 'mdast';
import { findNumbers } from '../support/numbers.js';
import { splitSentences } from '../support/sentences.js';
import { plainText } from '../workspace/markdown.js';
import { metricFacts, NO_METRICS, type MetricFacts } from './metric-facts.js';
import { clauses, shortenAround, type Span } from './shorten.js';

/**
 * Cue lines: what the cheat sheet prints under a story, one glance each.
 * A story's own `cues:` are used as written. Otherwise they are derived,
 * deterministically and with a reason for each, so `plan --cues` can show
 * where every line came from:
 *
 * - a STAR story gives one line per section, from the sentence that carries
 *   the section's number or outcome (the Result above all), else its first;
 * - an answer gives its opening sentence and the sentences or bullets that
 *   carry numbers and outcomes, in the answer's order;
 * - a long sentence is cut at clause boundaries around its number, never
 *   inside a word or a number;
 * - a line that only repeats what the story's metrics line prints is left
 *   out: the sheet shows that fact once.
 */

export interface Cue {
  text: string;
  /** Where a derived line came from; a written cue has none. */
  source?: { section: string; sentence: string; why: string };
}

export interface CueStory {
  kind: 'star' | 'answer';
  cues: readonly string[];
  metrics: readonly string[];
  sections: readonly { key: string; label: string; nodes: readonly RootContent[] }[];
}

/** Characters per cue line: two lines of a cheat-sheet column. */
export const CUE_MAX_CHARS = 100;
/** An answer shows its opening and up to this many lines in all. */
const ANSWER_CUES = 4;

export function storyCues(story: CueStory): Cue[] {
  const metrics = metricFacts(story.metrics);
  if (story.cues.length > 0) return story.cues.filter((c) => !metrics.same(c)).map((text) => ({ text }));
  if (story.kind === 'star') {
    return story.sections.flatMap((section) => {
      const best = rank(candidates(section.nodes), section.key, metrics)[0];
      return best ? [cueOf(best, section.label)] : [];
    });
  }
  const answer = story.sections[0];
  if (!answer) return [];
  const ranked = rank(candidates(answer.nodes), 'answer', metrics);
  // An answer's line never stops mid-sentence, unless every sentence is too long to print whole.
  const whole = ranked.filter((c) => !c.cut);
  return (whole.length > 0 ? whole : ranked)
    .slice(0, ANSWER_CUES)
    .sort((a, b) => a.order - b.order)
    .map((c) => cueOf(c, answer.label));
}

// ------------------------------------------------------------ candidates

/** One sentence that could become a cue, with the bullet label it sits under. */
interface Candidate {
  sentence: string;
  /** The bold lead-in of a bullet ("**Bursts.** I capped…"), printed before the sentence. */
  label?: string;
  bullet: boolean;
  /** The last item of its list: where a bulleted answer usually puts the outcome. */
  lastItem: boolean;
  /** Position in the section, for ties and for reading order. */
  order: number;
}

function candidates(nodes: readonly RootContent[]): Candidate[] {
  const out: Candidate[] = [];
  // A bold label belongs to the first sentence after it.
  const add = (text: string, extra: Omit<Candidate, 'sentence' | 'order'>) => {
    splitSentences(text).forEach((sentence, i) => out.push({ sentence, ...extra, label: i === 0 ? extra.label : undefined, order: out.length }));
  };
  const walk = (list: readonly RootContent[]) => {
    for (const node of list) {
      if (node.type === 'paragraph') {
        const { label, text } = labelled(node);
        add(text || label || '', { bullet: false, label: text ? label : undefined, lastItem: false });
      }
      else if (node.type === 'blockquote') walk(node.children);
      else if (node.type === 'list') items(node, add, walk);
      // Headings, code and tables are labels and listings, not sentences to glance at.
    }
  };
  walk(nodes);
  return out;
}

function items(list: List, add: (text: string, extra: Omit<Candidate, 'sentence' | 'order'>) => void, walk: (nodes: readonly RootContent[]) => void): void {
  list.children.forEach((item, i) => {
    const [first, ...rest] = item.children;
    const lastItem = i === list.children.length - 1;
    if (first?.type === 'paragraph') {
      const { label, text } = labelled(first);
      if (text) add(text, { bullet: true, label, lastItem });
      else if (label) add(label, { bullet: true, lastItem });
      walk(rest);
    } else {
      walk(item.children);
    }
  });
}

/** "**No ownership.** I'd avoid…" → label "No ownership", text "I'd avoid…". */
function labelled(paragraph: Paragraph): { label?: string; text: string } {
  const whole = plainText([paragraph]);
  const lead = paragraph.children[0];
  if (lead?.type !== 'strong') return { text: whole };
  const bold = plainText([lead]).trim();
  const after = whole.slice(whole.indexOf(bold) + bold.length);
  const boundary = /[.:!?]$/.test(bold) || /^\s*[.:—–-]/.test(after);
  if (!boundary || bold.length > 40 || !after.trim()) return { text: whole };
  return { label: bold.replace(/[\s.:!?—–-]+$/, ''), text: after.replace(/^\s*[.:—–-]?\s*/, '') };
}

// ------------------------------------------------------------ scoring

interface Scored extends Candidate {
  text: string;
  /** Cut inside a clause, at a word. */
  cut: boolean;
  points: number;
  why: string[];
}

/** A change stated as two numbers: "from 4.1h to 1.3h", "22 % → 9 %". */
const CHANGE = /\bfrom\s+[^,;]{0,30}?\d[^,;]{0,30}?\s+(?:to|down to|up to)\s+[^,;\s]*\d[^\s,;]*|\d[^\s,;]*\s*(?:→|->)\s*[^\s,;]*\d[^\s,;]*/iu;

/** Words that say what changed or what came of it. */
const OUTCOME =
  /\b(?:now|reduc\w*|cut|cuts|dropp\w*|dropped|fell|rose|increas\w*|improv\w*|saved|saves|saving|grew|doubl\w*|halv\w*|won(?!['’]t)|promot\w*|adopt\w*|launched|shipped|delivered|lowered|raised|shortened|eliminat\w*|prevent\w*|recogni[sz]ed|exceed\w*|beat|became|resulted|led to|went (?:from|down|up)|no longer|came off)\b/iu;

/** How a line that starts mid-sentence must not start: it would read as a scrap ("due to the director in 60 days"). */
const SCRAP = /^(?:due|in|on|at|for|with|by|from|to|of|into|after|before|during|within|without|saying|including|such|which|who|where|that|than|as|like|e\.g|i\.e|\p{L}+ing)\b/iu;

/** A sentence that only leads into a list ("My manager said that I'm:") says nothing on its own. */
const OPENS_A_LIST = /\b(?:i'm|i am|we're|is|are|was|were|that|to|include|includes|including|like|as)\s*:$/iu;

/** Points per kind of evidence, by section: a Result is read for its numbers, a Situation for its setting. */
const WEIGHTS: Record<string, { digits: number; spelled: number; change: number; outcome: number; first: number }> = {
  situation: { digits: 2, spelled: 1, change: 1, outcome: 0, first: 2 },
  task: { digits: 2, spelled: 1, change: 1, outcome: 0, first: 2 },
  action: { digits: 2, spelled: 1, change: 1, outcome: 1, first: 1 },
  result: { digits: 4, spelled: 2, change: 2, outcome: 2, first: 1 },
  answer: { digits: 3, spelled: 1, change: 2, outcome: 2, first: 3 },
};

/**
 * Candidates best first (ties: earlier first). Each sentence is tried whole
 * and shortened two ways (around its number, and from its start), and
 * without the clauses the metrics line already prints; its best line counts.
 */
function rank(list: readonly Candidate[], section: string, facts: MetricFacts): Scored[] {
  // Metrics are outcomes: a Situation or Task that shares a number with one ("six teams kept their own buttons") sets the scene.
  const metrics = section === 'situation' || section === 'task' ? NO_METRICS : facts;
  const scored: Scored[] = [];
  for (const c of list) {
    const bodies = [c.sentence];
    // "We delivered two days early; the junior handled the rest": the metrics line may have the first half.
    const rest = clauses(c.sentence)
      .map((p) => c.sentence.slice(p.start, p.end))
      .filter((part) => !metrics.repeats(part))
      .join('')
      .trim();
    if (rest && rest !== c.sentence) bodies.push(rest);
    let best: Scored | undefined;
    for (const body of bodies) {
      for (const focus of [evidence(body, c, section, metrics).focus, undefined]) {
        const tried = lineFor(body, focus, c, section, metrics);
        if (!tried) continue;
        if (body !== c.sentence) tried.why.push('leaves out what the metrics line prints');
        if (!best || tried.points > best.points) best = tried;
      }
    }
    if (best) scored.push(best);
  }
  return scored.sort((a, b) => b.points - a.points || a.order - b.order);
}

/** The printed line for one way of shortening, scored on what it keeps; none when it only repeats a metric. */
function lineFor(body: string, focus: Span | undefined, c: Candidate, section: string, metrics: MetricFacts): Scored | undefined {
  const room = c.label ? CUE_MAX_CHARS - c.label.length - 2 : CUE_MAX_CHARS;
  const short = shortenAround(body, focus, Math.max(40, room), { ellipsis: section !== 'answer' });
  const text = c.label ? `${c.label}${c.label.includes(':') ? ' —' : ':'} ${short.text}` : short.text;
  if (metrics.repeats(text) || short.text.length < 4 || OPENS_A_LIST.test(c.sentence)) return undefined;
  const { points: earned, why } = evidence(short.text, c, section, metrics);
  let points = earned;
  if (short.fragment && SCRAP.test(short.text)) {
    points -= 3;
    why.push('starts mid-sentence');
  }
  if (short.cut) {
    points -= 1;
    why.push('cut at a word');
  }
  if (clauses(short.text).some((p) => metrics.repeats(short.text.slice(p.start, p.end)))) {
    points -= 2;
    why.push('repeats a metric in part');
  }
  return { ...c, text, cut: short.cut, points, why };
}

/** What a piece of a sentence has going for it in this section, and the part of it to keep when it is cut. */
function evidence(sentence: string, c: Candidate, section: string, metrics: MetricFacts): { points: number; why: string[]; focus?: Span } {
  const w = WEIGHTS[section] ?? WEIGHTS.action!;
  const why: string[] = [];
  let points = 0;
  const fresh = findNumbers(sentence).filter((n) => n.quantity && !metrics.values.has(n.value));
  const digits = fresh.filter((n) => !n.spelled);
  const spelled = fresh.filter((n) => n.spelled);
  const change = w.change ? CHANGE.exec(sentence) : null;
  const outcome = w.outcome ? OUTCOME.exec(sentence) : null;
  if (change) {
    points += w.change;
    why.push(`states a change (${change[0].trim().replace(/[.,;:]+$/, '')})`);
  }
  if (digits.length > 0) {
    points += w.digits + Math.min(2, digits.length - 1);
    if (!change) why.push(`has ${digits.map((n) => n.text).join(', ')}`);
  } else if (spelled.length > 0) {
    points += w.spelled;
    why.push(`has ${spelled.map((n) => n.text).join(', ')}`);
  }
  if (outcome) {
    points += w.outcome;
    why.push(`says the outcome ("${outcome[0]}")`);
  }
  if (c.order === 0) {
    points += w.first;
    why.push(section === 'answer' ? 'opens the answer' : 'first sentence');
  }
  // Where an answer puts its weight: the last bullet (often the outcome), a point its author set in bold.
  if (section === 'answer' && c.lastItem) {
    points += 1;
    why.push('last bullet');
  }
  if (section === 'answer' && c.label) {
    points += 1;
    why.push('has a bold lead-in');
  }
  if (why.length === 0) why.push('nothing stands out: the earliest such sentence');
  const at = change ?? undefined;
  const focus = at
    ? { start: at.index, end: at.index + at[0].length }
    : (digits[0] ?? spelled[0] ?? (outcome ? { start: outcome.index, end: outcome.index + outcome[0].length } : undefined));
  return { points, why, focus: focus && { start: focus.start, end: focus.end } };
}

function cueOf(c: Scored, section: string): Cue {
  return { text: c.text, source: { section, sentence: c.label ? `${c.label}. ${c.sentence}` : c.sentence, why: c.why.join('; ') } };
}
