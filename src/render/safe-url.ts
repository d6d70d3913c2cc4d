/**
 * The link targets an export may carry: web pages and mail. Story links were
 * already filtered by the parser, but contact links from storybank.yml were
 * not, and a link in a sent document is one click away, so every writer
 * checks again.
 */
export function isSafeUrl(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url);
}
