import { toJson } from '../format/quote.js';
import { selectProfiles } from '../../pipeline/build.js';
import { analysePosting } from '../../tailor/analyse.js';
import { matchPosting } from '../../tailor/match.js';
import { readPostingFrom, STDIN } from '../../tailor/posting-file.js';
import { requireEnglish } from '../../tailor/tailor.js';
import { loadWorkspace } from '../../workspace/load.js';
import { formatMatch, matchToJson } from '../format/tailor.js';
import { parseProfile } from '../options.js';
import { printDiagnostics, say, shown, useColor, type Globals } from '../print.js';

/** `storybank match POSTING [--profile NAME]`: what the posting asks, which stories show it, what to write next. */
export async function runMatch(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const arg = String(argv.posting ?? '');
  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  const profileName = parseProfile(argv.profile);
  const profile = profileName ? selectProfiles(workspace, [profileName])[0] : undefined;
  const { posting, name } = await readPostingFrom(arg, arg === STDIN ? STDIN : shown(arg));
  requireEnglish(posting, name);
  const report = matchPosting(analysePosting(posting), workspace.stories, workspace.catalog, profile);
  if (argv.json) {
    say(toJson(matchToJson(report, name)));
  } else {
    printDiagnostics(workspace.diagnostics, { ...g, quiet: true });
    say(formatMatch(report, name, { color: useColor(process.stdout) }));
  }
  return 0;
}
