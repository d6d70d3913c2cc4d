import { COMPETENCIES } from '../questions/bank.js';
import { tokens } from '../support/words.js';
import { findPhrases, roleFamilies, type Lexicon, type PhraseMatch } from './lexicon.js';
import { placeBlocks } from './placement.js';
import type { Posting } from './posting.js';
import { quoteAround } from './quote.js';
import { SECTION_WEIGHTS, type Placement } from './sections.js';

/**
 * How much a posting asks for each competency, and where it says so. Each
 * block (a list item, a paragraph) counts once per competency: its best
 * phrase, plus half of a second one, times the weight of its section. A
 * competency named in many lines scores more than one named once, however
 * many synonyms a single line piles up.
 */

export interface Evidence {
  /** File line where the quote starts. */
  line: number;
  /** File line where it ends: a phrase can run across a line break of a text file. */
  endLine: number;
  /** The clause of the posting around the match, as written (shortened with … when long). */
  quote: string;
  /** The lexicon phrases that matched in this block. */
  phrases: string[];
  points: number;
  placement: Placement;
}

export interface CompetencyScore {
  id: string;
  label: string;
  score: number;
  /** Strongest first; ties in file order. */
  evidence: Evidence[];
}

const ORDER = new Map(COMPETENCIES.map((c, i) => [c.id, i]));
const LABELS = new Map(COMPETENCIES.map((c) => [c.id, c.label]));

/** Every competency the posting mentions, highest score first (ties: vocabulary order). */
export function scorePosting(posting: Posting, lexicon: Lexicon, role?: { text: string; written?: string; line: number }, placements: readonly Placement[] = placeBlocks(posting.blocks)): CompetencyScore[] {
  const scores = new Map<string, CompetencyScore>();
  const entry = (id: string) => {
    const found = scores.get(id) ?? { id, label: LABELS.get(id) ?? id, score: 0, evidence: [] };
    scores.set(id, found);
    return found;
  };
  // What the job title alone says the role needs, quoted as the title line.
  if (role && role.line > 0) {
    for (const family of roleFamilies(lexicon, role.text)) {
      for (const id of family.competencies) {
        const e = entry(id);
        if (e.evidence.some((x) => x.placement === 'title' && x.phrases[0]?.startsWith('job title'))) continue;
        e.score = round(e.score + lexicon.rolePoints);
        e.evidence.push({ line: role.line, endLine: role.line, quote: role.written ?? role.text, phrases: [`job title: ${family.phrase.text}`], points: lexicon.rolePoints, placement: 'title' });
      }
    }
  }
  posting.blocks.forEach((block, index) => {
    const placement = placements[index]!;
    const weight = SECTION_WEIGHTS[placement];
    if (weight === 0 || (block.kind === 'heading' && placement !== 'title')) return;
    const toks = tokens(block.text);
    const matches = findPhrases(lexicon, block.text, toks);
    const byCompetency = new Map<string, PhraseMatch[]>();
    for (const m of matches) byCompetency.set(m.phrase.competency, [...(byCompetency.get(m.phrase.competency) ?? []), m]);
    for (const [id, found] of byCompetency) {
      // The strongest phrase decides (the earliest on a tie, so the quote starts with it); a second, different one adds half.
      const ranked = [...found].sort((a, b) => b.phrase.weight - a.phrase.weight || a.start - b.start || b.end - a.end);
      const best = ranked[0]!;
      const second = ranked.find((m) => m.phrase.key !== best.phrase.key && (m.end <= best.start || m.start >= best.end));
      const points = round((best.phrase.weight + 0.5 * Math.min(second?.phrase.weight ?? 0, 2)) * weight);
      const start = toks[best.start]!.start;
      const end = toks[best.end - 1]!.end;
      const e = entry(id);
      e.score = round(e.score + points);
      e.evidence.push({
        ...quoteAround(block, start, end),
        phrases: distinctPhrases(ranked),
        points,
        placement,
      });
    }
  });
  for (const s of scores.values()) s.evidence.sort((a, b) => b.points - a.points || a.line - b.line);
  return [...scores.values()].sort((a, b) => b.score - a.score || (ORDER.get(a.id) ?? 99) - (ORDER.get(b.id) ?? 99));
}

/** The phrases that matched, one per span of words ("reliability", not also "reliable"). */
function distinctPhrases(matches: readonly PhraseMatch[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of matches) {
    const span = `${m.start}:${m.end}`;
    if (seen.has(span) || seen.has(m.phrase.key)) continue;
    seen.add(span);
    seen.add(m.phrase.key);
    out.push(m.phrase.text);
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
