import { UserError } from '../../diagnostics.js';
import type { Catalog } from '../../questions/catalog.js';
import { indexCatalog, questionIdFor } from '../../questions/match.js';
import { STOPWORDS } from '../../questions/phrasings.js';
import { slugify, uniqueId } from '../../support/slug.js';
import { words } from '../../support/words.js';
import { askEntries, type Aside } from './asides.js';
import { cutBlocks, type Block } from './blocks.js';
import { readBody, type Body } from './body.js';
import { normaliseNotes, readLines } from './lines.js';
import type { ImportedProfile, ImportedStory, ImportOptions, ImportResult, NewQuestion } from './model.js';
import { readPreamble, renderProfile, roleFrom } from './profile-file.js';
import { findStarts } from './questions.js';
import { indexReferables, referable, resolveReference, type Referables } from './refs.js';
import { checkPlacement, type Placement } from './self-check.js';
import { assignQuestionIds, finishStory, isAboutYou, storyFromAnswer, storyFromEvent, type Common } from './stories.js';
import { renderStory } from './story-file.js';
import { sectionText, type Frag } from './text.js';
import { questionTitle } from './titles.js';

/**
 * `storybank import`: anyone's interview notes → one story per told event.
 * Pure: text in, file texts out; import-workspace.ts does the disk side.
 *
 * lines → question starts → blocks → bodies (labels, events, asides,
 * references) → stories → files, checked against the notes before they
 * are returned.
 */
