import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CUE_MAX_CHARS, storyCues } from '../../src/view/cues.js';
import { shortenAround } from '../../src/view/shorten.js';
import { readWorkspaceFiles } from '../../src/workspace/files.js';
import { parseWorkspace } from '../../src/workspace/parse.js';
import type { Story } from '../../src/workspace/story.js';
import { memoryWorkspace, star } from '../helpers/memory.js';

/**
 * Cue lines derived from stories people actually write: no `cues:`, no
 * `metrics:`, long sentences, abbreviations, bullets. The workspace in
 * test/fixtures/plain is a nurse who used to teach and sell; the stories
 * below add a warehouse shift lead and a civil engineer.
 */
const plain = fileURLToPath(new URL('../fixtures/plain', import.meta.url));

async function plainStories(): Promise<Map<string, Story>> {
  const ws = parseWorkspace(await readWorkspaceFiles(plain));
  return new Map(ws.stories.map((s) => [s.id, s]));
}

const WAREHOUSE = star('title: Peak season picking\nquestions: [tight-deadline]\ncompetencies: [delivery]', {
  Situation: 'I ran the night shift at a 40,000 sq ft fulfilment centre outside Reno, NV. In November our pick rate dropped while orders doubled, and the client threatened penalties.',
  Task: 'Get the backlog down before Black Friday without overtime the budget did not have.',
  Action:
    '- Re-slotted the 200 fastest SKUs next to the packing stations.\n- Split pickers into zone teams with a lead each.\n- Posted the hourly rate on a whiteboard so every team could see it.',
  Result:
    'It was a hard month and the team was tired, but the changes held up under pressure and nobody quit, which mattered to me. The backlog went from 18,000 orders to zero in 9 days, and the client dropped the penalty clause from the renewal.',
});

const BRIDGE = star('title: Bridge deck inspection\nquestions: [production-incident]\ncompetencies: [reliability]', {
  Situation: 'As a junior civil engineer with the county, I was on the inspection team for a 1970s bridge carrying approx. 12,000 vehicles a day.',
  Task: 'My supervisor, Eng. Ruiz, asked me to check whether the cracking reported by a driver was cosmetic or structural.',
  Action: 'I measured every crack on the deck and compared the readings with the 2019 survey, then called for a lane closure when two of them had grown by more than 3 mm.',
  Result: 'The closure went in the same afternoon; the core samples showed corroded rebar, and the repair was finished 6 weeks ahead of the state deadline at about 20% under the estimate.',
});

function inline(files: Record<string, string>): Story[] {
  return memoryWorkspace(files).stories;
}

/** The story's exported text, whitespace collapsed. */
function sourceText(story: Story): string {
  return story.sections.map((s) => s.text).join(' ').replace(/\s+/g, ' ');
}

