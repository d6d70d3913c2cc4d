import type { Posting } from './posting.js';
import { splitTitle, type Found } from './role.js';
import { isLegalText, type Placement } from './sections.js';

/**
 * The employer's name. Postings state it in several places at once (the
 * page's structured data, "About Ledgerline", "Ledgerline is an equal
 * opportunity employer", "At Northwind Health we…"); each place is a vote,
 * the short and long forms of one name count together ("Brightwell",
 * "Brightwell Analytics"), and the name with most votes wins. A
 * recruitment agency's own name is never the employer: a posting for
 * "our client" has no company.
 */

export interface CompanyResult {
  company?: Found;
  /** The agency's name, when a recruitment agency posted for an unnamed client. */
  agency?: string;
}

/** A name as postings write one: capitalised words, with "&", "of", "and" between. */
const NAME = String.raw`[\p{Lu}][\p{L}\p{N}'’.-]*(?:\s+(?:&|and|of|the|de|du|von|van)?\s*[\p{Lu}\p{N}][\p{L}\p{N}'’.-]*){0,5}`;

const SENTENCE_PATTERNS: [RegExp, number][] = [
  [new RegExp(String.raw`^\*?(${NAME})\s+(?:is|are)\s+(?:an?\s+|proud to be an?\s+)?equal`, 'u'), 3],
  [new RegExp(String.raw`^\*?(${NAME})\s+(?:is|are)\s+committed to`, 'u'), 1],
  [new RegExp(String.raw`\b[Aa]t\s+(${NAME}),?\s+we\b`, 'u'), 2],
  [new RegExp(String.raw`^(${NAME})\s+(?:is|are)\s+(?:hiring|looking|recruiting|seeking)`, 'u'), 2],
  [new RegExp(String.raw`\bWe(?:'re|’re| are)\s+\*{0,2}(${NAME})\b`, 'u'), 2],
  [new RegExp(String.raw`\b[Jj]oin\s+(${NAME})\s+(?:and|as|to|in)\b`, 'u'), 1],
  [new RegExp(String.raw`^(${NAME})\s+(?:builds|makes|gives|connects|provides|runs|helps|has been|was founded|is a|is an|is the|operates|serves|develops|designs|offers|creates)\b`, 'u'), 1],
  [new RegExp(String.raw`\b[Ww]orking (?:for|at) (${NAME})\b`, 'u'), 1],
];

/** Words that start a sentence, or a line of job details, without being a name. */
const NOT_A_FIRST_WORD = /^(we|our|you|your|this|it|they|there|here|join|about|at|all|every|as|in|if|a|an|hi|hello|please|apply|location|salary|remote|hybrid|full|part|permanent|temporary|contract|fixed|start|closing|ref|job|role)$/i;
const NOT_A_NAME = /^(the|role|team|company|careers?|jobs?|us|engineering|sales|marketing|design|product)$/i;

const AGENCY_TEXT = /\b(our client|on behalf of (?:our|a) client|employment agency|recruitment (?:agency|business|consultancy)|acting as an? (?:employment )?agency)\b/i;
const AGENCY_NAME = new RegExp(String.raw`(${NAME})\s+(?:Recruitment|Recruiting|Staffing|Resourcing|Personnel|Talent|Search|Selection)\b`, 'u');

const SUFFIXES = /[\s,]+(careers?|jobs?|vacancies|join us|hiring|ltd\.?|limited|inc\.?|llc|plc|gmbh|b\.v\.|s\.a\.|co\.)$/i;

