import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What the cache keeps for one story file, as a schema: an entry read from
 * disk is used only when it has exactly this shape (a damaged or
 * hand-edited one is a miss, never a crash), and only for the text it was
 * made from (`source`, the text's hash).
 */

const PositionSchema = z.object({ line: z.number().int().nonnegative(), column: z.number().int().nonnegative() });

const DiagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  severity: z.enum(['error', 'warning', 'note']),
  message: z.string(),
  rule: z.string(),
});

/** A story section without its Markdown tree (trees come from parsing the file again, when asked for). */
const SectionDataSchema = z.object({
  key: z.enum(['situation', 'task', 'action', 'result', 'lessons', 'notes', 'answer']),
  label: z.string(),
  text: z.string(),
  position: PositionSchema,
});
export type SectionData = z.infer<typeof SectionDataSchema>;

/** A story as JSON: its front matter as the schema gave it, and everything but the trees and the position lookups. */
const StoryDataSchema = z.strictObject({
  // The front matter as StoryFrontMatterSchema gave it: already trimmed, lower-cased, defaulted.
  year: z.number().int().optional(),
  questions: z.array(z.string()),
  competencies: z.array(z.string()),
  tags: z.array(z.string()),
  metrics: z.array(z.string()),
  cues: z.array(z.string()),
  title: z.string(),
  kind: z.enum(['star', 'answer']),
  angles: z.record(z.string(), z.string()),
  private: z.boolean(),
  draft: z.boolean(),
  example: z.boolean(),
  id: z.string(),
  file: z.string(),
  sections: z.array(SectionDataSchema),
  lessons: SectionDataSchema.optional(),
  notes: SectionDataSchema.optional(),
  words: z.number().int().nonnegative(),
  extra: z.record(z.string(), z.unknown()),
});
export type StoryData = z.infer<typeof StoryDataSchema>;

export const CachedStoryFileSchema = z.strictObject({
  /** sha256 of the file's text: the entry stands for that text and no other. */
  source: z.string(),
  /** What reading the front matter reported; with an error here the story is not parsed further. */
  diagnostics: z.array(DiagnosticSchema),
  /** What parsing the story reported, and the story when it is usable. */
  parsed: z.strictObject({ diagnostics: z.array(DiagnosticSchema), story: StoryDataSchema.optional() }).optional(),
});
export type CachedStoryFile = z.infer<typeof CachedStoryFileSchema>;

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The entry when it has the right shape and was made from `text`; else undefined (a miss). */
export function usableEntry(entry: unknown, text: string): CachedStoryFile | undefined {
  const result = CachedStoryFileSchema.safeParse(entry);
  return result.success && result.data.source === textHash(text) ? result.data : undefined;
}
