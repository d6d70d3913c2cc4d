import { UserError } from '../diagnostics.js';
import type { Catalog } from '../questions/catalog.js';
import { headingKey } from '../workspace/markdown.js';
import { SECTION_LABELS, STAR_SECTIONS, type StarKey } from '../workspace/sections.js';
import { indexCatalog, isStopword, looksLikeQuestion, MATCH_THRESHOLD, rankQuestions, type QuestionIndex } from '../questions/match.js';
import { slugify, uniqueId } from './slug.js';
import { yamlScalar } from './yaml-text.js';

/**
 * `storybank import`: freeform interview notes → one draft story per
 * question. Pure: text in, file texts out; the command does the I/O.
 *
 * The contract is that nothing of the notes is lost. Every line ends up in
 * a story: under a STAR section when it has a `Situation:`-style label, in
 * the free-form answer otherwise, and in `## Notes` (never exported) when it
 * fits no section — asides, text before the first label, group headings.
 * The full question as written is kept in a comment at the top of each file.
 */

export type SectionKey = 'situation' | 'task' | 'action' | 'result' | 'lessons' | 'notes';

export interface ImportedStory {
  /** Story id = file name without `.md`. */
  id: string;
  /** Workspace-relative path, `stories/<id>.md`. */
  path: string;
  title: string;
  kind: 'star' | 'answer';
  draft: boolean;
  /** Question ids listed in the front matter. */
  questions: string[];
  /** 1-based line of the question in the notes. */
  line: number;
  /** The question as written in the notes, without Markdown markup. */
  question: string;
  /** The whole file. */
  text: string;
  /** What to do before the story is ready; empty when nothing stands out. */
  attention: string[];
}

export interface NewQuestion {
  id: string;
  text: string;
  competencies: string[];
}

export type NotesShape = 'headings' | 'lines' | 'topics';

export interface ImportResult {
  stories: ImportedStory[];
  /** Questions the catalog does not know, to add to stories/questions.yml. */
  newQuestions: NewQuestion[];
  /** How questions were recognised: Markdown headings, question lines (numbered, bold, `Q:`), or topic headings. */
  shape: NotesShape;
}

export interface ImportOptions {
  /** Name of the notes file, for the comment at the top of each story. */
  sourceName?: string;
  /** Define unknown questions as new catalog entries (default true). */
  defineQuestions?: boolean;
}

// The story parser's own section names, so an import writes exactly what it reads.
const STAR_KEYS = STAR_SECTIONS;
const SECTION_TITLES = SECTION_LABELS;

/**
 * Label words, longest first. A superset of the section headings the story
 * parser recognises, so any heading it would treat as a section is
 * rewritten here as a canonical one (never duplicated).
 */
const LABELS: readonly [string, SectionKey][] = (
  [
    ['lessons learned', 'lessons'], ['lessons learnt', 'lessons'], ['what i did', 'action'], ['prep notes', 'notes'],
    ['situation', 'situation'], ['context', 'situation'], ['background', 'situation'],
    ['task', 'task'], ['goal', 'task'], ['objective', 'task'],
    ['actions', 'action'], ['action', 'action'],
    ['results', 'result'], ['result', 'result'], ['outcome', 'result'], ['impact', 'result'],
    ['lessons', 'lessons'], ['lesson', 'lessons'], ['learnings', 'lessons'], ['learning', 'lessons'], ['takeaways', 'lessons'], ['takeaway', 'lessons'],
    ['notes', 'notes'], ['note', 'notes'],
  ] as [string, SectionKey][]
).sort((a, b) => b[0].length - a[0].length);

const LETTER_KEYS: Record<string, StarKey> = { S: 'situation', T: 'task', A: 'action', R: 'result' };

/** Built-in questions whose answers are not stories: no STAR expected, no metrics expected. */
const FREE_FORM_QUESTIONS = new Set([
  'about-me', 'why-company', 'why-role', 'why-leaving', 'career-goals', 'dealbreakers', 'strengths', 'weaknesses',
  'manager-feedback', 'enjoyed-most', 'questions-for-us', 'prioritization',
]);

const STORY_PROMPT = /^(tell (me|us) about an? (time|situation|moment|occasion|project)|describe an? (time|situation)|give (me|us) an example|walk (me|us) through an? )/i;

/** Shorter than this, an answer is a note to self ("Leading a small team."). */
const MIN_ANSWER_WORDS = 8;

/** Note-to-self openings: "talk about X" is a reminder, not an answer. */
const REMINDER = /^(talk about|mention|explain|use the|use my|see above|cover|tell about|tell them|say )/i;

