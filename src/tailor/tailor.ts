import { join } from 'node:path';
import { UserError, type Diagnostic } from '../diagnostics.js';
import { writeNewFile } from '../output/new-file.js';
import { planProfile, type Plan } from '../plan/assign.js';
import { readSource } from '../workspace/front-matter.js';
import { PROFILES_DIR } from '../workspace/layout.js';
import type { Workspace } from '../workspace/parse.js';
import { parseProfile, PROFILE_NAME, type Profile } from '../workspace/profile.js';
import { analysePosting, type Analysis } from './analyse.js';
import { questionsForThem, type InterviewerQuestion } from './asks.js';
import { englishShare, looksEnglish } from './language.js';
import { placeBlocks } from './placement.js';
import type { Posting } from './posting.js';
import { profileText } from './profile-text.js';
import { chooseQuestions, questionsAskedEverywhere, type ChosenQuestion } from './questions.js';

/** `storybank profile new NAME --from POSTING`: a posting into a profile file, with what it would plan today. */

export interface TailoredProfile {
  name: string;
  /** Workspace-relative path of the profile file. */
  path: string;
  text: string;
  analysis: Analysis;
  questions: ChosenQuestion[];
  ask: InterviewerQuestion[];
  /** The new profile as `check` and `build` will read it. */
  profile: Profile;
  /** Its diagnostics (the placeholder warnings, when there are placeholders). */
  diagnostics: Diagnostic[];
  /** What the workspace's stories answer today. */
  plan: Plan;
  /** True when nothing in the posting matched the lexicon. */
  nothingMatched: boolean;
}

/** Only English postings are understood: the lexicon is English. */
export function requireEnglish(posting: Posting, name: string): void {
  if (looksEnglish(posting)) return;
  const { share } = englishShare(posting);
  throw new UserError(
    `${name} does not look like English (only ${Math.round(share * 100)}% of its words are common English ones, against about a third in English text); storybank only understands English postings`,
  );
}

/** A profile name as typed: "senior-sre" or "senior-sre.md". */
export function profileName(raw: string): string {
  const name = raw.trim().replace(/\.md$/i, '');
  if (!name || !PROFILE_NAME.test(name) || name.includes('..')) {
    throw new UserError(`"${raw}" cannot be a profile name; use letters, digits, dashes and dots, e.g. storybank profile new northwind-sre --from posting.html`);
  }
  return name;
}

/** Pure: the profile text for a posting, parsed and planned against the workspace's stories. */
export function tailorProfile(posting: Posting, sourceName: string, rawName: string, workspace: Workspace): TailoredProfile {
  const name = profileName(rawName);
  requireEnglish(posting, sourceName);
  const analysis = analysePosting(posting);
  const nothingMatched = analysis.asks.length === 0;
  const questions = nothingMatched ? questionsAskedEverywhere(workspace.catalog) : chooseQuestions(analysis.emphasis, workspace.catalog);
  const ask = questionsForThem(posting, placeBlocks(posting.blocks), analysis);
  const text = profileText({ sourceName, analysis, questions, ask, paper: workspace.config.paper });
  const path = `${PROFILES_DIR}${name}.md`;
  const { source, diagnostics: read } = readSource(path, text);
  const parsed = parseProfile(name, source);
  const diagnostics = [...read, ...parsed.diagnostics];
  // The text is ours: a profile it cannot parse is a bug here, not bad input.
  if (!parsed.profile || diagnostics.some((d) => d.severity === 'error')) {
    throw new Error(`the generated profile does not parse: ${diagnostics.map((d) => d.message).join('; ')}`);
  }
  const plan = planProfile(parsed.profile, workspace.stories, workspace.catalog);
  return { name, path, text, analysis, questions, ask, profile: parsed.profile, diagnostics, plan, nothingMatched };
}

export function profileTaken(path: string): UserError {
  return new UserError(`${path} exists already, and profile new never overwrites a profile; nothing was written. Choose another name, or delete that file first`);
}

/** Writes the profile file; never replaces one. */
export async function writeTailoredProfile(root: string, tailored: TailoredProfile): Promise<void> {
  if (!(await writeNewFile(join(root, tailored.path), tailored.text))) throw profileTaken(tailored.path);
}
