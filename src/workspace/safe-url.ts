/**
 * Links a story, profile or storybank.yml may carry into the outputs:
 * web and mail only. Parsing drops every other target (javascript:, file:,
 * data:…); writers check again before they make a link of a value that did
 * not come through the Markdown parser.
 */
export function isSafeUrl(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url.trim());
}
