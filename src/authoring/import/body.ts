import { STAR_SECTIONS, type StarKey } from '../../workspace/sections.js';
import { ASIDE_BLOCK, cutAsides, makeAside, type Aside } from './asides.js';
import { headingLabel, letterLabels, splitLabels, type LabelKey } from './labels.js';
import { dedented, type NoteLine } from './lines.js';
import { readReference, type Reference } from './refs.js';
import { hasWords, type Frag } from './text.js';

/**
 * One question's answer → what the stories are made of: one event per
 * told event (the labels starting over at a second Situation), or a
 * free-form answer; the asides taken out; or a reference to another story.
 */

export interface StoryEvent {
  /** Situation, Task, Action, Result and Lessons, as found. */
  sections: Map<LabelKey, Frag[]>;
  /** Private text: `Notes:` labels, how the notes introduced a second event. */
  notes: Frag[];
}

export interface Body {
  kind: 'star' | 'answer';
  /** Star: one per event (at least one). */
  events: StoryEvent[];
  /** Answer: the free-form text; lessons and notes go to their own sections. */
  answer: Frag[];
  lessons: Frag[];
  notes: Frag[];
  asides: Aside[];
  reference?: Reference & { lines: number[] };
}

/** A line of the answer with its asides cut out: `prefix` is its indentation and list marker. */
interface Line {
  source: NoteLine;
  prefix: string;
  text: string;
}

const ANSWER_MARK = /^(?:\*\*|__)?(?:A|Answer)[ \t]*\d{0,3}[ \t]*[:.][ \t]*(?:\*\*|__)?[ \t]*/i;
/** How a second event is introduced: "a second one, different job:", "totally different one —". */
const SECOND_EVENT = /^(?:(?:a|the|one) (?:second|other|another|different|third)|another|(?:a |totally |completely )?different one|second one)\b[^:—–]{0,70}?(?::|[—–]|\s-\s)\s*/i;

export function readBody(lines: readonly NoteLine[], inlineAnswer: { text: string; line: number } | undefined, options: { qa: boolean; topic: boolean }): Body {
  const asides: Aside[] = [];
  const answer = answerLines(lines, inlineAnswer, asides);
  const letters = usesLetters(answer);
  const first = answer.find((l) => l.text !== '');
  if (first && (options.qa || !letters)) first.text = first.text.replace(ANSWER_MARK, '');

  const content = answer.filter((l) => l.text !== '');
  const joined = content.map((l) => l.text).join(' ');
  const reference = !options.topic && content.length > 0 && content.length <= 3 && joined.split(/\s+/).length <= 80 ? readReference(joined) : undefined;
  if (reference) return { kind: 'answer', events: [], answer: [], lessons: [], notes: [], asides, reference: { ...reference, lines: content.map((l) => l.source.no) } };

  const star = readStar(answer, letters);
  const starKeys = new Set(star.events.flatMap((e) => [...e.labelled]).filter((k): k is StarKey => (STAR_SECTIONS as readonly string[]).includes(k)));
  if (starKeys.size >= 2) {
    placePreamble(star.preamble, star.events[0]!);
    return { kind: 'star', events: star.events.map(({ sections, notes }) => ({ sections, notes })), answer: [], lessons: [], notes: [], asides };
  }
  return { ...readFreeForm(answer, letters), asides };
}

/** The answer's lines, dedented, with asides (and "Notes to self:" blocks) moved to `asides`. */
function answerLines(lines: readonly NoteLine[], inlineAnswer: { text: string; line: number } | undefined, asides: Aside[]): Line[] {
  const cut = Math.min(...lines.filter((l) => !l.blank && !l.code).map((l) => l.indent));
  const out: Line[] = [];
  if (inlineAnswer) {
    const inline: NoteLine = { no: inlineAnswer.line, raw: inlineAnswer.text, indent: 0, text: inlineAnswer.text, blank: false };
    out.push(lineOf(inline, 0, asides));
  }
  let block = false;
  for (const line of lines) {
    if (line.rule || line.underline) continue;
    if (line.blank) {
      block = false;
      out.push({ source: line, prefix: '', text: '' });
      continue;
    }
    if (!line.code && ASIDE_BLOCK.test(line.text)) {
      block = true;
      asides.push({ ...makeAside(line.text.replace(/[*_]/g, ''), line.no), ask: false });
      continue;
    }
    if (block) {
      asides.push(makeAside(line.text, line.no));
      continue;
    }
    out.push(lineOf(line, Number.isFinite(cut) ? cut : 0, asides));
  }
  while (out.length && out[out.length - 1]!.text === '') out.pop();
  return out;
}

