import { filterStories } from '../../workspace/filter.js';
import { loadWorkspace } from '../../workspace/load.js';
import { formatStoryList, storiesToJson } from '../format/stories.js';
import { say, useColor, type Globals } from '../print.js';
import { toJson } from '../format/quote.js';

/** `storybank list`: the stories, optionally by tag or competency. */
export async function runList(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  const stories = filterStories(workspace.stories, { tag: argv.tag as string | undefined, competency: argv.competency as string | undefined });
  say(argv.json ? toJson(storiesToJson(stories)) : formatStoryList(stories, { color: useColor(process.stdout) }));
  return 0;
}