// ---------------------------------------------------------------------------
// Lines

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;
const THEMATIC_BREAK = /^ {0,3}((?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const NUMBERED = /^ ?(\d{1,3})[.)][ \t]+(.+)$/;
const Q_LINE = /^ {0,3}(?:[-*+][ \t]+)?(?:\*\*|__)?[ \t]*(?:Q|Question)[ \t]*\d{0,3}[ \t]*[:.)][ \t]*(?:\*\*|__)?[ \t]*(.+)$/i;
const BOLD_LINE = /^ {0,3}(?:\*\*|__)(.+?)(?:\*\*|__)[ \t]*(.*)$/;
const ANSWER_PREFIX = /^(\s*)(?:\*\*|__)?(?:A|Answer)[ \t]*\d{0,3}[ \t]*[:.)][ \t]*(?:\*\*|__)?[ \t]*/i;
/** Asides: `**** later on…`, `NB: …`, `PS: …`. They fit no section, so they go to ## Notes. */
const ASIDE = /^ {0,3}(?:(?:\*{3,}|_{3,})[ \t]+(?=\S)|(?:\*\*|__)?(?:NB|N\.B\.?|PS|P\.S\.?|side ?note|aside|btw)(?:\*\*|__)?[ \t]*[:\-–—][ \t])/i;
const ASIDE_MARK = /^ {0,3}(?:\*{3,}|_{3,})[ \t]+/;
const PROMPT_START = /^(tell (me|us)|describe|walk (me|us) through|give (me|us) an? |talk (me|us) through)/i;

interface Heading {
  level: number;
  text: string;
  /** Lines the heading takes: 1 for ATX, 2 for setext. */
  span: number;
}

interface Question {
  /** Index of the question line. */
  at: number;
  /** Lines the question takes. */
  span: number;
  /** Question text with markup removed. */
  text: string;
  /** Answer text that sat on the question line (`**Why?** Because…`, `Q: … A: …`). */
  inlineAnswer?: string;
  /** Heading level of the question, when it is a heading. */
  level?: number;
}

/** Headings by line index (ATX and setext), skipping fenced code. */
function findHeadings(lines: readonly string[], fenced: readonly boolean[]): Map<number, Heading> {
  const out = new Map<number, Heading>();
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    const line = lines[i]!;
    const atx = ATX.exec(line);
    if (atx) {
      out.set(i, { level: atx[1]!.length, text: (atx[2] ?? '').trim(), span: 1 });
      continue;
    }
    const next = lines[i + 1];
    const prev = i > 0 ? lines[i - 1]! : '';
    if (
      next !== undefined &&
      !fenced[i + 1] &&
      SETEXT.test(next) &&
      line.trim() !== '' &&
      prev.trim() === '' &&
      !LIST_ITEM.test(line) &&
      !/^\s{4,}|^\s*>/.test(line) &&
      !THEMATIC_BREAK.test(line)
    ) {
      out.set(i, { level: next.trim().startsWith('=') ? 1 : 2, text: line.trim(), span: 2 });
      i++;
    }
  }
  return out;
}

function fencedLines(lines: readonly string[]): boolean[] {
  const out: boolean[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (fence) {
      out.push(true);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = undefined;
    } else if (m) {
      out.push(true);
      fence = m[1];
    } else {
      out.push(false);
    }
  }
  return out;
}

