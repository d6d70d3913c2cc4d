import { readFile } from 'node:fs/promises';
import type { WorkspaceFile } from '../../src/workspace/layout.js';

/** The notes fixtures and the helpers to compare texts by words; pure, so scripts can use them outside vitest. */

export const FIXTURES = new URL('../fixtures/notes/', import.meta.url);

/** Notes in the shapes of the notes the product was first built for (our own wording). */
export const BACKEND_NOTES = new URL('backend-engineer.md', FIXTURES);

export async function fixture(name: string): Promise<string> {
  return readFile(new URL(name, FIXTURES), 'utf8');
}

/** Text with only its words left: case, punctuation, quotes, Markdown markers and line breaks do not matter. */
export function words(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function bytesOf(path: string, text: string): WorkspaceFile {
  return { path, bytes: new TextEncoder().encode(text) };
}
