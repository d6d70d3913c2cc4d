import { describe, expect, it } from 'vitest';
import { answerTitle, eventTitle, questionTitle } from '../../../src/authoring/import/titles.js';

describe('eventTitle', () => {
  it.each([
    ['a culvert replacement on Route 9, 2022. during excavation the contractor hit a main.', 'A culvert replacement on Route 9'],
    ['night shift, march 2023, I had a 68 y/o post-op pt who was "fine" per handoff.', 'I had a 68 y/o post-op pt'],
    ['Last year, just before my leave, I was responsible for delivering a new service that was critical to a launch.', 'I was responsible for delivering a new service'],
    ['I was titrating a heparin drip and read the old nomogram that was taped inside the cabinet.', 'I was titrating a heparin drip'],
    ['A customer came in with a $1,400 sofa that had been delivered with a torn seam.', 'A customer came in with a $1,400 sofa'],
    ['- **Our director** asked every team for ideas to cut failed deliveries', 'Our director asked every team for ideas'],
  ])('%j → %j', (situation, title) => {
    expect(eventTitle(situation)).toBe(title);
  });

  it('gives nothing when there is too little to name', () => {
    expect(eventTitle('')).toBeUndefined();
    expect(eventTitle('Night shift.')).toBeUndefined();
  });
});

describe('answerTitle', () => {
  it.each([
    ['Tell me about yourself', undefined, 'About me'],
    ["What's your biggest weakness?", undefined, 'My biggest weakness'],
    ['Why do you want to leave Copperline?', undefined, 'Why I want to leave Copperline'],
    ['Why are you leaving academia?', undefined, 'Why I am leaving academia'],
    ['How do you handle objections on price?', undefined, 'How I handle objections on price'],
    ['What would you do if a parent emailed you angry about a grade?', undefined, 'What I would do if a parent emailed me angry about a grade'],
    ['Walk me through how you plan a unit', undefined, 'How I plan a unit'],
    ['What are your career goals? (2–3 years)', undefined, 'My career goals (2–3 years)'],
    ['Why Northwind? 🚀', undefined, 'Why Northwind'],
    ['What are dealbreakers for you while choosing an opportunity?', 'dealbreakers', 'My dealbreakers'],
  ])('%j → %j', (question, id, title) => {
    expect(answerTitle(question, id)).toBe(title);
  });
});

describe('questionTitle', () => {
  it('is the first sentence of the question, shortened when very long', () => {
    expect(questionTitle('Tell me about a tight deadline. How did you handle it?')).toBe('Tell me about a tight deadline.');
    expect(questionTitle(`Tell me ${'very '.repeat(40)}much`).length).toBeLessThanOrEqual(120);
  });
});