/** Question text without Markdown markup, numbering, `Q:` prefix or wrapping quotes. */
export function cleanQuestion(text: string): string {
  return text
    .replace(/\*\*|__|\*|`/g, '')
    .replace(/^\s*(?:\d{1,3}\s*[.)]|\(\d{1,3}\)|#\d{1,3})\s*/, '')
    .replace(/^\s*(?:Q|Question)\s*\d{0,3}\s*[:.)]\s*/i, '')
    .replace(/^\s*["“”'‘’]+\s*/, '')
    .replace(/\s*["“”'‘’]+\s*$/, (m) => (/^\s*[’']\s*$/.test(m) ? m.trim() : ''))
    .replace(/[\s:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function strictQuestion(text: string): boolean {
  return text.includes('?') || PROMPT_START.test(text);
}

/** Finds the question lines and decides which shape of notes this is. */
function findQuestions(lines: readonly string[], fenced: readonly boolean[], headings: Map<number, Heading>, index: QuestionIndex): { questions: Question[]; shape: NotesShape; level?: number } {
  // 1. Headings: the level with the most question-like headings (ties: the shallower).
  // Section labels (`## Situation`) never start a question, even at the question level.
  const isLabel = (h: Heading) => labelKey(headingKey(h.text)) !== undefined;
  const perLevel = new Map<number, number>();
  for (const h of headings.values()) {
    if (isLabel(h)) continue;
    const text = cleanQuestion(h.text);
    const questionLike = looksLikeQuestion(text) || (rankQuestions(text, index)[0]?.score ?? 0) >= MATCH_THRESHOLD;
    if (questionLike) perLevel.set(h.level, (perLevel.get(h.level) ?? 0) + 1);
  }
  if (perLevel.size > 0) {
    const level = [...perLevel.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    const questions = [...headings.entries()]
      .filter(([, h]) => h.level === level && !isLabel(h))
      .map(([at, h]) => ({ at, span: h.span, text: cleanQuestion(h.text), level }));
    return { questions, shape: 'headings', level };
  }

  // 2. Question lines: `Q:` lines, numbered questions, bold questions.
  const questions: Question[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i] || headings.has(i)) continue;
    const line = lines[i]!;
    const q = Q_LINE.exec(line);
    if (q) {
      questions.push(splitInlineAnswer(i, q[1]!));
      continue;
    }
    const n = NUMBERED.exec(line);
    if (n && strictQuestion(cleanQuestion(n[2]!))) {
      questions.push(splitInlineAnswer(i, n[2]!));
      continue;
    }
    const b = BOLD_LINE.exec(line);
    if (b && strictQuestion(cleanQuestion(b[1]!)) && (b[2]!.trim() === '' || /[?:.]\s*$/.test(b[1]!))) {
      const question = splitInlineAnswer(i, b[1]!);
      const rest = b[2]!.trim();
      questions.push(rest ? { ...question, inlineAnswer: [question.inlineAnswer, rest].filter(Boolean).join(' ') } : question);
    }
  }
  if (questions.length > 0) return { questions, shape: 'lines' };

  // 3. No questions at all, but several headings of one level: one story per topic.
  const counts = new Map<number, number>();
  for (const h of headings.values()) if (!isLabel(h)) counts.set(h.level, (counts.get(h.level) ?? 0) + 1);
  const level = [...counts.entries()].filter(([, n]) => n >= 2).sort((a, b) => a[0] - b[0])[0]?.[0];
  if (level !== undefined) {
    const topics = [...headings.entries()]
      .filter(([, h]) => h.level === level && !isLabel(h))
      .map(([at, h]) => ({ at, span: h.span, text: cleanQuestion(h.text), level }));
    return { questions: topics, shape: 'topics', level };
  }
  return { questions: [], shape: 'lines' };
}

/** `Why this company? A: Because…` on one line. */
function splitInlineAnswer(at: number, raw: string): Question {
  const text = raw.replace(/(?:\*\*|__)\s*$/, '');
  const m = /^(.*?\?)\s*(?:\*\*|__)?\s*A(?:nswer)?\s*[:.]\s+(.+)$/i.exec(text);
  if (m) return { at, span: 1, text: cleanQuestion(m[1]!), inlineAnswer: m[2]!.trim() };
  return { at, span: 1, text: cleanQuestion(text) };
}

// ---------------------------------------------------------------------------
// Blocks

interface Block {
  question: Question;
  /** Answer lines, as written. */
  lines: string[];
  /** Lines that belong to no question and precede this one (file preamble, group headings). */
  context: string[];
  /** The same, after the last question of the file. */
  after?: string[];
}

/** Cuts the notes into question blocks; text outside every block becomes context of the next one. */
function cutBlocks(lines: readonly string[], questions: readonly Question[], headings: Map<number, Heading>, shape: NotesShape, level: number | undefined): Block[] {
  const blocks: Block[] = [];
  let loose: string[] = [];
  let current: Block | undefined;
  const starts = new Map(questions.map((q) => [q.at, q]));
  for (let i = 0; i < lines.length; i++) {
    const q = starts.get(i);
    if (q) {
      current = { question: q, lines: q.inlineAnswer ? [q.inlineAnswer] : [], context: loose };
      blocks.push(current);
      loose = [];
      i += q.span - 1;
      continue;
    }
    const h = headings.get(i);
    // A heading above the question level groups questions ("# Behavioural"): it and what follows it, up to the next question, is context.
    const groups = h && level !== undefined && (shape === 'headings' || shape === 'topics') && h.level < level && !labelKey(headingKey(h.text));
    // In notes made of question lines, a heading followed by nothing but the next question is a group heading too.
    const isGroupLine = h && shape === 'lines' && nextContentIsQuestion(lines, i + h.span, starts);
    if (groups || isGroupLine) {
      if (current && loose.length === 0) current = undefined;
      loose.push(`**${cleanQuestion(h!.text) || h!.text}**`, '');
      i += h!.span - 1;
      continue;
    }
    if (current) current.lines.push(lines[i]!);
    else loose.push(lines[i]!);
  }
  if (loose.some((l) => l.trim()) && blocks.length > 0) blocks[blocks.length - 1]!.after = loose;
  return blocks;
}

