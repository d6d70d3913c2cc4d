/**
 * Whether the story cache is on, from the environment: STORYBANK_CACHE=off
 * (or 0, false, no) turns it off. `--no-cache` and `--cache` win over it.
 */
export function cacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.STORYBANK_CACHE ?? '');
}
