import { UserError } from '../diagnostics.js';
import { decodeText } from '../workspace/decode.js';
import type { Posting, PostingFormat } from './posting.js';
import { readHtmlPosting } from './read-html.js';
import { readMarkdownPosting } from './read-markdown.js';
import { readTextPosting } from './read-text.js';

/** Bytes of a posting to its blocks of text, refusing what is not a readable posting. */

/** A posting is a page or two; a bigger file is something else (a whole site, a data dump). */
export const MAX_POSTING_BYTES = 1024 * 1024;

const OFFICE = /\.(pdf|docx?|odt|rtf|pages)$/i;

export function postingFormat(name: string, text: string): PostingFormat {
  if (/\.html?$/i.test(name)) return 'html';
  if (/\.(md|markdown|mdown)$/i.test(name)) return 'md';
  if (/\.(txt|text)$/i.test(name)) return 'txt';
  // Standard input or an unknown extension: judge by the content.
  const start = text.trimStart().slice(0, 1000).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /<(body|div|p|ul|li|h[1-6])[\s>]/.test(start)) return 'html';
  if (/^(#{1,6} |\s*[-*+] |.+\n(=+|-+)\s*$)/m.test(text.slice(0, 5000)) || /\*\*[^*\n]+\*\*/.test(text.slice(0, 5000))) return 'md';
  return 'txt';
}

/** The error for a file over MAX_POSTING_BYTES; `size` undefined when only "more than" is known (standard input). */
export function tooLarge(name: string, size?: number): UserError {
  const how = size === undefined ? 'more than 1 MB' : `${(size / 1024 / 1024).toFixed(1)} MB`;
  return new UserError(`${name} is ${how}; a job posting is under 1 MB, so this is not one (save only the posting's page or text)`);
}

/** `name` is how the posting is shown in messages (a path, or "standard input"). */
export function readPosting(bytes: Uint8Array, name: string): Posting {
  if (OFFICE.test(name)) {
    throw new UserError(`${name}: storybank reads postings as .txt, .md or .html; copy the posting's text into a .txt file (or save the careers page as HTML) and try again`);
  }
  if (bytes.length > MAX_POSTING_BYTES) throw tooLarge(name, bytes.length);
  const text = decodePosting(bytes, name);
  if (text.trim().length === 0) throw new UserError(`${name} is empty; save the posting's text into it first`);
  const format = postingFormat(name, text);
  const read = format === 'html' ? readHtmlPosting(text) : { blocks: format === 'md' ? readMarkdownPosting(text) : readTextPosting(text), meta: {} };
  if (read.blocks.length === 0) throw new UserError(`${name} has no visible text${format === 'html' ? ' (only scripts, styles or navigation)' : ''}; save the posting's text instead`);
  return { format, blocks: read.blocks, meta: read.meta };
}

/** UTF-8 text; an HTML page that declares another charset (windows-1252, ISO-8859-1…) is read in it. */
function decodePosting(bytes: Uint8Array, name: string): string {
  const decoded = decodeText(name, bytes, { maxBytes: MAX_POSTING_BYTES, what: 'a job posting (text, Markdown or HTML)' });
  if (decoded.text !== undefined) return decoded.text.replace(/^\uFEFF/, '');
  if (decoded.diagnostics.some((d) => d.rule === 'not-utf8')) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    const charset = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      try {
        return new TextDecoder(charset).decode(bytes).replace(/\r\n?/g, '\n');
      } catch {
        // An unknown charset label: report the UTF-8 problem below.
      }
    }
  }
  throw new UserError(`${name} cannot be read as a job posting`, decoded.diagnostics);
}
