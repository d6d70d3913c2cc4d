import { symlinkSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvironmentError, formatDiagnostic } from '../../src/diagnostics.js';
import { loadPracticeHistory, openPracticeLog, parsePracticeLog, readPracticeLog, repLine, type PracticeRep } from '../../src/practice/log.js';
import { makeWorkspace, removeAllWorkspaces } from '../helpers/workspace.js';

afterAll(removeAllWorkspaces);

const rep = (fields: Partial<PracticeRep> = {}): PracticeRep => ({
  at: '2026-03-02T08:15:00.000Z',
  profile: 'charge-nurse',
  question: 'difficult-stakeholder',
  story: 'family-scan',
  seconds: 104,
  rating: 3,
  ...fields,
});

const bytes = (text: string | Buffer) => (typeof text === 'string' ? Buffer.from(text) : text);

describe('reading the practice log', () => {
  it('reads every good line and reports each bad one with its line number, skipping it', () => {
    const text = [
      repLine(rep({ rating: 1 })).trimEnd(),
      '',
      '{"at":"2026-03-02T08:20:00Z","profile":"charge-nurse","question":"tight-deadline","story":"two-admissions","seconds":75,"rating":5}',
      '{"at":"2026-03-02T08:25:00Z","profile":"charge-nurse","question":"tight-deadline","story":"two-admissions","seconds":75,"rating":4}',
      '{"at":"yesterday","profile":"p","question":"q","story":"s","seconds":1,"rating":2}',
      '{"at":"2026-03-02T08:30:00Z","profile":"p","question":"q","story":"s","seconds":1,"rat',
      'rating=3 for the deadline one',
      '[1,2,3]',
      '{"profile":"charge-nurse","question":"tight-deadline","story":"two-admissions","seconds":75,"rating":4}',
      repLine(rep({ seconds: 12.5, at: '2026-03-03T10:00:00+01:00' })).trimEnd(),
    ].join('\n');
    const log = parsePracticeLog(bytes(text));
    expect(log.reps.map((r) => [r.line, r.question, r.rating])).toEqual([
      [1, 'difficult-stakeholder', 1],
      [4, 'tight-deadline', 4],
      [10, 'difficult-stakeholder', 3],
    ]);
    expect(log.reps[2]!.time.toISOString()).toBe('2026-03-03T09:00:00.000Z');
    const lines = log.diagnostics.map(formatDiagnostic);
    expect(lines.map((l) => l.slice(0, l.indexOf(': warning: ')))).toEqual([3, 5, 6, 7, 8, 9].map((n) => `.storybank/practice.jsonl:${n}`));
    expect(lines[0]).toMatch(/: "rating" must be 1, 2, 3 or 4 \(it is 5\)/);
    expect(lines[1]).toMatch(/: "at" must be an ISO 8601 time .*\(it is "yesterday"\)/);
    expect(lines[2]).toMatch(/cut short/);
    expect(lines[3]).toMatch(/not a JSON object: "rating=3 for the deadline one"/);
    expect(lines[4]).toMatch(/not a JSON object: "\[1,2,3\]"/);
    expect(lines[5]).toMatch(/: "at" is missing/);
    expect(lines.every((l) => l.endsWith('; the line is skipped, and kept as it is'))).toBe(true);
  });

  it('takes CRLF line ends and a BOM, and reports a line that is not UTF-8', () => {
    const good = repLine(rep()).trimEnd();
    const log = parsePracticeLog(Buffer.concat([Buffer.from(`\uFEFF${good}\r\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), Buffer.from(`${good}\r\n`)]));
    expect(log.reps.map((r) => r.line)).toEqual([1, 3]);
    expect(log.diagnostics.map(formatDiagnostic)).toEqual(['.storybank/practice.jsonl:2: warning: not valid UTF-8; the line is skipped, and kept as it is']);
  });

  it('treats a missing log as empty', async () => {
    const ws = await makeWorkspace();
    expect(readPracticeLog(ws.dir)).toEqual({ reps: [], diagnostics: [] });
  });
});

describe('appending to the practice log', () => {
  it('creates .storybank/ and appends one whole line per rep, keys in a fixed order', async () => {
    const ws = await makeWorkspace();
    const log = openPracticeLog(ws.dir);
    log.append({ rating: 2, seconds: 95, story: 'family-scan', question: 'difficult-stakeholder', profile: 'charge-nurse', at: '2026-03-02T08:15:00.000Z' });
    log.append(rep({ rating: 4 }));
    log.close();
    const text = (await ws.read('.storybank/practice.jsonl')).toString();
    expect(text.split('\n')).toEqual([
      '{"at":"2026-03-02T08:15:00.000Z","profile":"charge-nurse","question":"difficult-stakeholder","story":"family-scan","seconds":95,"rating":2}',
      '{"at":"2026-03-02T08:15:00.000Z","profile":"charge-nurse","question":"difficult-stakeholder","story":"family-scan","seconds":104,"rating":4}',
      '',
    ]);
    expect(readPracticeLog(ws.dir).reps.map((r) => r.rating)).toEqual([2, 4]);
  });

  it('keeps every byte already there, and starts a new line after a last line without one', async () => {
    const broken = Buffer.concat([Buffer.from(`${repLine(rep())}{"at":"2026-03-02T`), Buffer.from([0xc3])]);
    const ws = await makeWorkspace({ '.storybank/practice.jsonl': broken });
    const log = openPracticeLog(ws.dir);
    log.append(rep({ rating: 1 }));
    log.append(rep({ rating: 2 }));
    log.close();
    const after = await ws.read('.storybank/practice.jsonl');
    expect(after.subarray(0, broken.length).equals(broken)).toBe(true);
    expect(after.subarray(broken.length).toString()).toBe(`\n${repLine(rep({ rating: 1 }))}${repLine(rep({ rating: 2 }))}`);
    const read = readPracticeLog(ws.dir);
    expect(read.reps.map((r) => [r.line, r.rating])).toEqual([
      [1, 3],
      [3, 1],
      [4, 2],
    ]);
    expect(read.diagnostics.map((d) => d.line)).toEqual([2]);
  });

  it('appends to whatever else wrote meanwhile, never over it', async () => {
    const ws = await makeWorkspace();
    const first = openPracticeLog(ws.dir);
    const second = openPracticeLog(ws.dir);
    first.append(rep({ rating: 1 }));
    second.append(rep({ rating: 2 }));
    first.append(rep({ rating: 3 }));
    first.close();
    second.close();
    expect(readPracticeLog(ws.dir).reps.map((r) => r.rating)).toEqual([1, 2, 3]);
  });

  it('fails before any answer when the log cannot be opened, and says what to do', async () => {
    const ws = await makeWorkspace({ '.storybank': 'a file where the folder should be' });
    const error = (() => {
      try {
        openPracticeLog(ws.dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as EnvironmentError).message).toMatch(/cannot write .*\.storybank/);
    expect((error as EnvironmentError).hint).toMatch(/a file is in the way/);
  });

  it('refuses a log that is not a plain file, rather than read it forever', async () => {
    const ws = await makeWorkspace({ '.storybank/.keep': '' });
    symlinkSync('/dev/zero', ws.path('.storybank/practice.jsonl'));
    expect(() => readPracticeLog(ws.dir)).toThrow(/practice\.jsonl is not a plain file/);
    expect(() => openPracticeLog(ws.dir)).toThrow(EnvironmentError);
    // Commands that only show practice go on without it, and say why.
    const shown = loadPracticeHistory(ws.dir);
    expect(shown.history.total).toBe(0);
    expect(shown.diagnostics.map(formatDiagnostic)).toEqual([
      '.storybank/practice.jsonl: warning: the practice log is not a plain file; what you practised is not shown (move it away; storybank keeps the practice log as a plain text file and creates it when needed)',
    ]);
  });
});
