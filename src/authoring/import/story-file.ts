import { SECTION_LABELS, STAR_SECTIONS } from '../../workspace/sections.js';
import { yamlScalar } from '../yaml-text.js';
import type { ImportedStory } from './model.js';
import { capitaliseSentences, sectionText, type Frag } from './text.js';

/**
 * The text of an imported story file: front matter that says, in comments,
 * where it came from and what is still to do; the STAR sections (empty ones
 * as headings to fill in) or the free-form answer; Lessons; and `## Notes`,
 * which is never exported, for the asides.
 */
export function renderStory(story: ImportedStory, source: string): string {
  const flow = (ids: readonly string[]) => `[${ids.join(', ')}]`;
  const titleNote = story.titleIsQuestion ? '  # repeats the question: name what happened' : '';
  const fm = [
    '---',
    `# Imported from ${oneLine(source)}, line ${story.line}: ${oneLine(story.question)}`,
    `title: ${yamlScalar(story.title)}${titleNote}`,
    `kind: ${story.kind}`,
    ...(story.draftWhy ? [`draft: true  # ${oneLine(story.draftWhy)}; drafts are never picked: delete this line when it is ready`] : []),
    `questions: ${flow(story.questions)}`,
    `competencies: ${flow(story.competencies)}${story.competencies.length ? '  # from the question: keep the ones this story shows, add others' : ''}`,
    `tags: ${flow(story.tags)}`,
    `metrics: []  # headline numbers${story.metricHints.length ? `; the Result mentions ${story.metricHints.map((h) => `"${oneLine(h)}"`).join(', ')}` : ', e.g. "delivered in 12 days"'}`,
    ...angleLines(story),
    '---',
  ];
  const body: string[] = [];
  const section = (label: string, frags: readonly Frag[], exported = true) => {
    body.push(`## ${label}`, '');
    const text = exported ? capitaliseSentences(sectionText(frags)) : sectionText(frags);
    if (text) body.push(text, '');
  };
  if (story.kind === 'star') {
    for (const key of STAR_SECTIONS) section(SECTION_LABELS[key], story.sections.get(key) ?? []);
  } else {
    const text = capitaliseSentences(sectionText(story.answer));
    if (text) body.push(text, '');
  }
  const lessons = [...(story.sections.get('lessons') ?? []), ...story.lessons];
  if (lessons.some((f) => f.text.trim())) section(SECTION_LABELS.lessons, lessons);
  const notes = [...story.notes, ...(story.asides.length && story.notes.length ? [{ text: '', line: 0 }] : []), ...story.asides.map((a) => ({ ...a, text: `- ${a.text}` }))];
  if (notes.some((f) => f.text.trim())) section(SECTION_LABELS.notes, notes, false);
  return `${[...fm, ...(body.length ? [''] : []), ...body].join('\n').replace(/\n+$/, '')}\n`;
}

function angleLines(story: ImportedStory): string[] {
  if (story.angles.length === 0) return [];
  const out = ['angles:  # how to tell this story for another question of the notes'];
  for (const angle of story.angles) {
    out.push(`  # line ${angle.line}: ${oneLine(angle.question)}`);
    const text = angle.text.map((f) => f.text.trim()).filter(Boolean).join(' ');
    out.push(`  ${angle.id}: ${yamlScalar(text || 'same story (no angle given in the notes)')}`);
  }
  return out;
}

/** One line, safe inside a YAML comment. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
