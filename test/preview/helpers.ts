import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A small workspace of our own: two profiles, one story only the lead profile can use. */
const FIXTURE: Record<string, string> = {
  'storybank.yml': 'name: Robin Example\nheadline: Backend engineer\npaper: letter\n',
  'stories/questions.yml': '- id: broken-build\n  text: "Describe a time the release build broke at night."\n  competencies: [ownership, delivery]\n',
  'stories/outage.md': `---
title: Night outage in the billing service
questions: [failure, broken-build]
competencies: [ownership, learning-from-failure]
tags: [backend]
metrics: ["Restored in 40 minutes"]
---
## Situation
The billing service went down at night after a schema change.

## Task
I was on call and had to restore it without losing invoices.

## Action
I rolled back the change, replayed the queue and wrote a runbook. <script>alert(1)</script>

## Result
Service was back in 40 minutes and no invoice was lost.
`,
  'stories/deadline.md': `---
title: Shipping the export before the audit
questions: [tight-deadline]
competencies: [delivery, prioritization]
tags: [backend]
metrics: ["Shipped 2 days early"]
---
## Situation
An audit needed a data export that did not exist.

## Task
Build it in one week.

## Action
I cut scope to the three reports the auditors named and paired with QA.

## Result
We shipped two days early.
`,
  'stories/mentoring.md': `---
title: Growing a junior into the on-call rotation
questions: [mentoring]
competencies: [mentoring, leadership]
tags: [lead]
---
## Situation
A new engineer was afraid of on-call.

## Task
Get them ready in a quarter.

## Action
I shadowed their first shifts and wrote practice drills.

## Result
They led an incident review by the end of the quarter.
`,
  'stories/profiles/backend.md': `---
role: Backend Engineer
company: Example Corp
questions: [failure, tight-deadline, broken-build]
exclude_tags: [lead]
---
I build reliable backend services.
`,
  'stories/profiles/lead.md': `---
role: Engineering Lead
questions: [mentoring, failure]
---
`,
};

export async function writeFixture(files: Record<string, string> = FIXTURE): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'storybank-preview-test-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

export interface SseEvent {
  event: string;
  data: string;
  /** performance.now() when the event's bytes arrived. */
  at: number;
}

/** A minimal EventSource for tests: records every event with its arrival time. */
export async function openEvents(url: string): Promise<{ events: SseEvent[]; next(timeoutMs: number, after?: number): Promise<SseEvent>; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let connected: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('retry:')) connected();
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
          ) as Record<string, string>;
          if (fields.event) events.push({ event: fields.event, data: fields.data ?? '', at });
          for (const w of waiters) w();
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  await ready;
  return {
    events,
    /** The first event that arrived at or after `after` (default: any not yet returned). */
    next(timeoutMs: number, after = -Infinity) {
      return new Promise<SseEvent>((resolve, reject) => {
        const check = () => {
          const found = events.find((e) => e.at >= after);
          if (!found) return;
          events.splice(events.indexOf(found), 1);
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no event within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

/** The reload channel URL a page asks for (its own key and content hash). */
export function eventsUrlOf(base: string, html: string): string {
  const match = /"events":"([^"]+)"/.exec(html);
  if (!match) throw new Error('page has no reload channel');
  return new URL(JSON.parse(`"${match[1]}"`) as string, base).href;
}

/** Text content, roughly: tags out, entities decoded. Enough to read diagnostics as a user would. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
