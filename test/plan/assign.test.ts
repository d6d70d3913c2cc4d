import { describe, expect, it } from 'vitest';
import { EXPLICIT_POINTS, planProfile, REUSE_PENALTY } from '../../src/plan/assign.js';
import { memoryWorkspace, star } from '../helpers/memory.js';

function workspace(profile: string, stories: Record<string, string>) {
  const files: Record<string, string> = { 'stories/profiles/p.md': profile };
  for (const [id, text] of Object.entries(stories)) files[`stories/${id}.md`] = text;
  const ws = memoryWorkspace(files);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return ws;
}

const plan = (ws: ReturnType<typeof workspace>, includePrivate = false) =>
  planProfile(ws.profiles[0]!, ws.stories, ws.catalog, { includePrivate });

const picks = (p: ReturnType<typeof plan>) => p.assignments.map((a) => `${a.question.id}=${a.pick?.story.id ?? 'GAP'}`);

describe('assignStories', () => {
  it('prefers an explicit question match over any competency overlap', () => {
    const ws = workspace('---\nrole: R\nquestions: [failure]\nemphasis: { learning-from-failure: 5, self-awareness: 5 }\n---\n', {
      overlap: star('title: Overlap\ncompetencies: [learning-from-failure, self-awareness]'),
      listed: star('title: Listed\nquestions: [failure]'),
    });
    const p = plan(ws);
    expect(picks(p)).toEqual(['failure=listed']);
    expect(p.assignments[0]!.pick!.reasons[0]).toEqual({ term: 'lists failure', points: EXPLICIT_POINTS });
    expect(p.assignments[0]!.backup!.story.id).toBe('overlap');
  });

  it('weights competency overlap by the profile emphasis', () => {
    const ws = workspace('---\nrole: R\nquestions: [hardest-project]\nemphasis: { system-design: 3 }\n---\n', {
      a: star('title: A\ncompetencies: [problem-solving, ownership]'),
      b: star('title: B\ncompetencies: [system-design]'),
    });
    const p = plan(ws);
    // B: system-design 10 × (1 + 3) = 40 beats A: 10 + 10.
    expect(picks(p)).toEqual(['hardest-project=b']);
    expect(p.assignments[0]!.pick!.reasons).toEqual([{ term: 'system-design ×4', points: 40 }]);
  });

  it('penalises reuse so one story does not answer everything, but an explicit match still wins', () => {
    const ws = workspace('---\nrole: R\nquestions: [tight-deadline, prioritization, failure]\n---\n', {
      big: star('title: Big\nquestions: [failure]\ncompetencies: [delivery, prioritization, time-management]'),
      small: star('title: Small\ncompetencies: [prioritization]'),
    });
    const p = plan(ws);
    expect(picks(p)).toEqual(['tight-deadline=big', 'prioritization=small', 'failure=big']);
    expect(p.assignments[2]!.pick!.reasons).toContainEqual({ term: 'used 1× already', points: -REUSE_PENALTY });
  });

  it('breaks ties by story id', () => {
    const ws = workspace('---\nrole: R\nquestions: [failure]\n---\n', {
      zeta: star('title: Z\nquestions: [failure]'),
      alpha: star('title: A\nquestions: [failure]'),
    });
    expect(picks(plan(ws))).toEqual(['failure=alpha']);
  });

  it('reports gaps and unused stories', () => {
    const ws = workspace('---\nrole: R\nquestions: [failure, mentoring]\n---\n', {
      a: star('title: A\nquestions: [failure]'),
      b: star('title: B\ncompetencies: [scalability]'),
    });
    const p = plan(ws);
    expect(picks(p)).toEqual(['failure=a', 'mentoring=GAP']);
    expect(p.gaps.map((q) => q.id)).toEqual(['mentoring']);
    expect(p.unused.map((s) => s.id)).toEqual(['b']);
  });

  it('never picks private, draft or tag-excluded stories, and only explicit questions for answers', () => {
    const ws = workspace('---\nrole: R\nquestions: [failure, career-goals, about-me]\nexclude_tags: [personal]\n---\n', {
      secret: star('title: S\nquestions: [failure]\nprivate: true'),
      draft: star('title: D\nquestions: [failure]\ndraft: true'),
      personal: star('title: P\nquestions: [failure]\ntags: [personal]'),
      goals: '---\ntitle: Goals\nkind: answer\ncompetencies: [motivation]\n---\nGrow.\n',
      pitch: '---\ntitle: Pitch\nkind: answer\nquestions: [about-me]\n---\nHi.\n',
    });
    const p = plan(ws);
    expect(picks(p)).toEqual(['failure=GAP', 'career-goals=GAP', 'about-me=pitch']);
    expect(p.excluded.map((e) => `${e.story.id}: ${e.why}`)).toEqual([
      'draft: draft',
      'personal: tag personal is in exclude_tags',
      'secret: private',
    ]);
    expect(picks(plan(ws, true))).toEqual(['failure=secret', 'career-goals=GAP', 'about-me=pitch']);
  });

  it('names, for a gap, the held-back stories that would answer it, explicit listings first', () => {
    const ws = workspace('---\nrole: R\nquestions: [failure, mentoring]\nexclude_tags: [personal]\n---\n', {
      'health-scare': star('title: Health scare\nquestions: [failure]\nprivate: true'),
      'ward-mixup': star('title: Ward mix-up\ncompetencies: [learning-from-failure]\ndraft: true'),
      'family-business': star('title: Family shop\ncompetencies: [learning-from-failure]\ntags: [personal]'),
      unrelated: star('title: Unrelated\ncompetencies: [delivery]\nprivate: true'),
    });
    const [failure, mentoring] = plan(ws).assignments;
    expect(failure!.pick).toBeUndefined();
    expect(failure!.withheld.map((h) => `${h.story.id}: ${h.why}`)).toEqual(['health-scare: private', 'family-business: tag personal is in exclude_tags', 'ward-mixup: draft']);
    expect(mentoring!.withheld).toEqual([]);
    // With --include-private the private story answers it, and nothing is withheld.
    const open = plan(ws, true).assignments[0]!;
    expect(open.pick?.story.id).toBe('health-scare');
    expect(open.withheld).toEqual([]);
  });

  it('only considers stories with an include_tags tag when include_tags is set', () => {
    const ws = workspace('---\nrole: R\nquestions: [failure]\ninclude_tags: [data]\n---\n', {
      a: star('title: A\nquestions: [failure]\ntags: [web]'),
      b: star('title: B\ncompetencies: [learning-from-failure]\ntags: [data]'),
    });
    expect(picks(plan(ws))).toEqual(['failure=b']);
  });

  it('is deterministic: same input, same plan, whatever the file order', () => {
    const stories: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      stories[`s${(i * 7) % 12}`] = star(`title: S${i}\ncompetencies: [${['delivery', 'ownership', 'collaboration'][i % 3]}]`);
    }
    const profile = '---\nrole: R\nquestions: [tight-deadline, leadership, teamwork, proudest]\n---\n';
    const a = JSON.stringify(picks(plan(workspace(profile, stories))));
    const reversed = Object.fromEntries(Object.entries(stories).reverse());
    const b = JSON.stringify(picks(plan(workspace(profile, reversed))));
    expect(a).toBe(b);
  });
});