export function importNotes(markdown: string, catalog: Catalog, options: ImportOptions = {}): ImportResult {
  const source = options.sourceName ?? 'the notes';
  const text = normaliseNotes(markdown);
  if (text.trim() === '') throw new UserError(`${source} is empty; there is nothing to import`);
  const lines = readLines(text);
  const index = indexCatalog(catalog);
  const starts = findStarts(lines, index);
  if (starts.length === 0) throw new UserError(noQuestions(source));
  const { preamble, blocks } = cutBlocks(lines, starts);
  const assigned = assignQuestionIds(blocks, index);

  const newQuestions: NewQuestion[] = [];
  const taken = new Set(catalog.questions.keys());
  const fileIds = new Set<string>();
  const stories: ImportedStory[] = [];
  const asks: Frag[] = [];
  const profileWanted = options.profileName !== undefined;
  const meta = new Map<ImportedStory, { aboutYou: boolean; newQuestion?: string; shared?: boolean }>();
  const refs: { block: Block; body: Body; id?: string }[] = [];
  const asked: ImportedProfile['questions'] = [];
  const askedIds = new Set<string>();

  blocks.forEach((block, i) => {
    let id = assigned[i]?.id;
    let created: string | undefined;
    if (!id && block.start.kind === 'question' && (options.defineQuestions ?? true)) {
      id = questionIdFor(block.start.text, taken);
      taken.add(id);
      created = id;
      newQuestions.push({ id, text: questionTitle(block.start.text), competencies: [] });
    }
    if (id && !askedIds.has(id)) {
      askedIds.add(id);
      asked.push({ id, text: block.start.text, line: block.line });
    }
    const inlineAnswer = block.start.inlineAnswer ? { text: block.start.inlineAnswer, line: block.line } : undefined;
    const body = readBody(block.lines, inlineAnswer, { qa: block.start.qa, topic: block.start.kind === 'topic' });
    if (body.reference) {
      refs.push({ block, body, id });
      return;
    }
    const common: Common = { block, questions: id ? [id] : [], competencies: id ? [...(catalog.questions.get(id)?.competencies ?? [])] : [], aboutYou: isAboutYou(catalog, id) };
    const base = id ?? slugify(block.start.text);
    const made =
      body.kind === 'star'
        ? body.events.map((event) => storyFromEvent(common, claim(base, fileIds), event))
        : [storyFromAnswer(common, claim(base, fileIds), body)];
    made.forEach((story, e) => {
      if (made.length > 1) story.sibling = made[e === 0 ? 1 : 0]!.path;
      meta.set(story, { aboutYou: common.aboutYou, newQuestion: e === 0 ? created : undefined, shared: assigned[i]?.shared });
    });
    // The question line is in every story's header comment, but it is placed in the first.
    for (const story of made.slice(1)) story.placed = [];
    placeGroup(block, made[0]!);
    for (const aside of body.asides) placeAside(aside, storyForLine(made, aside.line), profileWanted ? asks : undefined);
    stories.push(...made);
  });

  const candidates = indexReferables(stories.map((s) => referable(s.id, { question: s.question, title: s.title }, [...s.sections.values(), s.answer].map((f) => sectionText(f)).join('\n'), s.line)));
  const byId = new Map(stories.map((s) => [s.id, s]));
  for (const ref of refs) resolve(ref, stories, byId, candidates, fileIds, meta, profileWanted ? asks : undefined);

  const top = readPreamble(preamble);
  let profile: ImportedProfile | undefined;
  if (profileWanted) {
    const name = options.profileName!;
    const role = roleFrom(top.title?.text, humanise(name));
    const draft = { name, path: `stories/profiles/${name}.md`, role, questions: asked, ask: [...top.ask, ...asks], preamble: top.lines };
    profile = { ...draft, text: renderProfile(draft, source, top.title) };
  } else if (stories[0] && (top.title || top.lines.length || top.ask.length)) {
    const first = stories[0];
    first.notes.push({ text: `From the top of ${source}:`, line: 0 }, ...[top.title, ...top.lines].filter((f): f is Frag => Boolean(f)).map((f) => ({ ...f, text: `- ${f.text}` })));
    first.asides.push(...top.ask);
  }

  for (const story of stories) {
    finishStory(story, meta.get(story) ?? { aboutYou: false });
    story.text = renderStory(story, source);
  }
  const placements: Placement[] = stories.map((s) => ({ path: s.path, text: s.text, frags: fragsOf(s), asides: s.asides, story: true }));
  if (profile) placements.push({ path: profile.path, text: profile.text, frags: [...profile.ask, ...profile.preamble, ...(top.title ? [top.title] : [])] });
  const shapes: ImportResult['shapes'] = {};
  for (const b of blocks) if (b.start.kind === 'question') shapes[b.start.shape] = (shapes[b.start.shape] ?? 0) + 1;
  return {
    stories,
    newQuestions,
    profile,
    shapes,
    questionCount: blocks.filter((b) => b.start.kind === 'question').length,
    unplaced: checkPlacement(lines, placements),
    lineCount: lines.filter((l) => !l.blank).length,
  };
}

function claim(base: string, taken: Set<string>): string {
  const id = uniqueId(base, taken);
  taken.add(id);
  return id;
}

/** The story of a block's events that a line belongs to: the last one starting at or before it. */
function storyForLine(made: readonly ImportedStory[], line: number): ImportedStory {
  let found = made[0]!;
  for (const story of made) {
    const first = Math.min(...[...story.sections.values()].flat().filter((f) => f.line > 0).map((f) => f.line));
    if (first <= line) found = story;
  }
  return found;
}

function placeAside(aside: Aside, story: ImportedStory, asks: Frag[] | undefined): void {
  if (aside.ask && asks) asks.push(...askEntries(aside).map((text) => ({ text, line: aside.line })));
  else story.asides.push({ text: aside.text, line: aside.line });
}

/** A group heading ("# Technical") is a tag of the stories under it, written with the first; a long one is a note. */
function placeGroup(block: Block, story: ImportedStory): void {
  const group = block.group;
  if (!group || !block.firstInGroup) return;
  if (group.tag) story.placed.push({ text: group.text, line: group.line });
  const under = group.lines.filter((l) => !l.blank && !l.rule && !l.underline);
  if (!group.tag || under.length) {
    const heading = { text: `Under the heading "${group.text}" in the notes:`, line: group.tag ? 0 : group.line };
    const text = under.map((l) => ({ text: l.heading ? l.heading.text : l.text, line: l.no }));
    story.notes.unshift(heading, { text: '', line: 0 }, ...text, { text: '', line: 0 });
  }
}

