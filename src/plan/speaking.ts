/**
 * How long an answer takes to say. Interview coaches aim for 1.5–2 minutes
 * per answer; `check` warns past two, and the outputs show the estimate.
 */

/** A calm interview pace. */
export const WORDS_PER_MINUTE = 150;

/** The guidance every answer is measured against, in seconds. */
export const SPOKEN_GUIDANCE = { min: 90, max: 120, label: '1.5–2 min' } as const;

/** About two minutes: the longest an answer should run, and `drill`'s budget unless a profile sets `answer_seconds`. */
export const ANSWER_SECONDS = SPOKEN_GUIDANCE.max;

/** About two minutes spoken: the longest an answer should run. */
export const MAX_SPOKEN_WORDS = (SPOKEN_GUIDANCE.max / 60) * WORDS_PER_MINUTE;

export function speakingSeconds(words: number): number {
  return Math.round((words / WORDS_PER_MINUTE) * 60);
}

/** "about 1 min 40 s" */
export function formatSpeakingTime(seconds: number): string {
  const rounded = roundedSeconds(seconds);
  if (rounded < 60) return `about ${rounded} s`;
  const min = Math.floor(rounded / 60);
  const sec = rounded % 60;
  return sec ? `about ${min} min ${sec} s` : `about ${min} min`;
}

/**
 * How an estimate compares with the guidance: "about 40 s over the 1.5–2
 * min guidance". The difference is taken from the rounded estimate, so the
 * two numbers a reader sees always agree.
 */
export function guidanceNote(seconds: number): string {
  const shown = roundedSeconds(seconds);
  const { min, max, label } = SPOKEN_GUIDANCE;
  if (shown > max) return `${formatSpeakingTime(shown - max)} over the ${label} guidance`;
  if (shown < min) return `${formatSpeakingTime(min - shown)} under the ${label} guidance`;
  return `within the ${label} guidance`;
}

/** The seconds formatSpeakingTime shows. */
function roundedSeconds(seconds: number): number {
  return seconds < 60 ? Math.max(5, Math.round(seconds / 5) * 5) : Math.round(seconds / 10) * 10;
}
