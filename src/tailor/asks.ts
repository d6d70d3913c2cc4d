import type { Analysis } from './analyse.js';
import type { Posting } from './posting.js';
import { quoteAround, type Quote } from './quote.js';
import { SECTION_WEIGHTS, type Placement } from './sections.js';

/**
 * Questions for the interviewer, from what the posting leaves open or
 * stresses. A topic the posting stresses (on-call "day or night", a shift
 * rota) deserves a question about how it works in practice; a topic it
 * never mentions (how success is measured, who you report to) is worth
 * asking because the answer is not in the posting. A topic it settles
 * ("a Data Platform team of six") is not asked.
 */

export type TopicId = 'on-call' | 'team-size' | 'success-measures' | 'growth' | 'remote' | 'travel' | 'tech-stack' | 'shift-pattern' | 'budget' | 'reporting-line';

interface Topic {
  id: TopicId;
  /** Words that show the posting talks about the topic. */
  mentioned: RegExp;
  /** Words that show the posting answers it. */
  settled?: RegExp | ((text: string) => boolean);
  /** Asked when the posting stresses the topic. */
  stressed: string;
  /** Asked when the posting is silent on it; undefined when silence is no reason to ask. */
  silent?: string;
  /** When a silent topic matters: the kind of job where it does. */
  relevantWhen?: (analysis: Analysis) => boolean;
  /** How much the posting must say about it to count as stressed (section weights added up). */
  minWeight?: number;
  /** Order among silent topics: lower first. */
  rank: number;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const TEAM_SIZE = new RegExp(
  String.raw`\b(?:team|group|department|squad|unit) of (\d+|${NUMBER_WORDS.join('|')})\b|\b(\d+|${NUMBER_WORDS.join('|')})(?:-person)?(?: [\p{L}-]+){0,2} (?:engineers|developers|specialists|teachers|people|nurses|designers|analysts|pharmacists|scientists|researchers|agents|staff|colleagues|members)\b`,
  'giu',
);
/** The largest number that is still a team rather than a company ("a company of 100–300 people" is not). */
const MAX_TEAM = 40;

/** "A Data Platform team of six", "Eight support specialists", "our 14-person research group". */
function statesTeamSize(text: string): boolean {
  for (const m of text.matchAll(TEAM_SIZE)) {
    const raw = (m[1] ?? m[2] ?? '').toLowerCase();
    const n = NUMBER_WORDS.includes(raw) ? NUMBER_WORDS.indexOf(raw) : Number(raw);
    if (n > 0 && n <= MAX_TEAM) return true;
  }
  return /\b\d{1,2}-person\b/.test(text);
}

const TOPICS: Topic[] = [
  {
    id: 'on-call',
    mentioned: /\bon[- ]?call\b|\bout of hours\b|\bpager\b|\bincident rota\b/i,
    settled: /on[- ]?call[^.]{0,40}\b(one|1) (week|day) in (\w+|\d+)\b/i,
    stressed: 'What does on-call look like in practice: how often is each person on the rota, and how many pages does a typical week bring?',
    silent: 'Is there an on-call rota for this role, and how are problems handled out of hours?',
    relevantWhen: (a) => TECHNICAL_ROLE.test(a.role?.text ?? '') || a.asks.some((x) => x.id === 'reliability' && x.weight >= 2),
    rank: 3,
  },
  {
    id: 'shift-pattern',
    mentioned: /\bshifts?\b|\brota\b|\bnights?\b|\bweekends?\b|\bdays\/nights\b|\brotating\b/i,
    stressed: 'How are shifts and rotas planned here, and how much notice do people get of their schedule?',
    rank: 9,
  },
  {
    id: 'team-size',
    mentioned: /\bteam\b/i,
    settled: statesTeamSize,
    stressed: 'How big is the team, and who would I work with most closely day to day?',
    silent: 'How big is the team, and who would I work with most closely day to day?',
    rank: 2,
  },
  {
    id: 'success-measures',
    mentioned: /\bsuccess (looks|means|is measured)\b|\bmeasure(d)? (of )?success\b|\bfirst (30|60|90) days\b|\bokrs?\b|\bkpis?\b/i,
    stressed: 'You mention what success looks like; which of those results matters most in the first six months, and how is it measured?',
    silent: 'How will you judge that the person in this role has done well after six months?',
    rank: 1,
  },
  {
    id: 'growth',
    mentioned: /\bprogression\b|\bcareer (path|ladder|development|growth)\b|\bpromotion\b|\bclinical ladder\b|\bleadership (pathway|academy|programme|program)\b/i,
    stressed: 'You mention progression; what have people who did well in this role gone on to do?',
    silent: 'What does progression look like from this role, and what have people in it gone on to do?',
    rank: 4,
  },
  {
    id: 'reporting-line',
    mentioned: /\breport(ing)? (in)?to\b|\bline manager\b|\breports to\b/i,
    settled: /\breport(ing)? (in)?to (the|our|a) [\p{L} ]{3,40}/iu,
    stressed: 'Who would I report to, and how do they like to work with their team?',
    silent: 'Who would I report to, and how do they like to work with their team?',
    rank: 5,
  },
  {
    id: 'remote',
    mentioned: /\bhybrid\b|\bremote\b|\bin the office\b|\bon site\b|\bonsite\b/i,
    settled: /\b(\d|two|three|four) days? (a|per) week\b|\b(\d|two|three|four) days (in|on) (the office|site)\b|\bremote[- ]first\b|\bfully remote\b/i,
    stressed: 'How does the team split its time between the office and remote work, and how do you keep people in step across both?',
    minWeight: 1,
    rank: 8,
  },
  {
    id: 'travel',
    mentioned: /\btravel\b|\bcross-site\b|\bon the road\b|\bcustomer visits\b|\bfield-based\b/i,
    stressed: 'How much travel does the role involve, and where to?',
    silent: 'How much travel does the role involve: customer visits, events, the other offices?',
    relevantWhen: (a) => /\b(sales|account|business development|field|territory|consultant|partner manager|customer success)\b/i.test(a.role?.text ?? ''),
    rank: 7,
  },
  {
    id: 'budget',
    mentioned: /\b(compute|hiring|training|marketing|team|project|research|programme|program) budgets?\b|\bbudgets? (for|of) (the|your) (team|role|project|department)\b|\bheadcount\b|\bcompute allocation\b/i,
    stressed: 'What budget and resources does the role have to work with, and who decides on them?',
    rank: 10,
  },
  {
    id: 'tech-stack',
    mentioned: /\bstack\b|\btools?\b|\bsoftware\b|\bsystems?\b/i,
    stressed: 'Which tools and systems would I use day to day, and which are you planning to change?',
    rank: 11,
  },
];

export interface InterviewerQuestion {
  topic: TopicId;
  text: string;
  /** Why it is asked: the line that stresses it, or that the posting is silent. */
  why: Quote | 'not in the posting';
}

export const MIN_ASKS = 2;
export const MAX_ASKS = 4;

/** Job titles for which production on-call is a fair question even when the posting is silent. */
const TECHNICAL_ROLE = /\b(engineer|engineering|developer|devops|sre|sysadmin|administrator|architect)\b/i;

/** Sections whose numbers describe the job, not the company ("we are a team of 140" is the company). */
const ABOUT_THE_JOB = new Set<Placement>(['title', 'intro', 'role', 'responsibilities', 'requirements', 'preferred', 'unknown', 'other']);

/** Up to four questions for the interviewer, stressed topics first, then what is left open. */
export function questionsForThem(posting: Posting, placements: readonly Placement[], analysis: Analysis): InterviewerQuestion[] {
  const jobText = posting.blocks.filter((_, i) => ABOUT_THE_JOB.has(placements[i]!)).map((b) => b.text).join('\n');
  const stressed: ({ topic: Topic; weight: number } & Quote)[] = [];
  const silent: Topic[] = [];
  for (const topic of TOPICS) {
    if (topic.settled && (typeof topic.settled === 'function' ? topic.settled(jobText) : topic.settled.test(jobText))) continue;
    let weight = 0;
    let where: Quote | undefined;
    posting.blocks.forEach((block, i) => {
      const m = topic.mentioned.exec(block.text);
      if (!m) return;
      // Where the posting talks about it counts: the duties more than the perks.
      weight += Math.max(SECTION_WEIGHTS[placements[i]!], placements[i] === 'benefits' ? 0.2 : 0.1);
      where ??= quoteAround(block, m.index, m.index + m[0].length);
    });
    const isStressed = where !== undefined && weight >= (topic.minWeight ?? 0.5) && topic.id !== 'team-size' && topic.id !== 'tech-stack';
    if (isStressed) stressed.push({ topic, weight, ...where! });
    else if (topic.silent && (!topic.relevantWhen || topic.relevantWhen(analysis))) silent.push(topic);
  }
  stressed.sort((a, b) => b.weight - a.weight || a.topic.rank - b.topic.rank);
  const out: InterviewerQuestion[] = [];
  for (const s of stressed) {
    // One line that stresses two topics ("on-call shifts, day or night") is one question.
    if (out.length >= 2 || out.some((q) => q.why !== 'not in the posting' && q.why.line === s.line)) continue;
    out.push({ topic: s.topic.id, text: s.topic.stressed, why: { line: s.line, endLine: s.endLine, quote: s.quote } });
  }
  silent.sort((a, b) => a.rank - b.rank);
  for (const t of silent) if (out.length < MAX_ASKS) out.push({ topic: t.id, text: t.silent!, why: 'not in the posting' });
  return out;
}
