import { afterAll, describe, expect, it } from 'vitest';
import { viewsFor } from '../../src/pipeline/build.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { waitFor } from '../reliability/processes.js';
import { copyFixture, removeAllWorkspaces, runCli, startCli, type TempWorkspace } from '../helpers/workspace.js';
import { logLines, nurseWorkspace } from './drill-fixture.js';

/** Line mode: what `printf … | storybank drill` does, with the log checked line by line. */

afterAll(removeAllWorkspaces);

const NOW = '2026-03-02T08:00:00Z';
const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?/;

function drill(ws: TempWorkspace, args: string[], input: string, env: NodeJS.ProcessEnv = {}) {
  return runCli(['--dir', ws.dir, 'drill', ...args], { input, env });
}

/** The question texts the session asked, in order. */
function asked(stdout: string): string[] {
  return [...stdout.matchAll(/^Question \d+ of \d+.*\n\n {3}(.+)$/gm)].map((m) => m[1]!);
}

describe('storybank drill, line mode', () => {
  it('runs two reps from piped input, appends two lines, and asks the one rated 1 first next time', async () => {
    const ws = await copyFixture('basic');
    const before = Date.now();
    const first = await drill(ws, ['--profile', 'frontend-lead', '--count', '2'], '\n1\n\n4\n');
    const after = Date.now();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(asked(first.stdout)).toEqual(['Tell me about yourself.', 'Tell me about a time you led a team or an effort.']);
    const lines = await logLines(ws);
    const keys = ['at', 'profile', 'question', 'story', 'seconds', 'rating'];
    expect(lines.map((l) => Object.keys(l))).toEqual([keys, keys]);
    expect(lines.map(({ profile, question, story, rating }) => ({ profile, question, story, rating }))).toEqual([
      { profile: 'frontend-lead', question: 'about-me', story: 'pitch', rating: 1 },
      { profile: 'frontend-lead', question: 'leadership', story: 'design-system', rating: 4 },
    ]);
    for (const line of lines) {
      expect(Number.isInteger(line.seconds) && line.seconds >= 0).toBe(true);
      expect(Date.parse(line.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(line.at)).toBeLessThanOrEqual(after);
    }

    // The next session, with no profile named (frontend-lead is the first), starts with the "again".
    const next = await drill(ws, ['--count', '1'], '\n3\n');
    expect(next.code).toBe(0);
    expect(asked(next.stdout)).toEqual(['Tell me about yourself.']);
    expect(next.stdout).toMatch(/Question 1 of 1 · due · last again, just now/);
    expect(next.stdout).toContain('The first of 2 profiles; choose another with --profile ic.');
    expect((await logLines(ws)).map((l) => [l.question, l.rating])).toEqual([
      ['about-me', 1],
      ['leadership', 4],
      ['about-me', 3],
    ]);
  });

  it('shows the story as the cheat sheet has it: title, angle, cues, numbers, and the time against the budget', async () => {
    const ws = await nurseWorkspace();
    const r = await drill(ws, ['-p', 'charge-nurse', '--now', NOW], '\n2\n\n3\n');
    expect(r.code).toBe(0);
    const workspace = await loadWorkspace(ws.dir);
    const sheet = viewsFor(workspace, workspace.profiles.find((p) => p.name === 'charge-nurse')!, { now: new Date(NOW) }).cheatSheet.model;
    const story = sheet.entries[0]!.story!;
    expect(r.stdout).toContain(`Story    ${story.title} · 2024`);
    expect(r.stdout).toContain(`Angle    ${story.angle}`);
    for (const cue of story.cues) expect(r.stdout).toContain(`• ${cue}`);
    expect(r.stdout).toContain('Numbers  scan done the same night · 0 formal complaints');
    // The profile's answer_seconds is the budget.
    expect(r.stdout).toContain('2 questions, 1:30 each.');
    expect(r.stdout).toMatch(/0:00 of 1:30/);
    expect(r.stdout).toContain('Not asked: dealbreakers (no story yet).');
    expect(r.stdout).toContain('✓ hard (2) · comes back first next time');
    expect(r.stdout).toContain('✓ good (3) · next due in 2 days');
    expect(r.stdout).toContain('Done: 2 answers');
    expect(r.stdout).toContain('Ratings: 1 hard · 1 good');
    // A fixed clock is said, and is the time of every rep.
    expect(r.stdout).toContain(`The clock is fixed at 2026-03-02T08:00:00.000Z (--now).`);
    expect((await logLines(ws)).map((l) => l.at)).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z']);
  });

  it('asks again for a rating it cannot read, without crashing or logging it', async () => {
    const ws = await nurseWorkspace();
    const r = await drill(ws, ['-p', 'charge-nurse', '--count', '1', '--now', NOW], '\nmaybe\n7\n\n2\n');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/Rate it 1-4/g)).toHaveLength(3);
    expect((await logLines(ws)).map((l) => l.rating)).toEqual([2]);
  });

  it('ends cleanly, exit 0, when the input ends, keeping the reps rated so far', async () => {
    const ws = await nurseWorkspace();
    const mid = await drill(ws, ['-p', 'charge-nurse', '--now', NOW], '\n4\n\n');
    expect(mid.code).toBe(0);
    expect(mid.stderr).toBe('');
    expect(mid.stdout).toContain('Stopped after 1 answer of 2; it is logged.');
    expect((await logLines(ws)).map((l) => l.question)).toEqual(['difficult-stakeholder']);

    const none = await drill(ws, ['-p', 'ic'], '');
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Input ended before the first rating; nothing was logged.');
    expect(await logLines(ws)).toHaveLength(1);
  });

  it('stops on q and skips on s, logging only what was rated', async () => {
    const ws = await nurseWorkspace();
    const r = await drill(ws, ['-p', 'frontend-lead', '--now', NOW], 's\n\n3\nq\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('skipped about-me; not logged');
    expect(r.stdout).toContain('Stopped after 1 answer of 5');
    expect((await logLines(ws)).map((l) => l.question)).toEqual(['leadership']);
  });

  it('Ctrl-C in the middle exits 130 and leaves the log whole', async () => {
    const ws = await nurseWorkspace();
    const child = startCli(['--dir', ws.dir, 'drill', '-p', 'frontend-lead', '--now', NOW], { input: 'open' });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stdin!.write('\n1\n');
    await waitFor(() => stdout.includes('Question 2 of 5'), 30_000, 'the second question');
    child.stdin!.write('\n');
    await waitFor(() => (stdout.match(/How did it go\?/g) ?? []).length === 2, 30_000, 'the second story');
    child.kill('SIGINT');
    const result = await child.result;
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect((await logLines(ws)).map((l) => [l.question, l.rating])).toEqual([['about-me', 1]]);
  });

  it('reports a log line it cannot read with its line number, and keeps it byte for byte', async () => {
    const good = '{"at":"2026-03-01T19:00:00.000Z","profile":"charge-nurse","question":"tight-deadline","story":"two-admissions","seconds":81,"rating":1}\n';
    const broken = Buffer.concat([Buffer.from(good), Buffer.from('{"at":"2026-03-01T19:05:00Z","question":"difficult-stakeholder","rating":"3"}\n{"at": \xff oops\n', 'latin1')]);
    const ws = await nurseWorkspace({ '.storybank/practice.jsonl': broken });
    const r = await drill(ws, ['-p', 'charge-nurse', '--count', '1', '--now', NOW], '\n3\n');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^\.storybank\/practice\.jsonl:2: warning: "profile" is missing/),
      expect.stringMatching(/^\.storybank\/practice\.jsonl:3: warning: not valid UTF-8/),
    ]);
    // The good line still counts: the question rated 1 comes first.
    expect(asked(r.stdout)).toEqual(['Tell me about a time you worked under a tight deadline.']);
    const after = await ws.read('.storybank/practice.jsonl');
    expect(after.subarray(0, broken.length).equals(broken)).toBe(true);
    expect(JSON.parse(after.subarray(broken.length).toString())).toMatchObject({ question: 'tight-deadline', rating: 3 });

    for (const command of [['drill', '--stats'], ['plan'], ['build', '--format', 'html']]) {
      const other = await runCli(['--dir', ws.dir, ...command]);
      expect(other.code, command.join(' ')).toBe(0);
      expect(other.stderr, command.join(' ')).toMatch(/^\.storybank\/practice\.jsonl:2: warning: /m);
    }
  });

  it('asks the questions named with --question, in that order, or every one with --all', async () => {
    const ws = await nurseWorkspace();
    const named = await drill(ws, ['-p', 'frontend-lead', '--question', 'mentoring,ACCESSIBILITY', '--now', NOW], '\n2\n\n2\n');
    expect(asked(named.stdout)).toEqual(['Tell me about a time you helped someone grow.', 'Tell me about making a product accessible.']);
    const all = await drill(ws, ['-p', 'frontend-lead', '--all', '--now', NOW], '');
    expect(all.stdout).toContain('5 questions, 2:00 each.');
    const stats = await runCli(['--dir', ws.dir, 'drill', '--stats', '-p', 'frontend-lead', '--now', NOW, '--json']);
    // Both rated "hard" the first time, at the same moment: due, first in the next session, in profile order.
    expect((JSON.parse(stats.stdout) as { next: string[] }).next.slice(0, 2)).toEqual(['accessibility', 'mentoring']);
  });

  it('refuses bad options with a message and exit 1, never a stack trace', async () => {
    const ws = await nurseWorkspace();
    const cases: [string[], RegExp][] = [
      [['--count', '0'], /--count must be a whole number of at least 1, not "0"/],
      [['--count', 'lots'], /--count must be a whole number/],
      [['--all', '--question', 'failure'], /Use one of them/],
      [['--all', '--count', '3'], /--count .* does not go with --all or --question/],
      [['-p', 'ic', '--question', 'falure'], /profile ic does not ask "falure"; did you mean "failure"\?/],
      [['-p', 'charge-nurse', '--question', 'dealbreakers'], /no story answers "dealbreakers" in profile charge-nurse yet/],
      [['-p', 'charge-nurs'], /unknown profile "charge-nurs"; did you mean "charge-nurse"\?/],
      [['-p', 'ic,frontend-lead'], /one profile at a time/],
      [['--now', 'last tuesday'], /--now takes an ISO 8601 time/],
      [['--json'], /--json goes with --stats/],
    ];
    for (const [args, message] of cases) {
      const r = await drill(ws, args, '\n3\n');
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    expect(await logLines(ws)).toEqual([]);
  });

  it('reports an unusable answer_seconds in the profile at its line and column', async () => {
    const ws = await nurseWorkspace({ 'stories/profiles/ic.md': '---\nrole: Senior Frontend Engineer\nquestions: [failure]\nanswer_seconds: 5\n---\n' });
    const r = await drill(ws, ['-p', 'ic'], '');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stories/profiles/ic.md:4:17: error: "answer_seconds" must be at least 10');
  });

  it('takes the clock from SOURCE_DATE_EPOCH', async () => {
    const ws = await nurseWorkspace();
    const r = await drill(ws, ['-p', 'ic', '--count', '1'], '\n3\n', { SOURCE_DATE_EPOCH: '1772438400' });
    expect(r.stdout).toContain('The clock is fixed at 2026-03-02T08:00:00.000Z (SOURCE_DATE_EPOCH).');
    expect((await logLines(ws)).map((l) => l.at)).toEqual(['2026-03-02T08:00:00.000Z']);
  });
});

