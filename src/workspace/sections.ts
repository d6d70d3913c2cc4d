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
  problem: 'situation',
  'the problem': 'situation',
  task: 'task',
  'my task': 'task',
  'the task': 'task',
  goal: 'task',
  'my goal': 'task',
  objective: 'task',
  action: 'action',
  actions: 'action',
  'what i did': 'action',
  'how i dealt with it': 'action',
  'how i dealt': 'action',
  'how i handled it': 'action',
  solution: 'action',
  result: 'result',
  results: 'result',
  'the result': 'result',
  outcome: 'result',
  outcomes: 'result',
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
  'key takeaway': 'lessons',
  "what i'd do differently": 'lessons',
  'what i would do differently': 'lessons',
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