/** A "same story as …" answer: its question joins that story, with the rest of the note as the angle. */
function resolve(
  ref: { block: Block; body: Body; id?: string },
  stories: ImportedStory[],
  byId: ReadonlyMap<string, ImportedStory>,
  candidates: Referables,
  fileIds: Set<string>,
  meta: Map<ImportedStory, { aboutYou: boolean }>,
  asks: Frag[] | undefined,
): void {
  const { block, body, id } = ref;
  const reference = body.reference!;
  // A bare "see above" under a question that names its story ("…on the ledger project?") follows the question's words first.
  // Its words, less the question's boilerplate, need only cover a third: "differently" and "project" name no story, "ledger" does.
  const questionKey = words(block.start.text).filter((w) => !STOPWORDS.has(w)).join(' ');
  const named = reference.key === '' && questionKey ? resolveReference({ key: questionKey, angle: '' }, candidates, block.line, 1 / 3) : undefined;
  const targetId = named ?? resolveReference(reference, candidates, block.line);
  const target = targetId === undefined ? undefined : byId.get(targetId);
  const [firstLine, ...otherLines] = reference.lines;
  const angle: Frag[] = [{ text: reference.angle, line: firstLine ?? block.line }, ...otherLines.map((line) => ({ text: '', line }))];
  if (target) {
    if (id && !target.questions.includes(id)) target.questions.push(id);
    // The same question pointing at the same story twice: one angle, both notes in it.
    const same = id ? target.angles.find((a) => a.id === id) : undefined;
    const note = (lead: string) => {
      target.notes.push({ text: `${lead} "${block.start.text}" (line ${block.line}): ${reference.angle}`, line: angle[0]!.line }, ...angle.slice(1));
      target.placed.push({ text: block.start.text, line: block.line });
    };
    if (same) note('Also for');
    else if (id) target.angles.push({ id, question: block.start.text, line: block.line, text: angle });
    if (!id) note('For');
    for (const aside of body.asides) placeAside(aside, target, asks);
    return;
  }
  // Nothing matches what it points at: keep it as a draft of its own, so nothing is lost.
  const common: Common = { block, questions: id ? [id] : [], competencies: [], aboutYou: false };
  const story = storyFromAnswer(common, claim(id ?? slugify(block.start.text), fileIds), { ...body, answer: angle, reference: undefined });
  story.draftWhy = `says "same story as ${reference.key || 'above'}", but no story here matches: list "${id ?? block.start.text}" in that story's questions instead`;
  for (const aside of body.asides) placeAside(aside, story, asks);
  meta.set(story, { aboutYou: false });
  stories.push(story);
}

/** Everything the importer put in a story file. */
function fragsOf(story: ImportedStory): Frag[] {
  return [
    ...story.placed,
    ...[...story.sections.values()].flat(),
    ...story.answer,
    ...story.lessons,
    ...story.notes,
    ...story.asides,
    ...story.angles.flatMap((a) => [{ text: a.question, line: a.line }, ...a.text]),
  ];
}

function humanise(name: string): string {
  const words = name.replace(/[-_.]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'My next role';
}

function noQuestions(source: string): string {
  return (
    `found no questions in ${source}. import starts a new story at each question: a heading ("## Tell me about a time…"), ` +
    'a numbered line ("1. Why this company?"), a bold line ("**Why this company?**"), a "Q:" line, or a line that reads as a question ("Tell me about…", "Why…?") with the answer below it. ' +
    'Mark the questions that way and run it again, or write stories one by one with `storybank new "Title"`'
  );
}

export type { ImportResult, ImportedStory, ImportedProfile, NewQuestion, ImportOptions } from './model.js';
