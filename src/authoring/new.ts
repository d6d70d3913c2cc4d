import { join } from 'node:path';
import { UserError } from '../diagnostics.js';
import { writeNewFile } from '../output/new-file.js';
import { newStoryText, type StoryKind } from './scaffold.js';
import { slugify, uniqueId } from '../support/slug.js';
import { storyIds } from './workspace-files.js';

/** `storybank new`: one story file from a title, never replacing one. */

export interface CreatedStory {
  id: string;
  /** Absolute path of the new file. */
  path: string;
  /** True when the plain slug was taken and a `-2`… suffix was added. */
  renamed: boolean;
}

/** Writes stories/<slug>.md for a title; never overwrites (a taken slug gets -2, -3, …). */
export async function createStory(root: string, title: string, kind: StoryKind = 'star'): Promise<CreatedStory> {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (!clean) throw new UserError('the story needs a title, e.g. storybank new "Shipping the billing migration"');
  const taken = new Set((await storyIds(root)).keys());
  const slug = slugify(clean);
  const text = newStoryText(clean, kind);
  // Another process may take a name between the check and the write; then try the next one.
  for (;;) {
    const id = uniqueId(slug, taken);
    const path = join(root, 'stories', `${id}.md`);
    if (await writeNewFile(path, text)) return { id, path, renamed: id !== slug };
    taken.add(id);
  }
}

