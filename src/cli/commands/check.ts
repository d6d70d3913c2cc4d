import { hasErrors } from '../../diagnostics.js';
import { loadWorkspace } from '../../workspace/load.js';
import { lintWorkspace } from '../../plan/lint.js';
import { summarizeDiagnostics } from '../format/diagnostics.js';
import { plural, printDiagnostics, say, tell, type Globals } from '../print.js';
import { toJson } from '../format/quote.js';

/** `storybank check`: every problem and every weakness; exit 1 on errors. */
export async function runCheck(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  const diagnostics = lintWorkspace(workspace);
  if (argv.json) {
    say(toJson(diagnostics));
  } else {
    printDiagnostics(diagnostics, g);
    if (!g.quiet) {
      tell(`Checked ${plural(workspace.stories.length, 'story', 'stories')} and ${plural(workspace.profiles.length, 'profile')}: ${summarizeDiagnostics(diagnostics)}.`);
    }
  }
  return hasErrors(diagnostics) ? 1 : 0;
}
