import type { ImportRun } from '../../authoring/import-workspace.js';
import type { ImportResult } from '../../authoring/import/index.js';
import { QUESTIONS_FILE } from '../../workspace/layout.js';
import { STAR_SECTIONS } from '../../workspace/sections.js';
import { plural } from '../print.js';
import { quote } from './quote.js';

/** What `storybank import` says: what it wrote, what needs attention, and what it could not place. */

const SHAPES: Record<keyof ImportResult['shapes'], [string, string]> = {
  heading: ['heading', 'headings'],
  'q-line': ['"Q:" line', '"Q:" lines'],
  numbered: ['numbered line', 'numbered lines'],
  bold: ['bold line', 'bold lines'],
  bullet: ['bullet', 'bullets'],
  plain: ['plain question line', 'plain question lines'],
};

/** What `import` wrote; it quotes the notes (headings, questions), so the whole summary is quoted line by line: no file can forge a line of output. */
export function formatImportSummary(run: ImportRun, source: string): string {
  return summaryLines(run, source).map(quote).join('\n');
}

function summaryLines(run: ImportRun, source: string): string[] {
  const { stories, shapes, questionCount, unplaced, profile } = run.result;
  const lines: string[] = [];
  if (run.created) lines.push('Started a workspace here: created stories/.');
  const how = Object.entries(shapes).map(([shape, n]) => plural(n, ...SHAPES[shape as keyof typeof SHAPES]));
  const star = stories.filter((s) => s.kind === 'star').length;
  const drafts = stories.filter((s) => s.draftWhy).length;
  lines.push(
    `Imported ${plural(questionCount, 'question')} from ${(source)} (${how.join(', ')}) into ${plural(stories.length, 'story', 'stories')}: ` +
      `${star} STAR, ${stories.length - star} free-form${drafts ? `, ${plural(drafts, 'draft')}` : ', no drafts'}.`,
  );
  const width = Math.min(48, Math.max(...stories.map((s) => s.path.length)));
  for (const s of stories) {
    const sections = s.kind === 'star' ? STAR_SECTIONS.map((k) => (s.found.includes(k) ? k[0]!.toUpperCase() : '·')).join(' ') : ' '.repeat(7);
    const also = s.angles.map((a) => `+ ${a.id} (same story)`);
    const questions = [s.questions.filter((q) => !s.angles.some((a) => a.id === q)).join(', ') || 'no question', ...also].join(', ');
    const flags = [s.draftWhy ? 'draft' : '', run.replaced.includes(s.path) ? 'replaced' : ''].filter(Boolean).join(', ');
    lines.push(`  ${s.path.padEnd(width)}  ${s.kind.padEnd(6)} ${sections}  ${questions}${flags ? `  (${flags})` : ''}`);
  }
  if ('written' in run.profile && profile) {
    const ask = profile.ask.length ? `, and ${plural(profile.ask.length, 'question')} for them under ask:` : '';
    lines.push(`${run.profile.replaced ? 'Replaced' : 'Wrote'} ${run.profile.written}: it asks ${plural(profile.questions.length, 'question')} in the order of the notes${ask}.`);
  } else if ('kept' in run.profile) {
    lines.push(`${run.profile.kept} exists, so it was left alone (questions for them are under ## Notes instead); --force replaces it.`);
  }
  if (run.addedQuestions.length) {
    lines.push(`Added ${plural(run.addedQuestions.length, 'question')} the bank does not have to ${QUESTIONS_FILE}: ${run.addedQuestions.map((q) => q.id).join(', ')}.`);
  }
  if (run.questionsNote) lines.push(`Note: ${run.questionsNote}.`);

  const attention = stories.filter((s) => s.attention.length);
  if (attention.length) {
    lines.push('', `Needs attention (${plural(attention.length, 'story', 'stories')}):`);
    for (const s of attention) {
      lines.push(`  ${s.path}`);
      for (const a of s.attention) lines.push(`    - ${(a)}`);
    }
  }
  lines.push('');
  if (unplaced.length === 0) {
    lines.push(`Every line of ${(source)} is in one of these files: asides under ## Notes, questions for them in the profile's ask:.`);
  } else {
    lines.push(`Could not place ${plural(unplaced.length, 'line')} of ${(source)} as it should be (the notes file itself is unchanged):`);
    const what = { missing: 'in no file', duplicated: 'in two files', 'exported-aside': 'an aside in an exported section' };
    for (const u of unplaced) lines.push(`  line ${u.line}: ${(u.text).slice(0, 80)}  (${what[u.problem]})`);
  }
  if (drafts) lines.push('Drafts are never picked for a cheat sheet: fill in what is missing, then delete `draft: true`.');
  const name = profile?.name;
  lines.push(`Next: storybank check, then storybank build${name ? ` (writes out/${name}/cheatsheet.pdf and answer-bank.docx)` : ''}.`);
  return lines;
}