describe('progress where the user looks', () => {
  const LOG = [
    { at: '2026-02-27T19:00:00.000Z', profile: 'charge-nurse', question: 'difficult-stakeholder', story: 'family-scan', seconds: 131, rating: 2 },
    { at: '2026-02-28T19:00:00.000Z', profile: 'charge-nurse', question: 'difficult-stakeholder', story: 'family-scan', seconds: 85, rating: 3 },
    { at: '2026-03-02T07:45:00.000Z', profile: 'charge-nurse', question: 'tight-deadline', story: 'two-admissions', seconds: 62, rating: 1 },
  ];
  const logText = LOG.map((l) => `${JSON.stringify(l)}\n`).join('');

  it('drill --stats shows reps, last rating and time, average against the budget, and what is due', async () => {
    const ws = await nurseWorkspace({ '.storybank/practice.jsonl': logText });
    const r = await runCli(['--dir', ws.dir, 'drill', '--stats', '-p', 'charge-nurse', '--now', NOW]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows[0]).toBe('charge-nurse: Charge Nurse @ St Olave’s Hospital · 1:30 per answer · 3 reps');
    expect(rows[1]!.split(/\s{2,}/).filter(Boolean)).toEqual(['#', 'question', 'reps', 'last', 'avg', 'due']);
    const cells = (n: number) => rows.find((row) => row.trimStart().startsWith(`${n}  `))!.split(/\s{2,}/).filter(Boolean);
    expect(cells(1)).toEqual(['1', 'Tell me about working with a difficult stakeholder.', '2', 'good, 2 days ago', '1:48 over', 'in 3 days']);
    expect(cells(2)).toEqual(['2', 'Tell me about a time you worked under a tight deadline.', '1', 'again, 15 min ago', '1:02', 'now']);
    expect(cells(3)).toEqual(['3', 'What are your dealbreakers when choosing a job?', '-', 'no story yet', '-', 'gap']);
    expect(r.stdout).toContain('1 due now · 1 gap (no story). Next drill asks: tight-deadline, difficult-stakeholder');

    const json = JSON.parse((await runCli(['--dir', ws.dir, 'drill', '--stats', '-p', 'charge-nurse', '--now', NOW, '--json'])).stdout) as {
      questions: { id: string; reps: number; last: { rating: number } | null; averageSeconds: number | null; standing: string; due: string | null }[];
    };
    expect(json.questions.map((q) => [q.id, q.reps, q.last?.rating ?? null, q.averageSeconds, q.standing])).toEqual([
      ['difficult-stakeholder', 2, 3, 108, 'ahead'],
      ['tight-deadline', 1, 1, 62, 'due'],
      ['dealbreakers', 0, null, null, 'gap'],
    ]);
    expect(json.questions[1]!.due).toBe('2026-03-02T07:55:00.000Z');

    // Without --profile: every profile, as `plan` does.
    const all = await runCli(['--dir', ws.dir, 'drill', '--stats', '--now', NOW]);
    expect(all.stdout.match(/^\S+: .* per answer/gm)).toEqual([
      'charge-nurse: Charge Nurse @ St Olave’s Hospital · 1:30 per answer',
      'frontend-lead: Frontend Lead @ Acme · 2:00 per answer',
      'ic: Senior Frontend Engineer · 2:00 per answer',
    ]);
  });

  it('plan shows when each question was last practised, once there is a log', async () => {
    const ws = await nurseWorkspace({ '.storybank/practice.jsonl': logText });
    const text = await runCli(['--dir', ws.dir, 'plan', '-p', 'charge-nurse'], { env: { SOURCE_DATE_EPOCH: String(Date.parse(NOW) / 1000) } });
    expect(text.stdout).toMatch(/1\. Tell me about working with a difficult stakeholder\.[^\n]*\n[^\n]*\n {6}last practised 2 days ago \(good\), 2× in all/);
    expect(text.stdout).toMatch(/2\. Tell me about a time you worked under a tight deadline\.[^\n]*\n[^\n]*\n {6}last practised 15 min ago \(again\), 1× in all/);
    const json = JSON.parse((await runCli(['--dir', ws.dir, 'plan', '-p', 'charge-nurse', '--json'])).stdout) as { assignments: { practice: { reps: number; last: { at: string } | null } }[] };
    expect(json.assignments.map((a) => [a.practice.reps, a.practice.last?.at ?? null])).toEqual([
      [2, '2026-02-28T19:00:00.000Z'],
      [1, '2026-03-02T07:45:00.000Z'],
      [0, null],
    ]);
    const ic = await runCli(['--dir', ws.dir, 'plan', '-p', 'ic']);
    expect(ic.stdout.match(/never practised/g)).toHaveLength(3);

    const fresh = await nurseWorkspace();
    const before = await runCli(['--dir', fresh.dir, 'plan', '-p', 'ic']);
    expect(before.stdout).not.toContain('practised ');
    expect(before.stdout).toContain('Practised: nothing logged yet; rehearse aloud with `storybank drill --profile ic`');
  });

  it('build marks the questions never practised on the cheat sheet, and nothing before any practice', async () => {
    const ws = await nurseWorkspace();
    const html = async () => (await ws.read('out/charge-nurse/cheatsheet.html')).toString();
    expect((await runCli(['--dir', ws.dir, 'build', '-p', 'charge-nurse', '--format', 'html'])).code).toBe(0);
    expect(await html()).not.toContain('not practised');
    await ws.write('.storybank/practice.jsonl', logText.split('\n')[2]! + '\n');
    expect((await runCli(['--dir', ws.dir, 'build', '-p', 'charge-nurse', '--format', 'html'])).code).toBe(0);
    const marked = [...(await html()).matchAll(/data-question="([^"]+)"[^]*?<\/article>/g)].filter((m) => m[0].includes('not practised')).map((m) => m[1]);
    expect(marked).toEqual(['difficult-stakeholder']);
  });
});
