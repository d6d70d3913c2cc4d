import { toJson } from '../format/quote.js';
import { hasStoriesFolder } from '../../authoring/workspace-files.js';
import { builtinCatalog } from '../../questions/catalog.js';
import { listQuestions } from '../../questions/list.js';
import { loadWorkspace } from '../../workspace/load.js';
import { formatQuestions, questionsToJson } from '../format/questions.js';
import { say, useColor, type Globals } from '../print.js';

/** `storybank questions [SEARCH]`: the question ids to use, the workspace's own marked. Works outside a workspace too. */
export async function runQuestions(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const catalog = (await hasStoriesFolder(g.dir)) ? (await loadWorkspace(g.dir, { cache: g.cache })).catalog : builtinCatalog();
  const search = typeof argv.search === 'string' ? argv.search : undefined;
  const rows = listQuestions(catalog, search);
  say(argv.json ? toJson(questionsToJson(rows)) : formatQuestions(rows, { color: useColor(process.stdout), search }));
  return 0;
}
