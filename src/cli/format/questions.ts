import pc from 'picocolors';
import type { QuestionRow } from '../../questions/list.js';
import { QUESTIONS_FILE } from '../../workspace/layout.js';
import { plural } from '../print.js';

/** `storybank questions`: the bank as a table for people, JSON for programs. */

export function questionsToJson(rows: readonly QuestionRow[]) {
  return rows.map((r) => ({ id: r.id, text: r.text, competencies: r.competencies, source: r.source }));
}

export function formatQuestions(rows: readonly QuestionRow[], options: { color: boolean; search?: string }): string {
  const c = pc.createColors(options.color);
  if (rows.length === 0) {
    return `No question matches "${options.search ?? ''}". \`storybank questions\` lists them all; a profile may also ask a question as text.`;
  }
  const width = Math.min(30, Math.max(...rows.map((r) => r.id.length)));
  const lines = rows.map((r) => {
    const mark = r.source === 'built-in' ? '' : c.cyan(r.source === 'workspace' ? '  [workspace]' : '  [workspace wording]');
    const competencies = r.competencies.length ? c.dim(`  (${r.competencies.join(', ')})`) : '';
    return `${c.bold(r.id.padEnd(width))}  ${r.text.replace(/\s+/g, ' ')}${competencies}${mark}`;
  });
  const own = rows.filter((r) => r.source !== 'built-in').length;
  const total = `${plural(rows.length, 'question')}${own ? `, ${own} of them from ${QUESTIONS_FILE}` : ''}`;
  lines.push('', `${options.search ? `${total} match "${options.search}"` : total}. List ids in a story's or a profile's \`questions:\`.`);
  return lines.join('\n');
}
