/**
 * How long an answer takes to say. Interview coaches aim for 1.5–2 minutes
 * per answer; `check` warns past two, and the outputs show the estimate.
 */

/** A calm interview pace. */
export const WORDS_PER_MINUTE = 150;

/** About two minutes: the longest an answer should run, and `drill`'s budget unless a profile sets `answer_seconds`. */
export const ANSWER_SECONDS = 120;

export const MAX_SPOKEN_WORDS = (ANSWER_SECONDS / 60) * WORDS_PER_MINUTE;

export function speakingSeconds(words: number): number {
  return Math.round((words / WORDS_PER_MINUTE) * 60);
}

/** "about 1 min 40 s" */
export function formatSpeakingTime(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  const rounded = Math.round(seconds / 10) * 10;
  const min = Math.floor(rounded / 60);
  const sec = rounded % 60;
  return sec ? `about ${min} min ${sec} s` : `about ${min} min`;
}
