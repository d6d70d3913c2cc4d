import pc from 'picocolors';
import type { Story } from '../../workspace/story.js';

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
  const idWidth = Math.min(36, Math.max(...stories.map((s) => s.id.length)));
  return stories
    .map((s) => {
      const flags = [s.kind === 'answer' ? 'answer' : '', s.private ? 'private' : '', s.draft ? 'draft' : ''].filter(Boolean).join(', ');
      const head = `${s.id.padEnd(idWidth)}  ${c.bold(s.title)}${s.year ? ` (${s.year})` : ''}${flags ? c.dim(` [${flags}]`) : ''}`;
      const detail = c.dim(`${' '.repeat(idWidth)}  questions: ${s.questions.join(', ') || '-'} · competencies: ${s.competencies.join(', ') || '-'} · tags: ${s.tags.join(', ') || '-'} · ${s.words} words`);
      return `${head}\n${detail}`;
    })
    .join('\n');
}
