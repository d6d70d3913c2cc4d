import type { StarKey } from '../../workspace/sections.js';
import type { LabelKey } from './labels.js';
import type { Start } from './questions.js';
import type { Frag } from './text.js';

/** What an import makes: the stories, the profile, the new questions, and what it could not place. */

export interface Angle {
  /** The question id the angle is for. */
  id: string;
  /** The question as written in the notes. */
  question: string;
  /** Line of that question in the notes. */
  line: number;
  text: Frag[];
}

export interface ImportedStory {
  /** Story id = file name without `.md`. */
  id: string;
  /** Workspace-relative path, `stories/<id>.md`. */
  path: string;
  title: string;
  /** Nothing better than the question was found to name the story. */
  titleIsQuestion: boolean;
  kind: 'star' | 'answer';
  /** Why the story is a draft (a STAR section missing, no answer yet); undefined when it is not one. */
  draftWhy?: string;
  /** Question ids listed in the front matter. */
  questions: string[];
  competencies: string[];
  tags: string[];
  /** 1-based line of the question in the notes. */
  line: number;
  /** The question (or topic) as written in the notes, without Markdown markup. */
  question: string;
  /** Star: the sections found (STAR and Lessons). */
  sections: Map<LabelKey, Frag[]>;
  /** Answer: the free-form text. */
  answer: Frag[];
  lessons: Frag[];
  /** `## Notes`: private, never exported. */
  notes: Frag[];
  /** Asides, listed at the end of `## Notes`: the self-check proves none reaches an exported section. */
  asides: Frag[];
  angles: Angle[];
  /** Lines of the notes written elsewhere in the file: the question (header comment), a group heading (a tag). */
  placed: Frag[];
  /** STAR sections with text. */
  found: StarKey[];
  missing: StarKey[];
  /** What to do before the story is ready; empty when nothing stands out. */
  attention: string[];
  /** Phrases with numbers from the Result, as ideas for `metrics:`. */
  metricHints: string[];
  /** The other story told under the same question, when the notes tell two events. */
  sibling?: string;
  /** How the question was recognised. */
  shape: Start['shape'];
  /** The story file's text. */
  text: string;
}

export interface NewQuestion {
  id: string;
  text: string;
  competencies: string[];
}

export interface ImportedProfile {
  /** Profile name = file name without `.md`. */
  name: string;
  path: string;
  role: string;
  /** Question ids in the order of the notes. */
  questions: { id: string; text: string; line: number }[];
  ask: Frag[];
  /** Lines before the first question (other than the title), kept as comments. */
  preamble: Frag[];
  text: string;
}

export interface Unplaced {
  line: number;
  text: string;
  /** What went wrong: in no file, in two files, or an aside in an exported section. */
  problem: 'missing' | 'duplicated' | 'exported-aside';
}

export interface ImportResult {
  stories: ImportedStory[];
  /** Questions the catalog does not know, to add to stories/questions.yml. */
  newQuestions: NewQuestion[];
  /** The profile asking every imported question, unless one of that name exists. */
  profile?: ImportedProfile;
  /** How many questions were found in each shape. */
  shapes: Partial<Record<Start['shape'], number>>;
  /** Questions in the notes (a reference to another story counts). */
  questionCount: number;
  /** Lines the self-check found nowhere, or found where they must not be. */
  unplaced: Unplaced[];
  /** Non-blank lines of the notes. */
  lineCount: number;
}

export interface ImportOptions {
  /** Name of the notes file, for comments and messages. */
  sourceName?: string;
  /** Define unknown questions as new catalog entries (default true). */
  defineQuestions?: boolean;
  /** Name of the profile to write; undefined: write none (one exists). */
  profileName?: string;
}
