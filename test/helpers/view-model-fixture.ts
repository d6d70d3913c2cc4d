import { planProfile } from '../../src/plan/assign.js';
import { buildViewModel, type ViewModel } from '../../src/view/view-model.js';
import type { Paper } from '../../src/workspace/schema.js';
import type { WorkspaceFile } from '../../src/workspace/layout.js';
import { parseWorkspace } from '../../src/workspace/parse.js';

/**
 * A small, realistic workspace, kept in memory and run through the real
 * pipeline (parse → plan → view model), so renderer tests see the trees the
 * parser really produces. It deliberately carries hostile text (template
 * syntax, raw HTML, an unsafe link) and a `## Notes` section whose words must
 * never reach an export.
 */

/** Words that only appear in `## Notes` sections: an export containing one leaks notes. */
export const NOTES_MARKER = 'NOTES-SECRET-7f3a';
export const SCRIPT_TEXT = '<script>alert(1)</script>';
export const TEMPLATE_TEXT = '{{title}}';

const STORY_INGESTION = `---
title: Supplier ingestion platform
questions: [hardest-project, system-design-story]
competencies: [system-design, scalability, reliability, ownership]
tags: [backend]
year: 2024
metrics: ["3 concurrent jobs cap", "0 duplicate rows after retries"]
angles:
  system-design-story: Start from the failure modes, then the schema.
---
## Situation

Suppliers send **vehicle fitment** data in files of every shape; a bad file used to block _all_ the good ones.
The old loader also wrote \`${TEMPLATE_TEXT}\` placeholders literally, and one supplier sent ${SCRIPT_TEXT} in a product name.

## Task

Make ingestion safe under bursts:

1. bad files never block good ones
2. retries never duplicate rows
3. bursts never overload Cassandra

## Action

- Added acceptance checks, with [row-level isolation](https://example.com/isolation "Isolation notes") and file-level errors.
- Chose an idempotent schema:
  - partition by supplier and file hash
  - upsert rows by natural key
- Capped processing at three jobs, see [this](javascript:alert(1)).

Then, in order:

1. measured the burst profile
2. set the cap

> Bad input is normal input; design for it.

\`\`\`sql
SELECT * FROM parts WHERE supplier = ?;
\`\`\`

## Result

Bad files are isolated, retries are safe, and ~~manual replays~~ are gone.

## Lessons

Logging and observability should have been there on day one.

## Notes

${NOTES_MARKER}: rehearse the consistency follow-up.
`;

const STORY_DEADLINE = `---
title: Service launch before planned leave
questions: [tight-deadline]
competencies: [delivery, prioritization, delegation, mentoring]
tags: [backend]
year: 2023
metrics: ["Delivered 2 days early"]
---
## Situation
A new service was critical to a product launch, and I had a fixed hard stop: planned personal leave.

## Task
Ship it implemented, tested and maintainable before I left.

## Action
I cut low-value meetings with my manager's agreement, gave a junior engineer ownership of the tests, and documented setup and key workflows.

## Result
We delivered two days before my leave; the junior handled minor issues without escalations.

## Notes
${NOTES_MARKER}: do not mention the wedding.
`;

const STORY_ABOUT = `---
title: About me
kind: answer
questions: [about-me]
competencies: [communication, motivation]
---
I'm a backend engineer on **Fitment**: we make sure the part a customer orders fits their vehicle.

- five years at a large retailer
- ingestion, APIs and data correctness

## Notes
${NOTES_MARKER}: smile.
`;

const STORY_PRIVATE = `---
title: Private health story
questions: [failure]
competencies: [learning-from-failure, self-awareness]
private: true
---
## Situation
PRIVATE-STORY-TEXT
## Task
t
## Action
a
## Result
r
`;

const PROFILE = (paper: Paper) => `---
role: Senior Backend Engineer
company: Example Corp
questions: [about-me, hardest-project, tight-deadline, failure, system-design-story]
emphasis: { scalability: 3, system-design: 2, delivery: 1 }
paper: ${paper}
answer_words: 60
ask: ["What would my first project be?", "How is on-call shared & paid?"]
---
Five years of backend work on **fitment data**; I want to own large, reliable systems.
`;

const CONFIG = `name: Alex Example
headline: Backend engineer · data platforms
email: alex@example.com
phone: "+1 555 0100"
links:
  - https://github.com/alex-example
  - { label: Portfolio, url: "https://alex.example.com" }
`;

export function fixtureFiles(paper: Paper = 'letter'): WorkspaceFile[] {
  const enc = new TextEncoder();
  const files: Record<string, string> = {
    'storybank.yml': CONFIG,
    'stories/supplier-ingestion.md': STORY_INGESTION,
    'stories/service-launch.md': STORY_DEADLINE,
    'stories/about-me.md': STORY_ABOUT,
    'stories/private-health.md': STORY_PRIVATE,
    'stories/profiles/backend.md': PROFILE(paper),
  };
  return Object.entries(files).map(([path, text]) => ({ path, bytes: enc.encode(text) }));
}

/** Fixed build time, as SOURCE_DATE_EPOCH would give. */
export const FIXTURE_NOW = new Date('2026-03-14T09:26:53Z');

export function fixtureViewModel(paper: Paper = 'letter'): ViewModel {
  const ws = parseWorkspace(fixtureFiles(paper));
  const errors = ws.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture workspace is invalid:\n${errors.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n')}`);
  const profile = ws.profiles[0]!;
  const plan = planProfile(profile, ws.stories, ws.catalog);
  return buildViewModel(plan, ws.stories, ws.config, { paper, now: FIXTURE_NOW, shared: true });
}