function tidy(name: string): string | undefined {
  let n = name.replace(/\*+/g, '').replace(/\s+/g, ' ').trim().replace(/[.,;:'’]+$/, '');
  for (let i = 0; i < 3 && SUFFIXES.test(n); i++) n = n.replace(SUFFIXES, '').trim();
  const first = n.split(' ')[0] ?? '';
  if (!n || n.length > 80 || NOT_A_FIRST_WORD.test(first) || NOT_A_NAME.test(n)) return undefined;
  return n;
}

interface Vote {
  name: string;
  points: number;
  line: number;
  source: string;
  order: number;
}

export function findCompany(posting: Posting, placements: readonly Placement[], role: string | undefined): CompanyResult {
  const votes: Vote[] = [];
  let order = 0;
  const vote = (raw: string | undefined, points: number, line: number, source: string) => {
    const name = raw && tidy(raw);
    if (name && (!role || name.toLowerCase() !== role.toLowerCase())) votes.push({ name, points, line, source, order: order++ });
  };
  const { meta } = posting;
  vote(meta.hiringOrganization, 4, 0, 'schema.org JobPosting');
  vote(meta.organization, 2, 0, 'schema.org Organization');
  vote(meta.siteName, 1, 0, 'page metadata');
  if (meta.pageTitle) {
    const split = splitTitle(meta.pageTitle);
    if (split.role) for (const part of split.rest) vote(part, 1, 0, 'page title');
  }

  let agency = false;
  let agencyName: string | undefined;
  posting.blocks.forEach((block, i) => {
    const line = block.lines[0] ?? 0;
    const placement = placements[i]!;
    if (AGENCY_TEXT.test(block.text)) agency = true;
    agencyName ??= AGENCY_NAME.exec(block.text)?.[1];
    if (block.kind === 'heading') {
      if (placement === 'title') {
        // Beside a job title, the other parts name the employer or the team; alone, the line is no name.
        const split = splitTitle(block.text);
        if (split.role) for (const part of split.rest) vote(part, 2, line, 'title line');
      }
      const about = /^about\s+(.+)$/i.exec(block.text.trim());
      if (about && !/^(us|you|the|this|our|me|working)\b/i.test(about[1]!)) vote(about[1], 3, line, `"${block.text.trim()}" heading`);
      return;
    }
    // The line under the title often starts with the employer: "Orbit Freight | Rotterdam…".
    if (i > 0 && placements[i - 1] === 'title' && block.text.length <= 160) {
      const bold = block.strong[0];
      const first = bold && bold[0] <= 2 ? block.text.slice(bold[0], bold[1]) : block.text.split(/\s+[|·•—–-]\s+|,\s+|\s+\|/)[0];
      // A line that starts with a symbol ("📍 Dublin, Ireland") is a place or a detail more often than an employer.
      if (first && !first.includes(':')) vote(first, /^[\p{L}*]/u.test(block.text) ? 2 : 1, line, 'line under the title');
    }
    for (const [pattern, points] of SENTENCE_PATTERNS) {
      if (points === 3 && !isLegalText(block.text)) continue;
      for (const sentence of block.text.split(/(?<=[.!?])\s+/)) {
        const m = pattern.exec(sentence);
        if (m) vote(m[1], points, lineOf(block, block.text.indexOf(m[1]!)), 'sentence');
      }
    }
  });

  const agencyWords = agencyName ? firstWords(agencyName) : undefined;
  const counted = votes.filter((v) => !(agency && agencyWords && sharesStart(v.name, agencyWords)));
  const groups = groupNames(counted);
  const best = groups.sort((a, b) => b.points - a.points || a.order - b.order)[0];
  const agencyLabel = agency ? (agencyName ?? 'a recruitment agency') : undefined;
  if (!best || best.points < 2) return { agency: agencyLabel };
  return { company: { text: best.name, line: best.line, source: best.source } };
}

function lineOf(block: { lines: number[] }, at: number): number {
  return block.lines[Math.max(0, at)] ?? block.lines[0] ?? 0;
}

function firstWords(name: string): string {
  return name.toLowerCase().split(/\s+/).slice(0, 2).join(' ');
}

function sharesStart(name: string, words: string): boolean {
  return name.toLowerCase().startsWith(words);
}

/** Votes for one name in its short and long forms ("Kingsmead", "Kingsmead Academy") add up, under the longest. */
function groupNames(votes: readonly Vote[]): { name: string; points: number; line: number; source: string; order: number }[] {
  const groups: { names: Vote[]; points: number; order: number }[] = [];
  for (const v of votes) {
    const key = v.name.toLowerCase();
    const group = groups.find((g) => g.names.some((n) => wordPrefix(n.name.toLowerCase(), key) || wordPrefix(key, n.name.toLowerCase())));
    if (group) {
      group.names.push(v);
      group.points += v.points;
      group.order = Math.min(group.order, v.order);
    } else {
      groups.push({ names: [v], points: v.points, order: v.order });
    }
  }
  return groups.map((g) => {
    const longest = [...g.names].sort((a, b) => b.name.length - a.name.length || a.order - b.order)[0]!;
    const strongest = [...g.names].sort((a, b) => b.points - a.points || a.order - b.order)[0]!;
    const stated = g.names.find((n) => n.line > 0);
    return { name: longest.name, points: g.points, line: longest.line || stated?.line || 0, source: strongest.source, order: g.order };
  });
}

/** True when `short`'s words begin `long`'s ("brightwell" / "brightwell analytics"). */
function wordPrefix(short: string, long: string): boolean {
  return long === short || long.startsWith(`${short} `);
}
