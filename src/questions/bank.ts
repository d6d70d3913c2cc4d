/**
 * The built-in vocabulary: behavioural questions interviewers actually ask,
 * and the competencies they probe. Workspaces extend or override questions
 * through stories/questions.yml; competencies are fixed so that scores mean
 * the same thing everywhere.
 */
export interface Question {
  id: string;
  text: string;
  competencies: string[];
  /**
   * Questions about you rather than about an event (pitch, goals,
   * dealbreakers…): only a story that lists them answers them, never one
   * that merely shares a competency.
   */
  explicitOnly?: boolean;
}

export interface Competency {
  id: string;
  label: string;
}

export const COMPETENCIES: readonly Competency[] = [
  { id: 'ownership', label: 'Ownership' },
  { id: 'delivery', label: 'Delivery' },
  { id: 'collaboration', label: 'Collaboration' },
  { id: 'conflict-resolution', label: 'Conflict resolution' },
  { id: 'leadership', label: 'Leadership' },
  { id: 'system-design', label: 'System design' },
  { id: 'scalability', label: 'Scalability' },
  { id: 'reliability', label: 'Reliability' },
  { id: 'communication', label: 'Communication' },
  { id: 'prioritization', label: 'Prioritization' },
  { id: 'adaptability', label: 'Adaptability' },
  { id: 'learning-from-failure', label: 'Learning from failure' },
  { id: 'customer-focus', label: 'Customer focus' },
  { id: 'mentoring', label: 'Mentoring' },
  { id: 'technical-judgment', label: 'Technical judgment' },
  { id: 'stakeholder-management', label: 'Stakeholder management' },
  { id: 'initiative', label: 'Initiative' },
  { id: 'problem-solving', label: 'Problem solving' },
  { id: 'data-quality', label: 'Data quality' },
  { id: 'influence', label: 'Influence' },
  { id: 'time-management', label: 'Time management' },
  { id: 'self-awareness', label: 'Self-awareness' },
  { id: 'motivation', label: 'Motivation' },
  { id: 'delegation', label: 'Delegation' },
  { id: 'quality', label: 'Quality' },
  { id: 'product-sense', label: 'Product sense' },
];

