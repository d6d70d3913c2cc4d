/**
 * The sections of a story: STAR in order, plus Lessons (exported) and Notes
 * (never exported). The one home of their names and of the headings that
 * stand for them.
 */

export const STAR_SECTIONS = ['situation', 'task', 'action', 'result'] as const;
export type StarKey = (typeof STAR_SECTIONS)[number];
export type SectionKey = StarKey | 'lessons' | 'notes' | 'answer';

/**
 * Section headings a story may use, as `headingKey` normalises them, with
 * the section each stands for. `import` reads labels in notes with the same
 * table, so whatever it writes, the story parser reads back.
 */
export const SECTION_ALIASES: Readonly<Record<string, SectionKey>> = {
  situation: 'situation',
  context: 'situation',
  background: 'situation',
  task: 'task',
  goal: 'task',
  action: 'action',
  actions: 'action',
  'what i did': 'action',
  objective: 'task',
  result: 'result',
  results: 'result',
  outcome: 'result',
  impact: 'result',
  lessons: 'lessons',
  lesson: 'lessons',
  'lessons learned': 'lessons',
  'lessons learnt': 'lessons',
  'what i learned': 'lessons',
  'what i learnt': 'lessons',
  learnings: 'lessons',
  learning: 'lessons',
  takeaways: 'lessons',
  takeaway: 'lessons',
  notes: 'notes',
  note: 'notes',
  'prep notes': 'notes',
};

export const SECTION_LABELS: Record<SectionKey, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  lessons: 'Lessons',
  notes: 'Notes',
  answer: 'Answer',
};

