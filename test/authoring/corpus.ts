import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { importNotes, type ImportedStory, type ImportResult } from '../../src/authoring/import/index.js';
import { lintWorkspace } from '../../src/plan/lint.js';
import { builtinCatalog } from '../../src/questions/catalog.js';
import { readSource } from '../../src/workspace/front-matter.js';
import { plainText } from '../../src/workspace/markdown.js';
import { parseWorkspace } from '../../src/workspace/parse.js';
import { parseStory } from '../../src/workspace/story.js';
import { bytesOf, FIXTURES, words } from './notes-fixtures.js';

/**
 * The notes corpus (test/fixtures/notes/*.expect.yml, format in its
 * README) and how an import of each file scores against what a correct
 * import gives. One check per expectation, each with what went wrong.
 */

export interface Expectation {
  field: string;
  stories: number;
  questions: { text: string; phrase: string; star?: boolean; missing?: string[]; id?: string; ref?: number }[];
  topics?: { text: string; phrase: string }[];
  events?: { question: number; phrases: string[] }[];
  asides?: string[];
  ask?: string[];
  not_stories?: string[];
}

export interface Check {
  kind: 'stories' | 'phrase' | 'star' | 'free-form' | 'missing' | 'id' | 'ref' | 'event' | 'aside' | 'ask' | 'not-story' | 'check' | 'placed';
  ok: boolean;
  what: string;
}

export const corpusNames = (): string[] =>
  readdirSync(fileURLToPath(FIXTURES))
    .filter((f) => f.endsWith('.expect.yml'))
    .map((f) => f.replace(/\.expect\.yml$/, ''))
    .sort();

export function loadCase(name: string): { notes: string; expectation: Expectation } {
  const read = (f: string) => readFileSync(new URL(f, FIXTURES), 'utf8');
  return { notes: read(`${name}.md`), expectation: parse(read(`${name}.expect.yml`)) as Expectation };
}

export function importCase(name: string): { result: ImportResult; expectation: Expectation } {
  const { notes, expectation } = loadCase(name);
  return { result: importNotes(notes, builtinCatalog(), { sourceName: `${name}.md`, profileName: name }), expectation };
}

/** What a story exports (sections and lessons), read back as `build` reads it. */
function exported(story: ImportedStory): string {
  const parsed = parseStory(story.id, readSource(story.path, story.text).source).story!;
  return words([...parsed.sections, ...(parsed.lessons ? [parsed.lessons] : [])].map((s) => plainText(s.nodes)).join('\n'));
}

/** "angle: the vendor data" is found as "the vendor data": the marker is the importer's to drop. */
const phraseWords = (phrase: string) => words(phrase).replace(/^angle /, '');
/** "ask them: what …" is found as "what …" in ask:, the way the profile writes it. */
const askWords = (aside: string) => words(aside.replace(/^(?:ask(?: them)?|questions? for them(?: at the end)?)\s*:\s*/i, '').replace(/!!/g, ''));

