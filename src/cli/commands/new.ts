import { createStory } from '../../authoring/new.js';
import { slugify } from '../../support/slug.js';
import { UserError } from '../../diagnostics.js';
import { quote } from '../format/quote.js';
import { say, shown, tell, type Globals } from '../print.js';

export async function runNew(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const kind = String(argv.kind ?? 'star');
  if (kind !== 'star' && kind !== 'answer') throw new UserError(`--kind must be star or answer, not "${kind}"`);
  const created = await createStory(g.dir, String(argv.title ?? ''), kind);
  say(quote(shown(created.path)));
  if (!g.quiet) {
    if (created.renamed) tell(`(a story named ${quote(slugify(String(argv.title)))} exists already, so this one is ${quote(created.id)})`);
    tell(kind === 'star' ? 'Fill in Situation, Task, Action and Result, list its questions, then delete `draft: true`.' : 'Write the answer, list its questions, then delete `draft: true`.');
  }
  return 0;
}

