import type { Question } from '../questions/bank.js';
import type { Catalog } from '../questions/catalog.js';
import { eligibility } from '../plan/assign.js';
import type { Profile } from '../workspace/profile.js';
import type { Story } from '../workspace/story.js';
import type { Analysis, Ask } from './analyse.js';
import { chooseQuestions } from './questions.js';

/**
 * `storybank match`: what the posting asks, which stories show it, and
 * what to write next. Pure: an analysis and the workspace in, a report out.
 */

export interface MatchLine {
  ask: Ask;
  /** Stories that list the competency, by id. */
  stories: Story[];
  /** For a competency no story shows: the bank question to write a story for. */
  writeFor?: Question;
}

export interface Comparison {
  competency: string;
  label: string;
  posting?: number;
  profile?: number;
}

export interface MatchReport {
  analysis: Analysis;
  lines: MatchLine[];
  /** Asks no story shows, heaviest first. */
  missing: MatchLine[];
  /** Weighted share of the asks that some story shows. */
  coverage: { covered: number; total: number; share: number };
  /** Stories left out: drafts, and with --profile those its tags exclude. */
  leftOut: { story: Story; why: string }[];
  profile?: Profile;
  comparison?: Comparison[];
  /** With --profile: its questions that probe none of the posting's asks. */
  offTopic?: Question[];
}

export function matchPosting(analysis: Analysis, stories: readonly Story[], catalog: Catalog, profile?: Profile): MatchReport {
  const leftOut: MatchReport['leftOut'] = [];
  const pool: Story[] = [];
  for (const story of stories) {
    // Private stories can still be told in an interview; only drafts and the profile's tags rule a story out.
    const why = story.draft ? 'draft' : profile ? eligibility(story, profile, { includePrivate: true }) : undefined;
    if (why) leftOut.push({ story, why });
    else pool.push(story);
  }
  const lines: MatchLine[] = analysis.asks.map((ask) => {
    const showing = pool.filter((s) => s.competencies.includes(ask.id));
    const writeFor = showing.length === 0 ? chooseQuestions([{ ...ask, weight: 3 }], catalog).find((c) => c.for === ask.id)?.question : undefined;
    return { ask, stories: showing, writeFor };
  });
  const total = analysis.asks.reduce((n, a) => n + a.weight, 0);
  const covered = lines.filter((l) => l.stories.length > 0).reduce((n, l) => n + l.ask.weight, 0);
  const report: MatchReport = {
    analysis,
    lines,
    missing: lines.filter((l) => l.stories.length === 0),
    coverage: { covered, total, share: total === 0 ? 0 : covered / total },
    leftOut,
  };
  if (profile) {
    report.profile = profile;
    report.comparison = compare(analysis, profile);
    const asked = new Set(analysis.asks.map((a) => a.id));
    report.offTopic = profile.questions
      .map((id) => catalog.questions.get(id))
      .filter((q): q is Question => q !== undefined && !q.explicitOnly && !q.competencies.some((c) => asked.has(c)));
  }
  return report;
}

/** The posting's emphasis beside the profile's, then what only the profile emphasises (with the posting's weight, if it asks at all). */
function compare(analysis: Analysis, profile: Profile): Comparison[] {
  const emphasis = new Map(Object.entries(profile.emphasis).map(([k, v]) => [k.toLowerCase(), v]));
  const rows: Comparison[] = analysis.emphasis.map((a) => ({ competency: a.id, label: a.label, posting: a.weight, profile: emphasis.get(a.id) }));
  for (const [competency, weight] of [...emphasis].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (rows.some((r) => r.competency === competency)) continue;
    const asked = analysis.asks.find((a) => a.id === competency);
    rows.push({ competency, label: asked?.label ?? competency, posting: asked?.weight, profile: weight });
  }
  return rows;
}
