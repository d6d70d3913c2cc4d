import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeAllWorkspaces } from '../helpers/workspace.js';
import { closeAllPtys, plainText, startPty } from '../helpers/pty.js';
import { logLines, nurseWorkspace } from './drill-fixture.js';

/** Terminal mode on a pseudo-terminal: raw keys, the live timer, and the terminal put back on every way out. */

afterEach(closeAllPtys);
afterAll(removeAllWorkspaces);

const NOW = '2026-03-02T08:00:00Z';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const COLOUR = /\x1b\[(?:3\d|9\d|1|2)(?:;\d+)*m/;

/** The cursor is visible at the end: every hide was followed by a show. */
function cursorShown(output: string): boolean {
  return output.lastIndexOf(SHOW_CURSOR) > output.lastIndexOf(HIDE_CURSOR);
}

describe('storybank drill on a terminal', () => {
  it('runs a timer in place while the user answers, reveals the cues on Enter, takes a rating key, and restores the terminal', async () => {
    const ws = await nurseWorkspace();
    const pty = startPty(['--dir', ws.dir, 'drill', '-p', 'charge-nurse', '--count', '1', '--now', NOW], { dir: ws.dir });
    await pty.waitFor('Tell me about working with a difficult stakeholder.');
    // The timer line is redrawn in place (carriage return, clear line) as the seconds pass.
    await pty.waitFor(/\r\x1b\[2K {3}\S*0:01 \/ 1:30/, 'the timer to reach 0:01');
    expect(pty.output()).toMatch(/\r\x1b\[2K {3}\S*0:00 \/ 1:30/);
    expect(pty.output()).toContain(HIDE_CURSOR);
    expect(pty.output()).not.toContain('Story ');
    pty.send('\r');
    await pty.waitFor('How did it go?');
    const revealed = plainText(pty.output());
    expect(revealed).toMatch(/ {3}0:0[1-9] of 1:30 · under half the time/);
    expect(revealed).toContain('Angle    Start with what the family needed to hear, not with the rota.');
    expect(revealed).toContain('• Listened first, then gave a time I could keep');
    pty.send('3');
    expect(await pty.exited()).toBe(0);
    expect(plainText(pty.output())).toContain('✓ good (3) · next due in 2 days');
    const { before, after } = pty.stty();
    expect(after).toBe(before);
    expect(cursorShown(pty.output())).toBe(true);
    const [line] = await logLines(ws);
    expect(line).toMatchObject({ profile: 'charge-nurse', question: 'difficult-stakeholder', story: 'family-scan', rating: 3 });
    expect(line!.seconds).toBeGreaterThanOrEqual(1);
    // Colour on a terminal, unless NO_COLOR says otherwise (next test).
    expect(pty.output()).toMatch(COLOUR);
  });

  it('Ctrl-C in the middle exits 130, keeps the rated answers whole, and restores the terminal', async () => {
    const ws = await nurseWorkspace();
    const pty = startPty(['--dir', ws.dir, 'drill', '-p', 'frontend-lead', '--now', NOW], { dir: ws.dir, env: { NO_COLOR: '1' } });
    await pty.waitFor('Tell me about yourself.');
    pty.send('\r');
    await pty.waitFor('How did it go?');
    pty.send('1');
    await pty.waitFor('Question 2 of 5');
    pty.send('\r');
    await pty.waitFor(/How did it go\?[^]*How did it go\?/, 'the second story');
    pty.send('\x03');
    expect(await pty.exited()).toBe(130);
    expect(plainText(pty.output())).toContain('Stopped after 1 answer of 5; it is logged.');
    expect(pty.stty().after).toBe(pty.stty().before);
    expect(cursorShown(pty.output())).toBe(true);
    expect((await logLines(ws)).map((l) => [l.question, l.rating])).toEqual([['about-me', 1]]);
    expect(pty.output()).not.toMatch(COLOUR);
  });

  it('q stops at once, and the terminal comes back as it was', async () => {
    const ws = await nurseWorkspace();
    const pty = startPty(['--dir', ws.dir, 'drill', '-p', 'ic', '--now', NOW], { dir: ws.dir });
    await pty.waitFor(/0:00 \//, 'the timer');
    pty.send('q');
    expect(await pty.exited()).toBe(0);
    expect(plainText(pty.output())).toContain('Stopped before the first rating; nothing was logged.');
    expect(pty.stty().after).toBe(pty.stty().before);
    expect(cursorShown(pty.output())).toBe(true);
    expect(await logLines(ws)).toEqual([]);
  });

  it('a failure in the middle (the log cannot grow) exits 2 with the fix, and still restores the terminal', async () => {
    // A log of exactly 1 KB, and a shell allowed no larger files: the first rating cannot be written.
    const rep = '{"at":"2026-03-01T19:00:00.000Z","profile":"ic","question":"accessibility","story":"screen-reader","seconds":70,"rating":3}';
    const ws = await nurseWorkspace({ '.storybank/practice.jsonl': `${rep.padEnd(1023)}\n` });
    const pty = startPty(['--dir', ws.dir, '--no-cache', 'drill', '-p', 'ic', '--now', NOW], { dir: ws.dir, before: 'ulimit -f 1' });
    await pty.waitFor(/0:00 \//, 'the timer');
    pty.send('\r');
    await pty.waitFor('How did it go?');
    pty.send('2');
    expect(await pty.exited()).toBe(2);
    const text = plainText(pty.output());
    expect(text).toMatch(/storybank: cannot write .*practice\.jsonl/);
    expect(text).toContain('fix: the file has reached the largest size this system allows');
    expect((await ws.read('.storybank/practice.jsonl')).toString()).toBe(`${rep.padEnd(1023)}\n`);
    expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
    expect(pty.stty().after).toBe(pty.stty().before);
    expect(cursorShown(pty.output())).toBe(true);
  });
});
