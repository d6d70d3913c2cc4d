import { PLACEHOLDER_NAME } from '../workspace/schema.js';
import { yamlScalar } from './yaml-text.js';

/**
 * The texts `new` and `init` write. Kept as data so tests can parse them
 * in memory and prove that `check` passes on a fresh workspace.
 */

export type StoryKind = 'star' | 'answer';

/**
 * A new story is a draft with empty sections. Why not placeholder text:
 * placeholders would pass `check` and could end up in an answer bank sent
 * to an employer if the author forgot one. `draft: true` keeps the story out
 * of every output and turns its empty sections into warnings, so `check`
 * passes while it is being written. The guidance lives in YAML comments,
 * which never reach an output.
 */
export function newStoryText(title: string, kind: StoryKind): string {
  const common = [
    '---',
    `title: ${yamlScalar(title)}`,
    `kind: ${kind}`,
    '# draft: true keeps this story out of every cheat sheet and answer bank, and makes',
    '# its gaps warnings instead of errors. Write it, then delete the draft line.',
    'draft: true',
  ];
  if (kind === 'answer') {
    return [
      ...common,
      'questions: []     # the questions it answers, e.g. [about-me] or [career-goals]; an answer only fills these',
      'competencies: []  # e.g. [motivation, self-awareness]',
      'tags: []',
      'metrics: []',
      '# Write the answer below the front matter: paragraphs, bullet lists, **bold**.',
      '# A "## Notes" section at the end is for you only and is never exported.',
      '---',
      '',
    ].join('\n');
  }
  return [
    ...common,
    'questions: []     # question ids it answers, e.g. [tight-deadline, failure]; `storybank check` suggests close ones',
    'competencies: []  # e.g. [ownership, delivery, collaboration]',
    'tags: []          # your own labels, for include_tags / exclude_tags in profiles',
    'metrics: []       # headline numbers, e.g. ["shipped 2 days early", "0 incidents"]',
    '# Situation: where and when, in two or three sentences. Task: what you owned.',
    '# Action: what you did, in "I" sentences. Result: what changed, with numbers.',
    '---',
    '## Situation',
    '',
    '## Task',
    '',
    '## Action',
    '',
    '## Result',
    '',
  ].join('\n');
}

export interface ScaffoldFile {
  /** Relative to the workspace root, forward slashes. */
  path: string;
  text: string;
  /** Written only when absent; an existing one is left alone rather than refused. */
  optional?: boolean;
}

export const EXAMPLE_PROFILE = 'example-role';

const CONFIG = `# Who you are: shown at the top of the cheat sheet and the answer bank.
name: ${PLACEHOLDER_NAME}  # \`storybank check\` reminds you until it is your name
headline: Software engineer
# email: you@example.com
# phone: "+1 555 0100"
# links: [https://github.com/you]
paper: letter  # letter | a4
`;

const EXAMPLE_STAR = `---
# An example STAR story. Make it yours or delete it; \`storybank new "Title"\` starts another.
title: Shipping the billing migration before the provider's deadline
kind: star
questions: [tight-deadline, prioritization]
competencies: [delivery, prioritization, time-management, communication]
tags: [example, backend]
example: true  # only example profiles use it; delete this line once the story is yours
year: 2024
metrics: ["Scope cut from 14 features to 6", "Switched over 2 days early", "0 billing incidents"]
cues:  # what the cheat sheet shows; without cues, first sentences are used
  - "Provider retiring old API in 6 weeks; plan needed 10"
  - "Ranked 14 features by customer use: 6 needed on day one"
  - "Agreed the cut in writing with manager and support"
  - "Ran both APIs side by side, compared every invoice"
angles:
  prioritization: Lead with how I ranked the 14 features by how many customers used them.
---
## Situation

Our payment provider was retiring its old API on a fixed date six weeks away, and our billing service still depended on it. The original migration plan needed ten weeks.

## Task

I owned the migration: every paying customer had to be on the new API before the cut-off, without a billing outage.

## Action

I listed the 14 features that touched the old API and ranked them with the product manager by how many customers used each one. Six were needed on day one; the rest could follow.

I agreed the reduced scope with my manager and the support lead, and wrote down what would wait and why, so nobody was surprised later.

I ran the old and new APIs side by side for two weeks and compared every invoice, so problems showed up before customers saw them.

## Result

I switched billing over two days before the deadline with zero billing incidents. The remaining eight features shipped in the following month.

## Lessons

Cutting scope early, in writing, with everyone who would feel it, was faster than trying to do everything.

## Notes

Only for you: never exported. For example: "If they ask about testing, mention the invoice comparison."
`;

