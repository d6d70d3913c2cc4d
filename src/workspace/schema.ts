import { z } from 'zod';

/**
 * Front-matter schemas. Types used across the program are inferred from
 * these, so the file format is written down exactly once.
 */

/** A list of strings, forgiving a single string or numbers (YAML turns `3 jobs` into a string but `3` into a number). */
const stringList = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .transform((v) => (Array.isArray(v) ? v : [v]).map((x) => String(x).trim()).filter((x) => x.length > 0));

const idList = stringList.transform((ids) => ids.map((id) => id.toLowerCase()));

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

export const StoryFrontMatterSchema = z.object({
  title: z.union([nonEmptyText, z.number().transform(String)]),
  kind: z.enum(['star', 'answer']).default('star'),
  questions: idList.default([]),
  competencies: idList.default([]),
  tags: idList.default([]),
  year: z.number().int().min(1950).max(2100).optional(),
  metrics: stringList.default([]),
  cues: stringList.default([]),
  angles: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
  private: z.boolean().default(false),
  draft: z.boolean().default(false),
  /** Written by `storybank init` to show the format: never picked for a profile that is not an example too. */
  example: z.boolean().default(false),
});
export type StoryFrontMatter = z.infer<typeof StoryFrontMatterSchema>;

const PaperSchema = z.enum(['letter', 'a4']);
export type Paper = z.infer<typeof PaperSchema>;

export const ProfileFrontMatterSchema = z.object({
  role: nonEmptyText,
  company: z.union([z.string(), z.number().transform(String)]).optional(),
  /** Question ids, or questions as text (matched to ids when the workspace is parsed). */
  questions: stringList.refine((ids) => ids.length > 0, 'a profile needs at least one question id'),
  emphasis: z.record(z.string(), z.number().min(0).max(10)).default({}),
  include_tags: idList.default([]),
  exclude_tags: idList.default([]),
  paper: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), PaperSchema).optional(),
  answer_words: z.number().int().min(1).default(350),
  /** `drill`'s time budget per spoken answer; unset means two minutes (plan/speaking.ts). */
  answer_seconds: z.number().int().min(10).max(1800).optional(),
  ask: stringList.default([]),
  /** Written by `storybank init` to show the format. */
  example: z.boolean().default(false),
});
export type ProfileFrontMatter = z.infer<typeof ProfileFrontMatterSchema>;

const LinkSchema = z.union([
  z.string().transform((url) => ({ label: url.replace(/^https?:\/\//, '').replace(/\/$/, ''), url })),
  z.object({ label: z.string(), url: z.string() }),
]);

/** The name `storybank init` writes into storybank.yml, to be replaced: `check` warns while it is there. */
export const PLACEHOLDER_NAME = 'Your Name';

export const ConfigSchema = z.object({
  name: z.string().optional(),
  headline: z.string().optional(),
  email: z.string().optional(),
  phone: z.union([z.string(), z.number().transform(String)]).optional(),
  links: z.array(LinkSchema).default([]),
  paper: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), PaperSchema).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

const QuestionEntrySchema = z.object({
  id: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'question ids use lower-case letters, digits and dashes'),
  text: nonEmptyText.optional(),
  competencies: idList.optional(),
});
export const QuestionsFileSchema = z.array(QuestionEntrySchema);
