import type { ImportRun } from '../../authoring/import-workspace.js';
import type { ImportResult } from '../../authoring/import-notes.js';
import { QUESTIONS_FILE } from '../../workspace/layout.js';
import { quote } from './quote.js';

const SHAPES: Record<ImportResult['shape'], string> = {
  headings: 'one per question heading',
  lines: 'one per question line',
  topics: 'no questions found, so one per topic heading',
};

/** What `import` wrote; it quotes the notes (headings, questions), so the whole summary is quoted line by line. */
export function formatImportSummary(run: ImportRun, source: string): string {
  return summaryLines(run, source).map(quote).join('\n');
}

function summaryLines(run: ImportRun, source: string): string[] {
  const { stories } = run.result;
  const drafts = stories.filter((s) => s.draft).length;
  const lines: string[] = [];
  lines.push(
    `${stories.length} ${stories.length === 1 ? 'story' : 'stories'} written from ${source} (${SHAPES[run.result.shape]}), ${drafts} of them draft${drafts === 1 ? '' : 's'}:`,
  );
  const width = Math.min(48, Math.max(...stories.map((s) => s.path.length)));
  for (const s of stories) {
    const what = `${s.kind.padEnd(6)}  ${(s.draft ? 'draft' : '').padEnd(5)}  ${s.questions.length ? `→ ${s.questions.join(', ')}` : '→ no question'}`;
    const again = run.replaced.includes(s.path) ? '  (replaced)' : '';
    lines.push(`  ${s.path.padEnd(width)}  ${what}${again}`);
  }
  if (run.addedQuestions.length) {
    lines.push(`Added ${run.addedQuestions.length} question${run.addedQuestions.length === 1 ? '' : 's'} to ${QUESTIONS_FILE}: ${run.addedQuestions.map((q) => q.id).join(', ')}`);
  }
  if (run.questionsNote) lines.push(`Note: ${run.questionsNote}.`);
  if (run.unasked.length) {
    lines.push(
      run.hasProfiles
        ? `No profile asks ${run.unasked.join(', ')} yet: add the questions you expect to a profile's \`questions:\` (stories/profiles/*.md).`
        : 'There is no profile yet: add one in stories/profiles/ (see `storybank init`) listing the questions you expect.',
    );
  }
  const attention = stories.filter((s) => s.attention.length);
  if (attention.length) {
    lines.push('', `Needs attention (${attention.length}):`);
    for (const s of attention) {
      lines.push(`  ${s.path}`);
      for (const a of s.attention) lines.push(`    - ${a}`);
    }
  }
  lines.push(
    '',
    'Next: run `storybank check`. Give each story a title that names what happened (the question is kept in a comment at the top),',
    'fill the gaps, and delete `draft: true` once a story is ready. Nothing from the notes was dropped: asides are under ## Notes.',
  );
  return lines;
}