const EXAMPLE_ANSWER = `---
# An example free-form answer (kind: answer): for a pitch, career goals, dealbreakers, feedback.
title: My pitch
kind: answer
questions: [about-me]
competencies: [communication, motivation]
tags: [example, pitch]
example: true  # only example profiles use it; delete this line once the answer is yours
cues:
  - "Backend engineer, five years in billing and payments"
  - "I like owning a system end to end"
  - "Next: larger systems, more mentoring"
---
I'm a backend engineer with five years in **billing and payments**. Most recently I moved our billing service to a new payment provider under a hard deadline, without a single billing incident.

What I enjoy most:

- owning a system end to end, from design to production;
- making money-related code boring and predictable.

Next, I want to work on larger systems and mentor other engineers.
`;

const EXAMPLE_PROFILE_TEXT = `---
# A role you are preparing for: which questions to expect, what to emphasise.
# \`storybank build\` writes out/${EXAMPLE_PROFILE}/cheatsheet.pdf and answer-bank.docx for it.
role: Senior Software Engineer
company: Example Corp
example: true  # delete this line once this is a role you are preparing for
questions: [about-me, tight-deadline, prioritization]
emphasis: { delivery: 2, communication: 1 }
exclude_tags: []
paper: letter
answer_words: 350
answer_seconds: 120   # the time budget per spoken answer in \`storybank drill\`
ask:
  - "What would success look like in the first 90 days?"
---
I build backend systems that handle money, and I like owning them end to end. This role's focus on reliable delivery is what I do best.
`;

const README = `# My interview stories

A [storybank](https://www.npmjs.com/package/storybank) workspace: behavioural-interview
stories as Markdown, turned into a one-page PDF cheat sheet and a DOCX answer bank per role.

\`\`\`
storybank check            validate every story and profile
storybank build            out/<profile>/cheatsheet.pdf and answer-bank.docx
storybank plan --profile ${EXAMPLE_PROFILE}   which story answers which question, and why
storybank new "Title"      start a story (stories/<slug>.md, a draft)
storybank import notes.md  your notes -> one story per question, and a profile of those questions
storybank questions WORD   find a question id (e.g. storybank questions conflict)
storybank drill            rehearse aloud: timed questions, your cues, a rating per answer
storybank drill --stats    what you have practised, and what is due
\`\`\`

The example story, answer and profile say \`example: true\`: they show the
format and are only used by example profiles. \`storybank check\` reminds you
of them, and of the placeholder name in storybank.yml, until you have made
them yours or deleted them.

## Layout

- \`storybank.yml\`: your name, headline, contact links, default paper (letter or a4).
- \`stories/<id>.md\`: one story per file; the file name is its id.
- \`stories/profiles/<name>.md\`: one role you are preparing for.
- \`stories/questions.yml\` (optional): extra questions, as a list of \`{ id, text, competencies }\`.
- \`out/\`: what \`build\` writes (ignored by git).
- \`.storybank/practice.jsonl\`: what \`drill\` logs, one line per answer; ignored by git
  until you choose to commit it (see .gitignore).

## A story

Front matter: \`title\` (required), \`kind: star\` (default) or \`kind: answer\`,
\`questions\` (ids it answers), \`competencies\`, \`tags\`, \`year\`, \`metrics\` (headline
numbers), \`cues\` (cheat-sheet lines; derived when absent), \`angles\` (per-question framing),
\`private: true\` (never exported), \`draft: true\` (not ready: a section missing or no answer yet;
never selected, problems are warnings).

A \`star\` story has \`## Situation\`, \`## Task\`, \`## Action\` and \`## Result\` sections.
An \`answer\` story is free Markdown. Both may end with \`## Lessons\` (exported) and
\`## Notes\` (yours only, never exported).

## A profile

Front matter: \`role\` (required), \`company\`, \`questions\` (ids or question text, in the order to ask them),
\`emphasis\` (competency weights), \`include_tags\` / \`exclude_tags\`, \`paper\`, \`answer_words\`,
\`answer_seconds\` (\`drill\`'s time per answer, default 120), \`ask\` (your questions for them).
The body is a short pitch shown at the top of both outputs.
`;

/** What a workspace's .gitignore holds: each entry with the lines that explain it. */
export const IGNORED: { entry: string; text: string }[] = [
  { entry: 'out/', text: 'out/\n' },
  {
    entry: '.storybank/',
    text:
      '# The practice log of `storybank drill`: plain text, one line per answer. It may be\n' +
      '# committed: remove the next line to keep your practice history in git too.\n' +
      '.storybank/\n',
  },
];

/** The files of a fresh workspace. */
export function workspaceFiles(): ScaffoldFile[] {
  return [
    { path: 'storybank.yml', text: CONFIG },
    { path: 'stories/example-story.md', text: EXAMPLE_STAR },
    { path: 'stories/example-pitch.md', text: EXAMPLE_ANSWER },
    { path: `stories/profiles/${EXAMPLE_PROFILE}.md`, text: EXAMPLE_PROFILE_TEXT },
    { path: 'README.md', text: README, optional: true },
    { path: '.gitignore', text: IGNORED.map((i) => i.text).join(''), optional: true },
  ];
}
