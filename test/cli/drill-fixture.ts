import { readFile } from 'node:fs/promises';
import { copyFixture, type FileTree, type TempWorkspace } from '../helpers/workspace.js';

/**
 * The basic workspace (a frontend engineer), plus a nurse moving up to
 * charge nurse: another field, a profile with its own answer budget, an
 * angle for a question, typographic quotes, and a question no story
 * answers yet.
 */
export const NURSE: FileTree = {
  'stories/family-scan.md': `---
title: Calming a family when the CT scan slipped by four hours
questions: [difficult-stakeholder]
competencies: [communication, customer-focus, conflict-resolution]
tags: [nursing]
year: 2024
metrics: ["scan done the same night", "0 formal complaints"]
cues:
  - "Son shouting at the desk at 2 a.m.; patient’s scan bumped for a trauma"
  - "Listened first, then gave a time I could keep"
  - "Called radiology myself: got a 4:30 slot"
angles:
  difficult-stakeholder: Start with what the family needed to hear, not with the rota.
---
## Situation
On a night shift the son of an elderly patient was shouting at the nurses' station: his father's CT scan had slipped by four hours behind a trauma case.

## Task
As the nurse in charge that night I had to calm the situation and get the scan done without pulling staff off the ward.

## Action
I took him to the relatives' room, listened without interrupting, and explained the delay honestly. I called radiology myself and agreed a 4:30 slot, then told him a time I knew we could keep.

## Result
The scan was done the same night, and the family thanked the team the next morning. No formal complaint was made.
`,
  'stories/two-admissions.md': `---
title: Two admissions in the last hour of a shift
questions: [tight-deadline]
competencies: [prioritization, time-management, delivery]
tags: [nursing]
metrics: ["handover on time at 07:30"]
---
## Situation
Two emergency admissions arrived at 06:30, an hour before handover, with one nurse off sick.

## Task
I had to settle both patients safely and still hand over on time.

## Action
I triaged the two, took the sicker patient myself and gave the healthcare assistant the observations round.

## Result
Both patients were settled and handover started on time at 07:30.
`,
  'stories/profiles/charge-nurse.md': `---
role: Charge Nurse
company: St Olave’s Hospital
questions: [difficult-stakeholder, tight-deadline, dealbreakers]
include_tags: [nursing]
answer_seconds: 90
---
`,
};

export interface LoggedLine {
  at: string;
  profile: string;
  question: string;
  story: string;
  seconds: number;
  rating: number;
}

export async function nurseWorkspace(extra: FileTree = {}): Promise<TempWorkspace> {
  return copyFixture('basic', { ...NURSE, ...extra });
}

/** The practice log's lines, each parsed; checks that every line is whole JSON ending in a newline. */
export async function logLines(ws: TempWorkspace): Promise<LoggedLine[]> {
  const text = await readFile(ws.path('.storybank/practice.jsonl'), 'utf8').catch(() => '');
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error(`the log does not end with a newline:\n${text}`);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as LoggedLine);
}
