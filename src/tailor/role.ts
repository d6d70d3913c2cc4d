import type { Block, Posting } from './posting.js';
import { lineOf } from './posting.js';
import type { Placement } from './sections.js';

/**
 * The job title, as the posting states it: schema.org data, the page's
 * title heading, or "We are looking for a Senior Data Engineer to…". When
 * none of them names a job, the profile gets a placeholder instead of a guess.
 */

export interface Found {
  text: string;
  /** As the posting writes it, when that differs ("ENGINEERING MANAGER"). */
  written?: string;
  /** File line where the posting states it; 0 when only the page's metadata does. */
  line: number;
  /** How it was found, for the summary: "title line", "schema.org JobPosting"… */
  source: string;
}

/** The last word or two of a job title: what it is a title of. */
const ROLE_NOUN =
  /\b(engineers?|developers?|programmers?|architects?|managers?|directors?|heads? of|leads?|leaders?|supervisors?|officers?|executives?|presidents?|chiefs?|nurses?|midwi(fe|ves)|pharmacists?|physicians?|doctors?|surgeons?|dentists?|therapists?|paramedics?|carers?|care assistants?|teachers?|tutors?|lecturers?|professors?|instructors?|trainers?|coach(es)?|designers?|researchers?|scientists?|analysts?|statisticians?|economists?|accountants?|bookkeepers?|auditors?|controllers?|actuar(y|ies)|specialists?|consultants?|advis[eo]rs?|counsel(l?ors?)?|solicitors?|lawyers?|attorneys?|paralegals?|clerks?|assistants?|associates?|coordinators?|co-ordinators?|administrators?|representatives?|agents?|technicians?|technologists?|operatives?|operators?|drivers?|chefs?|cooks?|cleaners?|receptionists?|secretar(y|ies)|recruiters?|writers?|editors?|producers?|marketers?|strategists?|planners?|buyers?|partners?|owners?|interns?|apprentices?|trainees?|fellows?|stewards?|pilots?|mechanics?|electricians?|plumbers?|welders?|handlers?|pickers?|packers?|librarians?|workers?|walkers?|sitters?|nann(y|ies)|ambassadors?|advocates?|sre|devops|cto|cfo|ceo|coo|vp)\b/i;

export function looksLikeRole(text: string): boolean {
  return ROLE_NOUN.test(text) && text.length <= 90 && !/[.!?]$/.test(text.trim());
}

/** Separators between a job title and the team, company or place on the same line. */
const TITLE_SEPARATORS = /\s+[—–|·•]\s+|\s+\|\s*|\s*\|\s+|\s+@\s+|\s+at\s+(?=\p{Lu})/u;

/** "Kingsmead Academy — Teacher of Mathematics": the part that names a job, and the others. */
export function splitTitle(text: string): { role?: string; rest: string[] } {
  const parts = text
    .split(TITLE_SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  const index = parts.findIndex(looksLikeRole);
  if (index < 0) return { rest: parts };
  return { role: parts[index], rest: parts.filter((_, i) => i !== index) };
}

/** "We are looking for a Senior Data Engineer to…", "Quillmate is hiring a **Senior Product Manager, Growth**". */
const HIRING = /\b(?:looking for|hiring|seeking|recruiting|searching for|appointment of|on the lookout for|we need|we want)\s+(?:an?|our (?:new |next |first )?|one )\s*/gi;

/** A run of capitalised words, with the small words and commas job titles contain. */
const CAPITALISED_RUN = /^(?:[\p{Lu}\p{N}][\p{L}\p{N}+#./&'’-]*)(?:(?:\s+|,\s+|\s+[-–]\s+)(?:(?:of|and|for|the|in|&|de|la)\s+)*[\p{Lu}\p{N}][\p{L}\p{N}+#./&'’()-]*|\s+\([^)]{1,30}\))*/u;

function fromHiringSentence(block: Block): { text: string; at: number } | undefined {
  for (const m of block.text.matchAll(HIRING)) {
    const at = m.index + m[0].length;
    const bold = block.strong.find(([s]) => s === at);
    const candidate = bold ? block.text.slice(bold[0], bold[1]) : CAPITALISED_RUN.exec(block.text.slice(at))?.[0];
    const text = candidate?.replace(/[,\s]+$/, '');
    if (text && looksLikeRole(text)) return { text, at };
  }
  return undefined;
}

/** Title case for a title written in capitals ("ENGINEERING MANAGER, CARRIER INTEGRATIONS"). */
export function titleCase(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (!letters || letters !== letters.toUpperCase()) return text;
  const small = new Set(['of', 'and', 'for', 'the', 'in', 'on', 'at', 'to', 'a', 'an', 'or', 'with']);
  return text
    .toLowerCase()
    .split(/(\s+)/)
    .map((w, i) => (i > 0 && small.has(w) ? w : w.replace(/^(\p{L})/u, (c) => c.toUpperCase())))
    .join('')
    .replace(/\b(Ii|Iii|Iv|Vp|Cto|Cfo|Ceo|Sre|Ux|Ui|Qa|Hr|It|Icu|Rn|Emea|Apac|Uk|Us|Eu)\b/g, (w) => w.toUpperCase());
}

function clean(text: string): string {
  return titleCase(
    text
      .replace(/^(job( title)?|position|role|vacancy|opening)\s*:\s*/i, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** The line in the visible text where `text` appears, or 0. */
function lineMentioning(posting: Posting, text: string): number {
  const needle = text.toLowerCase();
  for (const block of posting.blocks) {
    const at = block.text.toLowerCase().indexOf(needle);
    if (at >= 0) return lineOf(block, at);
  }
  return 0;
}

export function findRole(posting: Posting, placements: readonly Placement[]): Found | undefined {
  if (posting.meta.jobTitle && looksLikeRole(posting.meta.jobTitle)) {
    const text = clean(posting.meta.jobTitle);
    return { text, line: lineMentioning(posting, text), source: 'schema.org JobPosting' };
  }
  const titleIndex = placements.indexOf('title');
  if (titleIndex >= 0) {
    const block = posting.blocks[titleIndex]!;
    // A small ad: "Dog walker wanted, Clapham".
    const wanted = /^(.{3,60}?)\s+(?:wanted|needed|required)\b/i.exec(block.text);
    if (wanted) return { text: clean(wanted[1]!).replace(/^\p{Ll}/u, (c) => c.toUpperCase()), line: lineOf(block), source: 'title line' };
    const { role } = splitTitle(block.text);
    if (role) return { text: clean(role), written: role, line: lineOf(block, block.text.indexOf(role)), source: 'title line' };
  }
  // The opening and the role summary say "we are looking for a …".
  for (let i = 0; i < posting.blocks.length; i++) {
    if (!['intro', 'role', 'title', 'unknown'].includes(placements[i]!)) continue;
    const block = posting.blocks[i]!;
    const hit = fromHiringSentence(block);
    if (hit) return { text: clean(hit.text), line: lineOf(block, hit.at), source: 'opening sentence' };
  }
  // A heading near the top that names a job, when the page has no single title.
  for (const block of posting.blocks.slice(0, 6)) {
    if (block.kind !== 'heading') continue;
    const { role } = splitTitle(block.text);
    if (role) return { text: clean(role), line: lineOf(block, block.text.indexOf(role)), source: 'heading' };
  }
  if (posting.meta.pageTitle) {
    const { role } = splitTitle(posting.meta.pageTitle);
    if (role) return { text: clean(role), line: lineMentioning(posting, role), source: 'page title' };
  }
  return undefined;
}
