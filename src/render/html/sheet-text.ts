import type { ViewEntry, ViewModel } from '../../view/view-model.js';

/**
 * A cheat sheet is read at a glance: no line on it needs more than a few
 * dozen words. Text longer than these limits is cut at a word (an unbroken
 * run anywhere) with an ellipsis, so that a 7 000-character metric or
 * pasted URL cannot push the sheet past one page or its text below the
 * 7 pt floor. The answer bank keeps every word.
 */
export const SHEET_LIMITS = { question: 200, title: 160, angle: 240, cue: 200, metric: 120, ask: 200, pitch: 500, heading: 160, name: 120 } as const;
/** Lines per entry: "3–5 cue lines" and the headline numbers, not every one a story lists. */
export const SHEET_COUNTS = { cues: 5, metrics: 6 } as const;

/** `text` cut to `max` characters, at a space when one is near the end. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The entries with every text the sheet shows clipped. */
export function sheetEntries(entries: readonly ViewEntry[]): ViewEntry[] {
  return entries.map((e) => ({
    ...e,
    question: clip(e.question, SHEET_LIMITS.question),
    story: e.story && {
      ...e.story,
      title: clip(e.story.title, SHEET_LIMITS.title),
      angle: e.story.angle === undefined ? undefined : clip(e.story.angle, SHEET_LIMITS.angle),
      cues: e.story.cues.slice(0, SHEET_COUNTS.cues).map((c) => clip(c, SHEET_LIMITS.cue)),
      metrics: e.story.metrics.slice(0, SHEET_COUNTS.metrics).map((m) => clip(m, SHEET_LIMITS.metric)),
    },
  }));
}

/** The rest of what the sheet shows from the model, clipped. */
export function sheetTexts(model: ViewModel): { heading: string; pitch: string; ask: string[]; numbers: string[]; name?: string } {
  return {
    heading: clip(model.heading, SHEET_LIMITS.heading),
    pitch: clip(model.pitch.short, SHEET_LIMITS.pitch),
    ask: model.ask.map((a) => clip(a, SHEET_LIMITS.ask)),
    numbers: model.numbers.map((n) => clip(n, SHEET_LIMITS.metric)),
    name: model.person.name === undefined ? undefined : clip(model.person.name, SHEET_LIMITS.name),
  };
}