function nextContentIsQuestion(lines: readonly string[], from: number, starts: Map<number, Question>): boolean {
  for (let i = from; i < lines.length; i++) {
    if (starts.has(i)) return true;
    if (lines[i]!.trim() !== '') return false;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Labels

interface Label {
  key: SectionKey;
  /** Text after the label on the same line. */
  rest: string;
}

/** `Situation:`, `**Task:** text`, `“Action:” text`, `### Result`, `- Lessons: …`; undefined for prose that merely starts with the word. */
export function parseLabel(line: string): Label | undefined {
  const atx = ATX.exec(line);
  if (atx) {
    const key = labelKey(headingKey(atx[2] ?? ''));
    return key ? { key, rest: '' } : undefined;
  }
  let s = line.replace(/^ {0,3}/, '');
  let listed = false;
  const marker = /^[-+][ \t]+|^\*[ \t]+(?!\*)/.exec(s);
  if (marker) {
    listed = true;
    s = s.slice(marker[0].length);
  }
  const open = /^(?:\*\*|__|\*|_)?[ \t]*["“”'‘’]?[ \t]*(?:\*\*|__|\*|_)?/.exec(s)![0];
  s = s.slice(open.length);
  const lower = s.toLowerCase();
  const found = LABELS.find(([word]) => lower.startsWith(word) && !/[\p{L}\p{N}]/u.test(s.charAt(word.length)));
  if (!found) return undefined;
  s = s.slice(found[0].length).replace(/^[ \t]*\([STARstar]\)/, '');
  const close = /^[ \t]*["“”'‘’]?[ \t]*(?:\*\*|__|\*|_)?[ \t]*["“”'‘’]?/.exec(s)![0];
  s = s.slice(close.length);
  const colon = /^[ \t]*(?::|：|[-–—](?=[ \t]))/.exec(s);
  if (colon) {
    s = s.slice(colon[0].length);
    // The closing half of `**Situation:**` or `“Situation:”`.
    if (/\*\*|__/.test(open) && !/\*\*|__/.test(close)) s = s.replace(/^[ \t]*(?:\*\*|__)/, '');
    else if (/^[ \t]*[*_][ \t]*$/.test(open.replace(/["“”'‘’]/g, '')) && !/[*_]/.test(close)) s = s.replace(/^[ \t]*[*_](?![*_])/, '');
    if (/["“'‘]/.test(open) && !/["”'’]/.test(close)) s = s.replace(/^[ \t]*["”'’]/, '');
  }
  const rest = s.trim();
  if (!colon && (rest !== '' || listed)) return undefined;
  return { key: found[1], rest };
}

function labelKey(key: string): SectionKey | undefined {
  return LABELS.find(([word]) => word === key)?.[1];
}

/** `S: …` `T: …` `A: …` `R: …` shorthand; only trusted when a block uses S and R this way. */
function parseLetterLabel(line: string): Label | undefined {
  const m = /^ {0,3}(?:\*\*|__)?([STAR])[ \t]*(?:\*\*|__)?[ \t]*[:)][ \t]*(?:\*\*|__)?[ \t]*(.*)$/.exec(line);
  return m ? { key: LETTER_KEYS[m[1]!]!, rest: m[2]!.trim() } : undefined;
}

// ---------------------------------------------------------------------------
// Answer text

/** Removes the common indentation of non-blank lines (answers under a numbered question are often indented). */
function dedent(lines: readonly string[]): string[] {
  const expanded = lines.map((l) => l.replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, '    ')));
  const indents = expanded.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return expanded.map((l) => (l.trim() === '' ? '' : l.slice(cut)));
}

function trimBlank(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

/** Headings inside an answer become `###` or deeper, so they never compete with the story's `##` sections; setext headings become ATX. */
function normaliseHeadings(lines: readonly string[]): string[] {
  const fenced = fencedLines(lines);
  const headings = findHeadings(lines, fenced);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = headings.get(i);
    if (!h) {
      out.push(lines[i]!);
      continue;
    }
    if (h.text === '') continue;
    out.push(`${'#'.repeat(Math.max(3, h.level))} ${h.text}`);
    i += h.span - 1;
  }
  return out;
}

const isProse = (line: string) =>
  line.trim() !== '' && !LIST_ITEM.test(line) && !ATX.test(line) && !/^\s{4,}|^\s*[>|]/.test(line) && !FENCE.test(line) && !THEMATIC_BREAK.test(line);

/**
 * Tidies an answer for reading: quotation marks around whole sentences go
 * (notes often quote what to say), and a sentence that ends a line followed
 * by a new sentence on the next line starts a new paragraph (in Markdown they
 * would run together). Lists, headings and code are left alone; no word is
 * added or removed.
 */
export function tidyText(lines: readonly string[]): string {
  const fenced = fencedLines(lines);
  // Group into runs of prose lines (paragraphs) and single other lines.
  type Chunk = { prose: boolean; lines: string[]; code?: boolean };
  const chunks: Chunk[] = [];
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = fenced[i] ? lines[i]! : lines[i]!.replace(/\s+$/, '');
    if (line.trim() === '' && !fenced[i]) {
      inList = false;
      chunks.push({ prose: false, lines: [''] });
      continue;
    }
    if (!fenced[i] && LIST_ITEM.test(line)) inList = true;
    const prose = !fenced[i] && !inList && isProse(line);
    const last = chunks[chunks.length - 1];
    if (prose && last?.prose) last.lines.push(line);
    else chunks.push({ prose, lines: [line], code: fenced[i] });
  }
  const out: string[] = [];
  const blankBefore = () => {
    if (out.length && out[out.length - 1]!.trim() !== '') out.push('');
  };
  chunks.forEach((chunk, c) => {
    const first = chunk.lines[0]!;
    if (!chunk.prose) {
      const heading = !chunk.code && ATX.test(first);
      // A thematic break right after text would turn that text into a heading; headings read better with air around them.
      if (heading || (!chunk.code && THEMATIC_BREAK.test(first))) blankBefore();
      out.push(...chunk.lines);
      if (heading && chunks[c + 1]?.lines[0] !== '') out.push('');
      return;
    }
    const paragraph = unquoteSentences(chunk.lines.map((l) => l.trim()).join('\n')).split('\n');
    paragraph.forEach((line, i) => {
      const prev = paragraph[i - 1];
      if (prev !== undefined && /[.!?]["”’)]*$/.test(prev) && /^["“‘(]?[\p{Lu}\p{N}]/u.test(line)) out.push('');
      out.push(line);
    });
  });
  return trimBlank(out)
    .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
    .join('\n');
}

/** `“I did X.” Then Y.` → `I did X. Then Y.`: quotes that enclose whole sentences, not quotes inside a sentence. */
function unquoteSentences(text: string): string {
  return text.replace(/(^|[.!?]\s+)["“]([^"“”]+?[.!?])["”](?=\s|$)/g, '$1$2');
}

// ---------------------------------------------------------------------------
// One block → one story

interface Body {
  kind: 'star' | 'answer';
  sections: Map<SectionKey, string[]>;
  /** The free-form answer (kind answer). */
  answer: string[];
  missing: StarKey[];
  notes: string[];
  remarks: string[];
}

function readBody(block: Block): Body {
  let lines = trimBlank(dedent(block.lines));
  // Drop separators between questions (`-----`): they carry no text.
  while (lines.length && THEMATIC_BREAK.test(lines[lines.length - 1]!)) lines = trimBlank(lines.slice(0, -1));
  lines = normaliseHeadings(lines);
  const fenced = fencedLines(lines);

  const letters = lines.map((l, i) => (fenced[i] ? undefined : parseLetterLabel(l)));
  const letterKeys = new Set(letters.filter(Boolean).map((l) => l!.key));
  const letterMode = letterKeys.has('situation') && letterKeys.has('result') && letterKeys.size >= 3;
  if (!letterMode) {
    const first = lines.findIndex((l) => l.trim() !== '');
    if (first >= 0) lines[first] = lines[first]!.replace(ANSWER_PREFIX, '$1');
  }

  // Segments: runs of lines under one label (or none), and aside paragraphs.
  type Segment = { key: SectionKey | 'preamble'; lines: string[]; labelled: boolean; original: string[] };
  let current: Segment = { key: 'preamble', lines: [], labelled: false, original: [] };
  const segments: Segment[] = [current];
  let aside: Segment | undefined;
  lines.forEach((line, i) => {
    if (aside) {
      if (line.trim() !== '') {
        aside.lines.push(line);
        aside.original.push(line);
        return;
      }
      // The aside paragraph is over; what follows continues the section it interrupted.
      aside = undefined;
      current = { key: current.key, lines: [], labelled: false, original: [] };
      segments.push(current);
    }
    const label = fenced[i] ? undefined : (letterMode ? letters[i] : undefined) ?? parseLabel(line);
    if (label) {
      current = { key: label.key, lines: label.rest ? [label.rest] : [], labelled: true, original: [line] };
      segments.push(current);
      return;
    }
    if (!fenced[i] && ASIDE.test(line)) {
      aside = { key: 'notes', lines: [line.replace(ASIDE_MARK, '')], labelled: false, original: [line] };
      segments.push(aside);
      return;
    }
    current.lines.push(line);
    current.original.push(line);
  });

  const starLabels = new Set(segments.filter((s) => s.labelled && (STAR_KEYS as readonly string[]).includes(s.key)).map((s) => s.key));
  const sections = new Map<SectionKey, string[]>();
  const add = (key: SectionKey, text: string[]) => {
    if (!text.some((l) => l.trim())) {
      if (!sections.has(key)) sections.set(key, []);
      return;
    }
    const prior = sections.get(key) ?? [];
    sections.set(key, prior.length ? [...prior, '', ...text] : [...text]);
  };
  const remarks: string[] = [];
  const notes: string[] = [];
  const addNotes = (text: string[]) => {
    if (!text.some((l) => l.trim())) return;
    if (notes.length) notes.push('');
    notes.push(...trimBlank(text));
  };

  if (starLabels.size >= 2) {
    const preamble: string[] = [];
    for (const s of segments) {
      if (s.key === 'preamble') preamble.push(...s.lines);
      else if (s.key === 'notes') addNotes(s.lines);
      else add(s.key, s.lines);
    }
    if (preamble.some((l) => l.trim())) {
      if (!sections.has('situation')) {
        add('situation', preamble);
        remarks.push('the Situation is the text before the first label: check it');
      } else {
        addNotes(preamble);
        remarks.push('text before the first STAR label was moved to ## Notes');
      }
    }
    const missing = STAR_KEYS.filter((k) => !(sections.get(k) ?? []).some((l) => l.trim()));
    return { kind: 'star', sections, answer: [], missing, notes, remarks };
  }

  // Free-form answer: STAR-looking labels stay as written; Lessons and Notes labels still get their sections.
  const answer: string[] = [];
  for (const s of segments) {
    if (s.key === 'notes') addNotes(s.lines);
    else if (s.key === 'lessons') add('lessons', s.lines);
    else answer.push(...s.original);
  }
  return { kind: 'answer', sections, answer, missing: [], notes, remarks };
}

// ---------------------------------------------------------------------------
// Public entry point

/**
 * Turns notes into story files. Throws UserError when the notes are empty
 * or contain nothing recognisable as a question.
 */
export function importNotes(markdown: string, catalog: Catalog, options: ImportOptions = {}): ImportResult {
  const source = options.sourceName ?? 'the notes';
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new UserError(`${source} is empty; there is nothing to import`);
  const lines = text.split('\n');
  const fenced = fencedLines(lines);
  const headings = findHeadings(lines, fenced);
  const index = indexCatalog(catalog);
  const { questions, shape, level } = findQuestions(lines, fenced, headings, index);
  if (questions.length === 0) {
    throw new UserError(
      `found no questions in ${source}. import starts a new story at each question: a heading ("## Tell me about a time…"), ` +
        'a numbered line ("1. Why this company?"), a bold line ("**Why this company?**") or a "Q:" line. ' +
        'Mark the questions that way and run it again, or write stories one by one with `storybank new "Title"`',
    );
  }
  const blocks = cutBlocks(lines, questions, headings, shape, level);
  const assigned = assignQuestions(blocks, index);
  const defineQuestions = options.defineQuestions ?? true;

  const newQuestions: NewQuestion[] = [];
  const knownIds = new Set([...catalog.questions.keys()]);
  const fileIds = new Set<string>();
  const stories: ImportedStory[] = [];

  blocks.forEach((block, i) => {
    const question = block.question.text;
    const title = titleFrom(question);
    const match = assigned[i];
    const attention: string[] = [];
    const questionIds: string[] = [];
    let competencies: string[] = [];
    let baseId: string;
    const questionLike = looksLikeQuestion(question) || Boolean(match);

    if (match) {
      questionIds.push(match.id);
      competencies = [...(catalog.questions.get(match.id)?.competencies ?? [])];
      baseId = match.id;
      if (match.shared) attention.push(`answers "${match.id}" like another story here: keep the better one, or list a different question`);
    } else if (questionLike && shape !== 'topics' && defineQuestions) {
      const id = uniqueId(questionIdFor(question), new Set([...knownIds, ...newQuestions.map((q) => q.id)]));
      newQuestions.push({ id, text: title, competencies: [] });
      questionIds.push(id);
      baseId = id;
      attention.push(`not in the question bank: added as "${id}" to stories/questions.yml (give it competencies there)`);
    } else {
      baseId = slugify(title);
      if (questionLike) attention.push('matches no known question: add a question id to `questions:`');
    }
    const id = uniqueId(baseId, fileIds);
    fileIds.add(id);

    const body = readBody(block);
    attention.push(...body.remarks);
    const answerText = tidyText(body.answer);
    const wordCount = answerText.split(/\s+/).filter(Boolean).length;
    const storyQuestion = match ? !FREE_FORM_QUESTIONS.has(match.id) : STORY_PROMPT.test(question);
    let draftWhy: string | undefined;

    if (!questionLike) {
      const hints = subQuestions(block, index);
      attention.push(
        `"${question}" is a topic, not a question: split it into one story per question, or move it into a story's ## Notes` +
          (hints.length ? ` (its sub-headings suggest ${hints.join(', ')})` : ''),
      );
      draftWhy = 'a topic, not yet a story';
    }
    if (body.kind === 'star' && body.missing.length) {
      const names = body.missing.map((k) => SECTION_TITLES[k]);
      attention.push(`missing ${listWords(names)}: fill ${body.missing.length === 1 ? 'it' : 'them'} in`);
      draftWhy ??= `${listWords(names)} missing`;
    }
    if (body.kind === 'answer' && answerText.trim() === '') {
      attention.push('no answer in the notes yet: write one');
      draftWhy ??= 'no answer yet';
    } else if (body.kind === 'answer' && (REMINDER.test(answerText.trim()) || wordCount < MIN_ANSWER_WORDS)) {
      attention.push(
        REMINDER.test(answerText.trim())
          ? `reads like a reminder to yourself ("${answerText.trim().split(/\s+/).slice(0, 3).join(' ')} …"), not an answer: write it out`
          : `only ${wordCount} words: write the answer out`,
      );
      draftWhy ??= 'a reminder, not an answer yet';
    } else if (body.kind === 'answer' && storyQuestion) {
      attention.push('no Situation/Task/Action/Result labels, so it is a free-form answer: consider rewriting it as STAR');
    }
    if (competencies.length === 0) attention.push('no competencies: add some (e.g. ownership, delivery) so profiles can pick it');
    if (storyQuestion || body.kind === 'star') {
      const numbers = numberPhrases(body.kind === 'star' ? [...body.sections.values()].flat().join('\n') : answerText);
      attention.push(`no metrics: add headline numbers to \`metrics:\`${numbers.length ? ` (the notes mention ${numbers.map((n) => `"${n}"`).join(', ')})` : ''}`);
    }

    const notes = [...body.notes];
    if (block.context.some((l) => l.trim())) {
      if (notes.length) notes.push('');
      notes.push(`From ${source}, before this question:`, '', ...trimBlank(block.context));
    }
    if (block.after?.some((l) => l.trim())) {
      if (notes.length) notes.push('');
      notes.push(`From ${source}, after this question:`, '', ...trimBlank(block.after));
    }

    const fileText = renderStory({
      source,
      line: block.question.at + 1,
      question,
      title,
      kind: body.kind,
      draftWhy,
      questions: questionIds,
      competencies,
      sections: body.sections,
      answer: answerText,
      notes,
    });
    stories.push({
      id,
      path: `stories/${id}.md`,
      title,
      kind: body.kind,
      draft: draftWhy !== undefined,
      questions: questionIds,
      line: block.question.at + 1,
      question,
      text: fileText,
      attention,
    });
  });
  return { stories, newQuestions, shape };
}

/**
 * One question id per block where it clearly matches. Blocks are served
 * best match first; a question already taken goes to the block's next
 * clear match, and only when there is none is it shared.
 */
function assignQuestions(blocks: readonly Block[], index: QuestionIndex): ({ id: string; shared: boolean } | undefined)[] {
  const ranked = blocks.map((b) => rankQuestions(b.question.text, index).filter((m) => m.score >= MATCH_THRESHOLD));
  const order = blocks.map((_, i) => i).sort((a, b) => (ranked[b]![0]?.score ?? 0) - (ranked[a]![0]?.score ?? 0) || a - b);
  const used = new Set<string>();
  const out: ({ id: string; shared: boolean } | undefined)[] = blocks.map(() => undefined);
  for (const i of order) {
    const candidates = ranked[i]!;
    if (candidates.length === 0) continue;
    const free = candidates.find((m) => !used.has(m.id));
    if (free) {
      used.add(free.id);
      out[i] = { id: free.id, shared: false };
    } else {
      out[i] = { id: candidates[0]!.id, shared: true };
    }
  }
  return out;
}

/** Question ids suggested by an answer's sub-headings ("#### Technical Decisions" → technical-decision). */
function subQuestions(block: Block, index: QuestionIndex): string[] {
  const fenced = fencedLines(block.lines);
  const found: string[] = [];
  for (const h of findHeadings(block.lines, fenced).values()) {
    const [best] = rankQuestions(cleanQuestion(h.text), index);
    if (best && best.score >= 0.7 && !found.includes(best.id)) found.push(best.id);
  }
  return found;
}

/** First sentence of the question, capitalised: a heading that asks two things gives its first. */
export function titleFrom(question: string): string {
  const first = question.split(/(?<=[?!.])\s+(?=\S)/)[0] ?? question;
  const title = first.split(/\s+/).length >= 3 ? first : question;
  const capital = title.charAt(0).toUpperCase() + title.slice(1);
  if (capital.length <= 120) return capital || 'Untitled answer';
  const cut = capital.slice(0, 119);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

/** An id for a new question from its content words: "What is your favourite data structure?" → favourite-data-structure. */
function questionIdFor(question: string): string {
  const words = question
    .replace(/[’']/g, "'")
    .replace(/'(s|re|ve|ll|d|m|t)\b/gi, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !isStopword(w))
    .slice(0, 5);
  return slugify(words.join(' '), 'question');
}

/** Short phrases around numbers, as hints for `metrics:`. Never invents one. */
function numberPhrases(text: string): string[] {
  const NUMBER = /\d|\b(two|three|four|five|six|seven|eight|nine|ten|twice|half|dozen|hundred|thousand|million)\b/i;
  const out: string[] = [];
  for (const clause of text.replace(/[*_“”"]/g, '').replace(/\b\d+:\d+s?\b/g, ' ').split(/(?<!\d)\.|\.(?!\d)|[;:!?()\n]|,\s|\s[—–-]\s/)) {
    const c = clause.trim().replace(/^(and|but|so|as a result|which|that)\s+/i, '');
    if (!NUMBER.test(c) || c.length < 6) continue;
    out.push(c.length > 70 ? `${c.slice(0, 69).replace(/\s+\S*$/, '')}…` : c);
    if (out.length === 2) break;
  }
  return out;
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

interface StoryParts {
  source: string;
  line: number;
  question: string;
  title: string;
  kind: 'star' | 'answer';
  draftWhy?: string;
  questions: string[];
  competencies: string[];
  sections: Map<SectionKey, string[]>;
  answer: string;
  notes: string[];
}

function renderStory(p: StoryParts): string {
  const flow = (ids: readonly string[]) => `[${ids.join(', ')}]`;
  const fm = [
    '---',
    `# Imported from ${oneLine(p.source)}, line ${p.line}: ${oneLine(p.question)}`,
    `title: ${yamlScalar(p.title)}`,
    `kind: ${p.kind}`,
    ...(p.draftWhy ? [`draft: true  # ${oneLine(p.draftWhy)}; never selected until you delete this line`] : []),
    `questions: ${flow(p.questions)}`,
    `competencies: ${flow(p.competencies)}${p.competencies.length ? '  # from the question: keep the ones this story shows, add others' : ''}`,
    'tags: []',
    'metrics: []  # headline numbers, e.g. "delivered in 12 days"',
    '---',
  ];
  const body: string[] = [];
  const section = (key: SectionKey, lines: readonly string[]) => {
    body.push(`## ${SECTION_TITLES[key]}`, '');
    const text = tidyText(lines);
    if (text) body.push(text, '');
  };
  if (p.kind === 'star') {
    for (const key of STAR_KEYS) section(key, p.sections.get(key) ?? []);
  } else if (p.answer) {
    body.push(p.answer, '');
  }
  const lessons = p.sections.get('lessons');
  if (lessons?.some((l) => l.trim())) section('lessons', lessons);
  if (p.notes.some((l) => l.trim())) section('notes', p.notes);
  return `${[...fm, ...(body.length ? [''] : []), ...body].join('\n').replace(/\n+$/, '')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
