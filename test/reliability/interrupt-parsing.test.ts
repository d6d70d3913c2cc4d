import { mkdir } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, minimalProfile, removeAllWorkspaces, startCli, story } from '../helpers/workspace.js';
import { expectHandled } from './assert.js';
import { browserStarted, killLeftovers, leftoverProcesses, waitFor } from './processes.js';

/**
 * Ctrl-C while stories are being parsed: parsing is synchronous, and a
 * pathological story used to keep the process deaf to signals for minutes.
 * Now each long body is parsed against a time budget and the workspace is
 * read file by file, so the signal is handled between two files.
 */

afterAll(removeAllWorkspaces);

/** Setext headings repeated over 60 KB: each file takes the parser far longer than its 1.5 s budget. */
const SLOW_BODY = `## Situation\n${'Step\n===\n'.repeat(6500)}\n## Task\nT.\n## Action\nI did.\n## Result\nDone in 3 days.\n`;
const FILES = 40;

describe('Ctrl-C while parsing', () => {
  it(`exits 130 long before ${FILES} slow stories are read, and leaves no browser behind`, async ({ onTestFinished }) => {
    const files: Parameters<typeof makeWorkspace>[0] = { ...minimalProfile('p') };
    for (let i = 0; i < FILES; i++) files[`stories/slow-${String(i).padStart(2, '0')}.md`] = story({ title: `Slow ${i}` }, SLOW_BODY);
    const ws = await makeWorkspace(files);
    await mkdir(ws.path('tmp'), { recursive: true });
    onTestFinished(() => void killLeftovers(ws.path('tmp')));
    const child = startCli(['--dir', ws.dir, '--no-cache', 'build'], { env: { TMPDIR: ws.path('tmp') } });
    // `build` starts its browser while it reads the stories: once the browser's folder exists, parsing is under way.
    await waitFor(() => browserStarted(ws.path('tmp'), child.pid), 60_000, 'the build to start');
    const signalled = performance.now();
    child.kill('SIGINT');
    const r = await child.result;
    const afterSignal = performance.now() - signalled;
    expectHandled(r, [130]);
    // Reading every file would take at least FILES × the 1.5 s budget; the signal must not wait for that.
    expect(afterSignal).toBeLessThan((FILES * 1500) / 2);
    expect(await ws.list('out')).toEqual([]);
    expect(await leftoverProcesses(ws.path('tmp'))).toEqual([]);
  }, 180_000);
});