describe('derived cue lines', () => {
  it("carry each STAR story's key Result number", async () => {
    const stories = await plainStories();
    const more = inline({ 'stories/warehouse.md': WAREHOUSE, 'stories/bridge.md': BRIDGE });
    const warehouse = more.find((s) => s.id === 'warehouse');
    const bridge = more.find((s) => s.id === 'bridge');
    const expected: [Story, RegExp][] = [
      [stories.get('bedside-charting')!, /4\.1h to 1\.3h/],
      [stories.get('late-meds')!, /31 % to 9 %/],
      [stories.get('reading-intervention')!, /18 of 24 students/],
      [stories.get('renewal-save')!, /\$1\.2M a year, 14% above/],
      [stories.get('night-shift-conflict')!, /from 5 a month to 1/],
      [warehouse!, /18,000 orders to zero in 9 days/],
      [bridge!, /6 weeks ahead/],
    ];
    for (const [story, number] of expected) {
      const cues = storyCues(story);
      const result = cues.find((c) => c.source?.section === 'Result');
      expect(result?.text, story.id).toMatch(number);
      expect(cues, story.id).toHaveLength(4);
    }
  });

  it('never end mid-word, mid-number or on a word that needs the next one, and keep to two lines', async () => {
    const stories = [...(await plainStories()).values(), ...inline({ 'stories/warehouse.md': WAREHOUSE, 'stories/bridge.md': BRIDGE })].filter((s) => !s.draft);
    for (const story of stories) {
      const source = sourceText(story);
      for (const cue of storyCues(story)) {
        const body = cue.text.replace(/…$/, '');
        const tail = body.slice(-12);
        const at = source.indexOf(tail);
        expect(at, `${story.id}: "${cue.text}" is not taken from the text`).toBeGreaterThanOrEqual(0);
        const next = source.charAt(at + tail.length);
        expect(next, `${story.id}: "${cue.text}" is cut inside a word`).not.toMatch(/[\p{L}\p{N}%]/u);
        expect(body, story.id).not.toMatch(/\s(?:and|or|to|of|the|a|with)$/i);
        expect(body.length, story.id).toBeLessThanOrEqual(CUE_MAX_CHARS * 1.2);
      }
    }
  });

  it('keep "St. Agnes", "Dr. Patel" and "U.S." inside their sentences', async () => {
    const stories = await plainStories();
    const charting = storyCues(stories.get('bedside-charting')!);
    expect(charting[0]!.text).toContain('St. Agnes (Baltimore)');
    expect(charting[1]!.text).toMatch(/^Dr\. Patel, our medical director, asked me/);
    expect(storyCues(stories.get('renewal-save')!)[0]!.text).toBe('For two years I sold hospital supplies in the U.S. mid-Atlantic region');
  });

  it('pick the bullets of an answer that carry outcomes and numbers, and never end one in "…" or ";"', async () => {
    const stories = await plainStories();
    const template = storyCues(stories.get('deid-template')!).map((c) => c.text);
    // The outcome is the fifth bullet; the first three alone would miss it.
    expect(template.some((t) => t.includes('3 days instead of 3 weeks'))).toBe(true);
    expect(template[0]).toBe("What I'm proudest of is a small thing that stuck");
    for (const story of [...stories.values()].filter((s) => s.kind === 'answer')) {
      for (const cue of storyCues(story)) expect(cue.text, story.id).not.toMatch(/[…;:,]$/);
    }
    const [bolded] = inline({
      'stories/values.md': `---
title: What I look for
kind: answer
questions: [dealbreakers]
---
I don't have rigid dealbreakers, but a few things matter to me:

- **No ownership.** I'd avoid a place where engineers just execute tickets without understanding the system they work on.
- **Repeat incidents.** The same outage twice because nobody fixed the cause;
`,
    });
    const cues = storyCues(bolded!).map((c) => c.text);
    expect(cues[0]).toBe("I don't have rigid dealbreakers, but a few things matter to me");
    expect(cues).toContain('Repeat incidents: The same outage twice because nobody fixed the cause');
    expect(cues.some((c) => c.startsWith('No ownership: '))).toBe(true);
  });

  it('leave out what the metrics line already prints, and keep the rest of the sentence', () => {
    const [story] = inline({
      'stories/launch.md': star('title: Launch before leave\nquestions: [tight-deadline]\nmetrics: ["Delivered 2 days early"]', {
        Result: 'We delivered two days early; the junior I had trained handled the minor issues without escalations.',
      }),
    });
    const result = storyCues(story!).find((c) => c.source?.section === 'Result')!;
    expect(result.text).toBe('The junior I had trained handled the minor issues without escalations');
    expect(result.source!.why).toContain('metrics line');
    // With nothing else in the sentence, the Result gives no line: the metric says it.
    const [only] = inline({
      'stories/launch.md': star('title: Launch\nquestions: [tight-deadline]\nmetrics: ["Delivered 2 days early"]', { Result: 'We delivered 2 days early.' }),
    });
    expect(storyCues(only!).map((c) => c.source?.section)).toEqual(['Situation', 'Task', 'Action']);
  });

  it('use written cues as written, except one that copies a metric', () => {
    const [story] = inline({
      'stories/a.md': star('title: A\nquestions: [failure]\nmetrics: ["3 jobs cap"]\ncues: ["Bad files never block good ones", "3 jobs cap", "Max 3 jobs keeps bursts off the nodes"]'),
    });
    expect(storyCues(story!)).toEqual([{ text: 'Bad files never block good ones' }, { text: 'Max 3 jobs keeps bursts off the nodes' }]);
  });

  it('explain every derived line: its section, its sentence and why it won', async () => {
    const stories = await plainStories();
    const [, , , result] = storyCues(stories.get('bedside-charting')!);
    expect(result!.source).toEqual({
      section: 'Result',
      sentence: 'Two units switched to charting vitals at the bedside on the rovers; median alert lag went from 4.1h to 1.3h.',
      why: 'states a change (from 4.1h to 1.3h); says the outcome ("went from"); first sentence',
    });
  });

  it('are the same on every run', async () => {
    const a = [...(await plainStories()).values()].map(storyCues);
    const b = [...(await plainStories()).values()].map(storyCues);
    expect(b).toEqual(a);
  });
});

describe('shortenAround', () => {
  const long = 'After the audit flagged us for three quarters in a row, I rebuilt the pass around two pharmacy deliveries, and late passes on the unit fell 22 % by June.';

  it('keeps whole clauses around the number', () => {
    const focus = { start: long.indexOf('22 %'), end: long.indexOf('22 %') + 4 };
    expect(shortenAround(long, focus, 80, { ellipsis: true })).toEqual({ text: 'Late passes on the unit fell 22 % by June', fragment: true, cut: false });
    expect(shortenAround(long, focus, 100, { ellipsis: true }).text).toBe('I rebuilt the pass around two pharmacy deliveries, and late passes on the unit fell 22 % by June');
    expect(shortenAround(long, undefined, 80, { ellipsis: true }).text).toBe('After the audit flagged us for three quarters in a row');
  });

  it('never splits a number from its unit when it must cut at a word', () => {
    const text = 'Late passes fell by 22 % across every ward we had measured since the start of that long and difficult winter';
    for (let max = 20; max <= 60; max++) {
      const short = shortenAround(text, { start: text.indexOf('22'), end: text.indexOf('22') + 4 }, max, { ellipsis: true });
      expect(short.text, String(max)).toContain('22 %');
      expect(short.text.length, String(max)).toBeLessThanOrEqual(Math.max(max, 'Late passes fell by 22 %…'.length));
    }
  });
});
