import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { parse } from 'yaml';
import { FIXTURES } from '../helpers/workspace.js';

/** The job-posting corpus (test/fixtures/postings): each posting with what a recruiter would name. */

export const POSTINGS = join(FIXTURES, 'postings');

export interface Expectation {
  field: string;
  format: 'txt' | 'md' | 'html';
  role: string | null;
  company: string | null;
  top3: string[];
  also: string[];
  not: string[];
  evidence: Record<string, string[]>;
  left_open: string[];
  behaviour?: 'only-english' | 'nothing-matches';
}

export interface CorpusPosting {
  name: string;
  file: string;
  bytes: Buffer;
  expect: Expectation;
}

export function corpus(): CorpusPosting[] {
  return readdirSync(POSTINGS)
    .filter((f) => !f.endsWith('.yml') && f !== 'README.md')
    .sort()
    .map((name) => ({
      name,
      file: join(POSTINGS, name),
      bytes: readFileSync(join(POSTINGS, name)),
      expect: parse(readFileSync(join(POSTINGS, name.replace(/\.\w+$/, '.expect.yml')), 'utf8')) as Expectation,
    }));
}

function textContent(node: DefaultTreeAdapterMap['parentNode']): string {
  return node.childNodes.map((n) => ('value' in n ? n.value : 'childNodes' in n ? textContent(n as DefaultTreeAdapterMap['parentNode']) : '')).join('');
}

/**
 * A line of the posting file as a reader sees it: for HTML, tags dropped and
 * entities decoded (parse5 on that line alone); whitespace collapsed.
 */
export function visibleLine(posting: CorpusPosting, line: number): string {
  const raw = posting.bytes.toString('utf8').split(/\r?\n/)[line - 1] ?? '';
  const text = posting.expect.format === 'html' ? textContent(parseFragment(raw)) : raw.replace(/\*\*|__|`/g, '');
  return text.replace(/\s+/g, ' ').trim();
}

/** The file line that holds `phrase`, or 0. */
export function lineHolding(posting: CorpusPosting, phrase: string): number {
  const lines = posting.bytes.toString('utf8').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) if (visibleLine(posting, i + 1).includes(phrase)) return i + 1;
  return 0;
}