export function scoreCase(result: ImportResult, e: Expectation): Check[] {
  const checks: Check[] = [];
  const add = (kind: Check['kind'], ok: boolean, what: string) => checks.push({ kind, ok, what });
  const stories = result.stories;
  const texts = new Map(stories.map((s) => [s, ` ${words(s.text)} `]));
  const has = (s: ImportedStory, phrase: string) => texts.get(s)!.includes(` ${phraseWords(phrase)} `);
  const asked = (text: string) => stories.filter((s) => words(s.question) === words(text));
  const referring = (text: string) => stories.filter((s) => s.angles.some((a) => words(a.question) === words(text)));

  add('stories', stories.length === e.stories, `${stories.length} stories (expected ${e.stories}): ${stories.map((s) => s.id).join(', ')}`);

  e.questions.forEach((q, i) => {
    const own = q.ref ? referring(q.text) : asked(q.text);
    const story = own[0];
    const holders = stories.filter((s) => has(s, q.phrase));
    if (q.ref) {
      const target = asked(e.questions[q.ref - 1]!.text);
      const right = story !== undefined && target.includes(story);
      add('ref', right, `"${q.text}" joins the story of question ${q.ref}${right ? '' : `: got ${story?.id ?? 'no story'} (question ${q.ref} is ${target.map((s) => s.id).join(', ') || 'missing'})`}`);
    }
    add('phrase', story !== undefined && holders.length === 1 && holders[0] === story, `"${q.phrase}" in the story of "${q.text}" only (found in ${holders.map((s) => s.id).join(', ') || 'none'}; story ${story?.id ?? 'none'})`);
    if (q.id) add('id', story?.questions.includes(q.id) ?? false, `"${q.text}" → ${q.id} (story lists ${story?.questions.join(', ') ?? 'nothing'})`);
    if (q.ref || !story) return;
    const events = e.events?.find((ev) => ev.question === i + 1);
    const all = events ? own : [story];
    if (q.star === true) {
      for (const s of all) add('star', s.kind === 'star' && s.missing.length === 0, `${s.id}: STAR with all four sections (${s.kind}, found ${s.found.join(' ') || 'none'})`);
    } else if (q.missing) {
      const right = story.kind === 'star' && story.missing.join() === q.missing.join() && Boolean(story.draftWhy);
      add('missing', right, `${story.id}: a draft missing ${q.missing.join(', ')} (${story.kind}, missing ${story.missing.join(', ') || 'nothing'})`);
    } else {
      add('free-form', story.kind === 'answer', `${story.id}: a free-form answer (${story.kind})`);
    }
  });

  for (const t of e.topics ?? []) {
    const story = asked(t.text)[0];
    const holders = stories.filter((s) => has(s, t.phrase));
    add('phrase', story !== undefined && holders.length === 1 && holders[0] === story && Boolean(story.draftWhy), `topic "${t.text}" is a draft of its own with "${t.phrase}"`);
  }

  for (const ev of e.events ?? []) {
    const q = e.questions[ev.question - 1]!;
    const holders = ev.phrases.map((p) => stories.find((s) => has(s, p)));
    const ids = holders.map((s) => s?.id ?? 'none');
    const sameQuestion = holders.every((s) => s && asked(q.text).includes(s));
    add('event', new Set(ids).size === ev.phrases.length && sameQuestion, `two events under "${q.text}" in two stories (${ids.join(', ')})`);
  }

  const exportedText = stories.map(exported).join(' ');
  const privateText = stories.map((s) => (s.text.includes('\n## Notes') ? words(s.text.slice(s.text.indexOf('\n## Notes'))) : '')).join(' ');
  const askText = words((result.profile?.ask ?? []).map((f) => f.text).join('\n'));
  for (const aside of e.asides ?? []) {
    const w = words(aside);
    const leaked = exportedText.includes(w);
    const kept = privateText.includes(w) || askText.includes(askWords(aside));
    add('aside', !leaked && kept, `aside "${aside}" ${leaked ? 'is in an exported section' : kept ? 'kept private' : 'is lost'}`);
  }
  for (const a of e.ask ?? []) add('ask', askText.includes(askWords(a)), `"${a}" in the profile's ask:`);

  for (const line of e.not_stories ?? []) {
    const made = stories.some((s) => words(s.question) === words(line) || words(s.title) === words(line));
    add('not-story', !made, `"${line}" is not a story`);
  }

  const files = stories.map((s) => bytesOf(s.path, s.text));
  if (result.profile) files.push(bytesOf(result.profile.path, result.profile.text));
  if (result.newQuestions.length) {
    files.push(bytesOf('stories/questions.yml', `${result.newQuestions.map((q) => `- id: ${q.id}\n  text: ${JSON.stringify(q.text)}\n  competencies: []`).join('\n')}\n`));
  }
  const errors = lintWorkspace(parseWorkspace(files)).filter((d) => d.severity === 'error');
  add('check', errors.length === 0, `check: ${errors.map((d) => `${d.file}:${d.line}: ${d.message}`).join('; ') || '0 errors'}`);
  add('placed', result.unplaced.length === 0, `every line placed (${result.unplaced.map((u) => `line ${u.line} ${u.problem}`).join(', ') || 'all'})`);
  return checks;
}
