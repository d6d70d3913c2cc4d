import { isSafeUrl } from '../../workspace/safe-url.js';
import type { ViewEntry, ViewModel, ViewSection, ViewStory } from '../../view/view-model.js';
import { plainBlocks } from './plain.js';

/**
 * The answer bank as plain text (`answer-bank.txt`), for application forms
 * and ATS fields that take no formatting: the same answers, in the same
 * order, as the DOCX, with the same privacy (it is built from the same
 * model: no private stories, no notes). Questions and STAR labels are lines
 * of their own; blocks are separated by one blank line and questions by
 * two, so each answer can be selected and pasted on its own. The contents
 * and the coverage tables, which help a reader of the DOCX find their way,
 * are left out.
 */
export function renderAnswerBankText(model: ViewModel): string {
  const parts: string[][] = [front(model)];
  for (const entry of model.entries) parts.push(entryBlocks(entry));
  if (model.ask.length > 0) parts.push(['Questions to ask them', model.ask.map((a) => `- ${a}`).join('\n')]);
  return `${parts.map((blocks) => blocks.join('\n\n')).join('\n\n\n')}\n`;
}

function front(model: ViewModel): string[] {
  const title = model.person.name ? `${model.person.name} — answer bank` : 'Answer bank';
  const lines = [title, `${model.heading} · ${model.date.label}`];
  if (model.person.headline) lines.push(model.person.headline);
  const contact: string[] = [];
  if (model.person.email) contact.push(model.person.email.trim());
  if (model.person.phone) contact.push(model.person.phone);
  for (const l of model.person.links) {
    const url = l.url.trim();
    // storybank.yml links are not sanitised by the Markdown parser: same rule as story links.
    contact.push(isSafeUrl(url) && l.label !== url ? `${l.label} (${url})` : l.label);
  }
  if (contact.length > 0) lines.push(contact.join(' · '));
  const out = [lines.join('\n')];
  if (model.pitch.nodes.length > 0) out.push('Pitch', ...plainBlocks(model.pitch.nodes));
  return out;
}

function entryBlocks(entry: ViewEntry): string[] {
  const question = `${entry.number}. ${entry.question}`;
  const story = entry.story;
  if (entry.gap || !story) return [question, entry.gapNote ?? ''];
  if (entry.repeatOf !== undefined) {
    const told = entry.repeatOfQuestion ? ` (“${entry.repeatOfQuestion}”)` : '';
    return [question, ...storyHead(story), `Same story as question ${entry.repeatOf}${told}, told in full there.`];
  }
  const out = [question, ...storyHead(story)];
  for (const section of story.sections) out.push(...sectionBlocks(section, story.kind === 'star'));
  if (story.lessons) out.push(...sectionBlocks(story.lessons, true));
  if (story.metrics.length > 0) out.push(`Key numbers: ${story.metrics.join(' · ')}`);
  out.push(story.speakingLine);
  return out;
}

function storyHead(story: ViewStory): string[] {
  const title = story.year !== undefined ? `${story.title} (${story.year})` : story.title;
  return story.angle ? [title, `Angle: ${story.angle}`] : [title];
}

/** A STAR label on its own line, directly above its text. */
function sectionBlocks(section: ViewSection, labelled: boolean): string[] {
  const blocks = plainBlocks(section.nodes);
  if (!labelled) return blocks;
  const [first, ...rest] = blocks;
  return [first === undefined ? section.label : `${section.label}\n${first}`, ...rest];
}