function lineOf(line: NoteLine, cut: number, asides: Aside[]): Line {
  if (line.code) return { source: line, prefix: '', text: dedented(line, cut) };
  if (line.heading) return { source: line, prefix: `${'#'.repeat(Math.max(3, line.heading.level))} `, text: line.heading.text };
  const md = dedented(line, cut);
  const prefix = md.slice(0, md.length - line.text.length);
  const { rest, asides: found } = cutAsides(line.text, line.no);
  asides.push(...found);
  return { source: line, prefix, text: rest };
}

/** Whether the answer is written in S/T/A/R shorthand: S and R and one more, so "A:" is Action, not Answer. */
function usesLetters(lines: readonly Line[]): boolean {
  const found = new Set<LabelKey>();
  for (const l of lines) if (!l.source.code) for (const k of letterLabels(l.text)) found.add(k);
  return found.has('situation') && found.has('result') && found.size >= 3;
}

interface Draft extends StoryEvent {
  labelled: Set<LabelKey>;
}

function readStar(lines: readonly Line[], letters: boolean): { events: Draft[]; preamble: Frag[] } {
  const newEvent = (): Draft => ({ sections: new Map(), notes: [], labelled: new Set() });
  const events: Draft[] = [newEvent()];
  const preamble: Frag[] = [];
  let key: LabelKey | undefined;
  const target = (): Frag[] => {
    if (!key) return preamble;
    const event = events[events.length - 1]!;
    if (key === 'notes') return event.notes;
    if (!event.sections.has(key)) event.sections.set(key, []);
    return event.sections.get(key)!;
  };
  for (const line of lines) {
    const no = line.source.no;
    if (line.text === '') {
      target().push({ text: '', line: no });
      continue;
    }
    const chunks = chunksOf(line, letters);
    if (!chunks) {
      target().push({ text: `${line.prefix}${line.text}`, line: no });
      continue;
    }
    for (const chunk of chunks) {
      if (chunk.key) {
        const event = events[events.length - 1]!;
        const told = [...event.labelled].some((k) => k !== 'situation' && k !== 'notes');
        if (chunk.key === 'situation' && told) events.push(newEvent());
        key = chunk.key;
        events[events.length - 1]!.labelled.add(key);
      }
      if (chunk.text) target().push({ text: chunk.text, line: no, item: Boolean(line.source.bullet) });
    }
  }
  events.slice(1).forEach((event) => introduceSecond(event));
  return { events, preamble };
}

/** The labelled chunks of a line, or undefined when it has no label (a heading that is a label counts). */
function chunksOf(line: Line, letters: boolean): { key?: LabelKey; text: string }[] | undefined {
  if (line.source.code) return undefined;
  if (line.source.heading) {
    const key = headingLabel(line.text);
    return key ? [{ key, text: '' }] : undefined;
  }
  return splitLabels(line.text, { letters, listed: Boolean(line.source.bullet) });
}

/** "a second one, different job: a grading contractor…" → the Situation starts at "a grading contractor"; the aside goes to Notes. */
function introduceSecond(event: Draft): void {
  const first = event.sections.get('situation')?.find((f) => f.text.trim() !== '');
  const m = first ? SECOND_EVENT.exec(first.text) : null;
  if (!first || !m) return;
  const intro = first.text.slice(0, m[0].length).replace(/[\s:—–-]+$/, '');
  first.text = capitaliseFirst(first.text.slice(m[0].length));
  event.notes.unshift({ text: `In the notes this story was introduced as "${intro}".`, line: first.line });
}

/** Text before the first label sets the scene: it opens the Situation. */
function placePreamble(preamble: Frag[], event: StoryEvent): void {
  if (!hasWords(preamble)) return;
  const situation = event.sections.get('situation') ?? [];
  event.sections.set('situation', [...preamble, { text: '', line: 0 }, ...situation]);
}

function readFreeForm(lines: readonly Line[], letters: boolean): Omit<Body, 'asides'> {
  const answer: Frag[] = [];
  const lessons: Frag[] = [];
  const notes: Frag[] = [];
  let target = answer;
  for (const line of lines) {
    const no = line.source.no;
    const chunks = line.text === '' ? undefined : chunksOf(line, letters);
    const own = chunks?.[0]?.key === 'lessons' ? lessons : chunks?.[0]?.key === 'notes' ? notes : undefined;
    if (own) {
      target = own;
      for (const c of chunks!) if (c.text) own.push({ text: c.text, line: no, item: Boolean(line.source.bullet) });
      continue;
    }
    // Only Lessons and Notes labels start their own sections; other text keeps its labels as written.
    if (chunks && target !== answer) target = answer;
    target.push({ text: line.text === '' ? '' : `${line.prefix}${line.text}`, line: no });
  }
  return { kind: 'answer', events: [], answer, lessons, notes };
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
