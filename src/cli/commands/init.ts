import { resolve } from 'node:path';
import { initWorkspace } from '../../authoring/init.js';
import { EXAMPLE_PROFILE } from '../../authoring/scaffold.js';
import { quote } from '../format/quote.js';
import { say, shown, shownForShell, type Globals } from '../print.js';

export async function runInit(argv: Record<string, unknown>, g: Globals): Promise<number> {
  // A folder typed on the command line is relative to where the user is, like any path in a shell.
  const root = argv.folder ? resolve(process.cwd(), String(argv.folder)) : g.dir;
  const result = await initWorkspace(root);
  if (g.quiet) return 0;
  say(`Created a storybank workspace in ${quote(shown(root))}:`);
  for (const path of result.written) say(`  ${path}`);
  if (result.gitignoreAdded.length) say(`  .gitignore (added ${result.gitignoreAdded.join(' and ')})`);
  for (const path of result.kept) say(`  ${path} (exists; left as it was)`);
  const cd = resolve(root) === process.cwd() ? [] : [`  cd ${quote(shownForShell(root))}`];
  say(
    [
      'Next:',
      ...cd,
      '  storybank check                  validate everything',
      `  storybank build                  out/${EXAMPLE_PROFILE}/cheatsheet.pdf and answer-bank.docx`,
      '  storybank import your-notes.md   your interview notes → one story per question, and a profile',
      '  storybank new "Story title"      start a story from scratch',
      '  storybank drill                  rehearse the answers aloud, against the clock',
    ].join('\n'),
  );
  return 0;
}

