import pc from 'picocolors';
import type { Story } from '../../workspace/story.js';
import { quote as q } from './quote.js';

/** `storybank list`: the stories, as text for people and JSON for programs. */

export function storiesToJson(stories: readonly Story[]) {
  return stories.map((s) => ({
    id: s.id,
    file: s.file,
    title: s.title,
    kind: s.kind,
    year: s.year ?? null,
    questions: s.questions,
    competencies: s.competencies,
    tags: s.tags,
    metrics: s.metrics,
    words: s.words,
    private: s.private,
    draft: s.draft,
  }));
}

export function formatStoryList(stories: readonly Story[], style: { color: boolean }): string {
  const c = pc.createColors(style.color);
  if (stories.length === 0) return 'No stories match.';
  const idWidth = Math.min(36, Math.max(...stories.map((s) => q(s.id).length)));
  return stories
    .map((s) => {
      const flags = [s.kind === 'answer' ? 'answer' : '', s.private ? 'private' : '', s.draft ? 'draft' : ''].filter(Boolean).join(', ');
      const list = (values: readonly string[]) => values.map(q).join(', ') || '-';
      const head = `${q(s.id).padEnd(idWidth)}  ${c.bold(q(s.title))}${s.year ? ` (${s.year})` : ''}${flags ? c.dim(` [${flags}]`) : ''}`;
      const detail = c.dim(`${' '.repeat(idWidth)}  questions: ${list(s.questions)} · competencies: ${list(s.competencies)} · tags: ${list(s.tags)} · ${s.words} words`);
      return `${head}\n${detail}`;
    })
    .join('\n');
}
