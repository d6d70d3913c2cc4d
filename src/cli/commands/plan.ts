import { assertValid, selectProfiles } from '../../pipeline/build.js';
import { planProfile } from '../../plan/assign.js';
import { loadPracticeHistory } from '../../practice/log.js';
import { buildTime } from '../../view/view-model.js';
import { loadWorkspace } from '../../workspace/load.js';
import { formatPlan, planToJson } from '../format/plan.js';
import { parseProfiles } from '../options.js';
import { printDiagnostics, say, useColor, type Globals } from '../print.js';
import { toJson } from '../format/quote.js';

/** `storybank plan`: which story answers each question, and why. */
export async function runPlan(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  assertValid(workspace);
  const profiles = selectProfiles(workspace, parseProfiles(argv.profile));
  const log = loadPracticeHistory(g.dir);
  const practice = { history: log.history, now: buildTime() };
  const plans = profiles.map((p) => planProfile(p, workspace.stories, workspace.catalog, { includePrivate: Boolean(argv['include-private']) }));
  const cues = Boolean(argv.cues) || g.verbose;
  if (argv.json) {
    const data = plans.map((p) => planToJson(p, workspace, { cues }, practice));
    say(toJson(data.length === 1 ? data[0] : data));
  } else {
    printDiagnostics(workspace.diagnostics, { ...g, quiet: true });
    printDiagnostics(log.diagnostics, g);
    say(plans.map((p) => formatPlan(p, workspace, { color: useColor(process.stdout), cues }, practice)).join('\n\n'));
  }
  return 0;
}
