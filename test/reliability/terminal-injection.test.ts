import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, removeAllWorkspaces, runCli, type TempWorkspace } from '../helpers/workspace.js';
import { expectHandled, lines } from './assert.js';

/**
 * A story can hold terminal escape sequences and newlines in its file name,
 * title, question ids and tags; questions.yml in a question's text (YAML
 * escapes included). `check`, `list` and `plan` print such values quoted,
 * so no file can colour the screen, retitle the window or forge a line of
 * output; `--json` stays valid JSON with the values intact.
 */

afterAll(removeAllWorkspaces);

/** Anything a terminal could act on; a line break is allowed only as the end of a line. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FORGED = 'stories/forged.md:1:1: error: this line was written by a story';
// (The slash makes a folder "evil\nstories": names can hide a newline anywhere in the path.)
const EVIL_FILE = `stories/evil\n${FORGED}\u001b]0;pwned\u0007.md`;

let ws: TempWorkspace;
beforeAll(async () => {
  ws = await makeWorkspace({
    // A name with a newline: on its own line it would read as storybank's own diagnostic.
    [EVIL_FILE]: [
      '---',
      // Escapes YAML turns into real control characters (decoding replaces the raw ones).
      'title: "Outage \\x1b[2J\\x1b]0;retitled\\x07 review\\nstories/forged.md:2:1: error: second forged line"',
      'questions: [failure, "fail\\x1b[31mure"]',
      'competencies: [ownership]',
      'tags: ["ops\\u202eevil", "on-call\\u2028x"]',
      '---',
      '## Situation',
      'The checkout went down.',
      '## Task',
      'I had to bring it back.',
      '## Action',
      'I rolled back and I added an alert.',
      '## Result',
      'Back in 12 minutes.',
      '',
    ].join('\n'),
    'stories/questions.yml': '- id: on-call\n  text: "Tell me about on-call.\\x1b[8m hidden\\nstories/q.md:1:1: error: forged by a question"\n  competencies: [ownership]\n',
    'stories/profiles/p.md': '---\nrole: "SRE \\x1b]0;t\\x07"\nquestions: [failure, on-call]\n---\n',
  });
});

function expectQuoted(text: string, context: string): void {
  for (const line of lines(text)) {
    expect(line, context).not.toMatch(RAW_CONTROL);
    expect(line.startsWith('stories/forged.md') || line.startsWith('stories/q.md'), `${context}\n${line}`).toBe(false);
  }
}

describe('values from files are printed quoted', () => {
  it.each([['check'], ['list'], ['plan', '--profile', 'p'], ['list', '--tag', 'ops\u202eevil']])('%s', async (...args) => {
    const r = await runCli(['--dir', ws.dir, ...args]);
    expectHandled(r, [0]);
    expectQuoted(r.stdout, `stdout of ${args.join(' ')}`);
    expectQuoted(r.stderr, `stderr of ${args.join(' ')}`);
  });

  it('check names the odd file quoted, on one line', async () => {
    const r = await runCli(['--dir', ws.dir, 'check']);
    // (The ESC that YAML's "\x1b" made is the replacement mark by now; the file name's is escaped.)
    const expected = `stories/evil\\n${FORGED}\\x1b]0;pwned\\x07.md:3:22: warning: unknown question id "fail\uFFFD[31mure"`;
    expect(lines(r.stderr).filter((l) => l.startsWith(expected) && l.endsWith('(add it to stories/questions.yml to define it)')), r.stderr).toHaveLength(1);
  });

  it('list shows the title with its escapes written out', async () => {
    const r = await runCli(['--dir', ws.dir, 'list']);
    expect(r.stdout).toContain('Outage \uFFFD[2J\uFFFD]0;retitled\uFFFD review\\nstories/forged.md:2:1: error: second forged line');
    expect(r.stdout).toContain('ops\\u202eevil, on-call\\u2028x');
  });

  it.each([['check', '--json'], ['list', '--json'], ['plan', '--profile', 'p', '--json']])('%s stays valid JSON and keeps the values', async (...args) => {
    const r = await runCli(['--dir', ws.dir, ...args]);
    expectHandled(r, [0]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const data: unknown = JSON.parse(r.stdout);
    const text = JSON.stringify(data);
    if (args[0] === 'list') expect(text).toContain(JSON.stringify('Outage \uFFFD[2J\uFFFD]0;retitled\uFFFD review\nstories/forged.md:2:1: error: second forged line'));
    if (args[0] === 'check') expect(text).toContain(JSON.stringify(EVIL_FILE));
    if (args[0] === 'plan') expect(text).toContain(JSON.stringify('Tell me about on-call.\uFFFD[8m hidden\nstories/q.md:1:1: error: forged by a question'));
  });
});
