import { basename, join } from 'node:path';
import { exists, requireStoriesFolder } from '../../authoring/workspace-files.js';
import { hasErrors, UserError } from '../../diagnostics.js';
import { readPostingFrom, STDIN } from '../../tailor/posting-file.js';
import { profileName, profileTaken, tailorProfile, writeTailoredProfile } from '../../tailor/tailor.js';
import { PROFILES_DIR } from '../../workspace/layout.js';
import { loadWorkspace } from '../../workspace/load.js';
import { formatProfileSummary } from '../format/tailor.js';
import { say, shown, tell, useColor, type Globals } from '../print.js';

/** `storybank profile new NAME --from POSTING`: a profile written from a job posting, never replacing one. */
export async function runProfileNew(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const name = profileName(String(argv.name ?? ''));
  const from = String(argv.from ?? '');
  if (!from) throw new UserError('profile new needs the posting: --from FILE (.txt, .md or .html), or --from - to read standard input');
  await requireStoriesFolder(g.dir);
  const path = `${PROFILES_DIR}${name}.md`;
  // Refused before the posting is read: the answer would be the same afterwards.
  if (await exists(join(g.dir, path))) throw profileTaken(path);
  const { posting, name: source } = await readPostingFrom(from === STDIN ? STDIN : from, from === STDIN ? STDIN : shown(from));
  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  const tailored = tailorProfile(posting, basename(source), name, workspace);
  await writeTailoredProfile(g.dir, tailored);
  // The summary names the placeholders and the blanks; `check` lists them with their lines.
  if (!g.quiet) {
    say(formatProfileSummary(tailored, source, { color: useColor(process.stdout) }));
    if (hasErrors(workspace.diagnostics)) tell('The workspace has errors, so stories with problems were left out above; run storybank check.');
  }
  return 0;
}