export const BUILTIN_QUESTIONS: readonly Question[] = [
  { id: 'about-me', text: 'Tell me about yourself.', competencies: ['communication', 'motivation'], explicitOnly: true },
  { id: 'why-company', text: 'Why do you want to work here?', competencies: ['motivation', 'customer-focus'], explicitOnly: true },
  { id: 'why-role', text: 'Why are you interested in this role?', competencies: ['motivation', 'self-awareness'], explicitOnly: true },
  { id: 'why-leaving', text: 'Why are you looking to leave your current job?', competencies: ['motivation', 'self-awareness'], explicitOnly: true },
  { id: 'career-goals', text: 'Where do you see yourself in two to three years?', competencies: ['motivation', 'self-awareness'], explicitOnly: true },
  { id: 'dealbreakers', text: 'What are your dealbreakers when choosing a job?', competencies: ['motivation', 'self-awareness'], explicitOnly: true },
  { id: 'strengths', text: 'What are your greatest strengths?', competencies: ['self-awareness'], explicitOnly: true },
  { id: 'weaknesses', text: 'What is your biggest weakness?', competencies: ['self-awareness', 'learning-from-failure'], explicitOnly: true },
  { id: 'manager-feedback', text: 'What feedback did your manager give you recently, good and bad?', competencies: ['self-awareness', 'delegation'], explicitOnly: true },
  { id: 'hardest-project', text: 'Tell me about the most challenging project you have worked on.', competencies: ['system-design', 'problem-solving', 'ownership'] },
  { id: 'proudest', text: 'What accomplishment are you most proud of?', competencies: ['ownership', 'initiative', 'customer-focus'] },
  { id: 'technical-decision', text: 'Tell me about a technical decision you made and its trade-offs.', competencies: ['technical-judgment', 'system-design'] },
  { id: 'system-design-story', text: 'Walk me through a system you designed.', competencies: ['system-design', 'scalability'] },
  { id: 'scaling-challenge', text: 'Tell me about a time you had to make a system handle more load.', competencies: ['scalability', 'reliability'] },
  { id: 'production-incident', text: 'Tell me about a production incident you handled.', competencies: ['reliability', 'ownership', 'problem-solving'] },
  { id: 'tight-deadline', text: 'Tell me about a time you worked under a tight deadline.', competencies: ['delivery', 'prioritization', 'time-management'] },
  { id: 'unexpected-issues', text: 'Tell me about a time unexpected problems threatened a deadline.', competencies: ['delivery', 'adaptability', 'problem-solving'] },
  { id: 'prioritization', text: 'How do you prioritise when everything is urgent?', competencies: ['prioritization', 'time-management'] },
  { id: 'multiple-projects', text: 'Tell me about a time you juggled several projects at once.', competencies: ['time-management', 'prioritization'] },
  { id: 'conflict-teammate', text: 'Tell me about a conflict with a teammate.', competencies: ['conflict-resolution', 'collaboration'] },
  { id: 'disagree-manager', text: 'Tell me about a time you disagreed with your manager.', competencies: ['conflict-resolution', 'influence', 'communication'] },
  { id: 'difficult-stakeholder', text: 'Tell me about working with a difficult stakeholder.', competencies: ['stakeholder-management', 'communication'] },
  { id: 'influence-without-authority', text: 'Tell me about a time you influenced people you had no authority over.', competencies: ['influence', 'leadership'] },
  { id: 'persuade-team', text: 'Tell me about a time you convinced your team to change course.', competencies: ['influence', 'communication'] },
  { id: 'failure', text: 'Tell me about a time you failed.', competencies: ['learning-from-failure', 'self-awareness'] },
  { id: 'mistake', text: 'Tell me about a mistake you made and what you did about it.', competencies: ['learning-from-failure', 'ownership'] },
  { id: 'do-differently', text: 'Looking back on a project, what would you do differently?', competencies: ['learning-from-failure', 'self-awareness'] },
  { id: 'feedback-received', text: 'Tell me about a time you received critical feedback.', competencies: ['self-awareness', 'adaptability'] },
  { id: 'feedback-given', text: 'Tell me about a time you gave someone difficult feedback.', competencies: ['communication', 'leadership'] },
  { id: 'leadership', text: 'Tell me about a time you led a team or an effort.', competencies: ['leadership', 'ownership'] },
  { id: 'mentoring', text: 'Tell me about a time you helped someone grow.', competencies: ['mentoring', 'leadership'] },
  { id: 'delegation', text: 'Tell me about a time you delegated important work.', competencies: ['delegation', 'leadership', 'mentoring'] },
  { id: 'ambiguity', text: 'Tell me about a time you worked with unclear requirements.', competencies: ['adaptability', 'problem-solving', 'stakeholder-management'] },
  { id: 'initiative', text: 'Tell me about something you did that was not asked of you.', competencies: ['initiative', 'ownership'] },
  { id: 'process-improvement', text: 'Tell me about a process you improved.', competencies: ['initiative', 'quality'] },
  { id: 'customer-impact', text: 'Tell me about a time you improved things for customers.', competencies: ['customer-focus', 'product-sense'] },
  { id: 'data-driven', text: 'Tell me about a decision you made with data.', competencies: ['problem-solving', 'technical-judgment', 'data-quality'] },
  { id: 'data-quality', text: 'Tell me about a time you had to guarantee the correctness of data.', competencies: ['data-quality', 'quality', 'reliability'] },
  { id: 'quality-vs-speed', text: 'Tell me about a time you traded quality against speed.', competencies: ['quality', 'delivery', 'technical-judgment'] },
  { id: 'technical-debt', text: 'How have you dealt with technical debt?', competencies: ['quality', 'technical-judgment', 'ownership'] },
  { id: 'learn-quickly', text: 'Tell me about a time you had to learn something quickly.', competencies: ['adaptability', 'learning-from-failure'] },
  { id: 'change', text: 'Tell me about a time priorities changed under you.', competencies: ['adaptability', 'prioritization'] },
  { id: 'cross-team', text: 'Tell me about a project that needed several teams.', competencies: ['collaboration', 'stakeholder-management'] },
  { id: 'teamwork', text: 'Tell me about a time you helped your team succeed.', competencies: ['collaboration'] },
  { id: 'explain-technical', text: 'Tell me about explaining something technical to a non-technical audience.', competencies: ['communication', 'stakeholder-management'] },
  { id: 'pushback-product', text: 'Tell me about a time you pushed back on a product request.', competencies: ['influence', 'product-sense', 'technical-judgment'] },
  { id: 'enjoyed-most', text: 'What part of your work do you enjoy most?', competencies: ['motivation'], explicitOnly: true },
  { id: 'questions-for-us', text: 'What questions do you have for us?', competencies: ['motivation', 'communication'], explicitOnly: true },
];
