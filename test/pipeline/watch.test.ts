import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { viewsFor } from '../../src/pipeline/build.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { EnvironmentError } from '../../src/diagnostics.js';
import { startWatch, type Watcher, type WatchEvent } from '../../src/pipeline/watch.js';
import { formatWatchEvent } from '../../src/cli/format/watch.js';
import { writeFixture } from '../preview/helpers.js';
import { copyFixture, removeAllWorkspaces } from '../helpers/workspace.js';
import { hasTool } from '../helpers/tools.js';
import { pdfText, readDocx } from '../reliability/outputs.js';

/**
 * `build --watch` on a workspace of our own (test/fixtures/watch: two
 * profiles, one story only the ward-manager profile tells): one warm
 * browser, only the profiles a change touches are rebuilt, and nothing is
 * left running after close().
 */

/** Chromium processes whose command line mentions `dir` (their --user-data-dir lives there). */
function chromiumUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(dir) && /chrom/i.test(cmd)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Chromium takes a moment to exit after close(); there is no event to wait for, so look until it is gone. */
async function chromiumGone(dir: string, timeoutMs = 10_000): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  while (chromiumUnder(dir).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return chromiumUnder(dir);
}

/** The watcher's events, and a promise for the first one (from now on) that `matches`. */
function eventLog() {
  const lines: string[] = [];
  const waiters = new Set<{ matches: (e: WatchEvent) => boolean; resolve: (e: WatchEvent) => void }>();
  return {
    lines,
    onEvent(event: WatchEvent) {
      lines.push(formatWatchEvent(event));
      for (const w of waiters) {
        if (!w.matches(event)) continue;
        waiters.delete(w);
        w.resolve(event);
      }
    },
    next(matches: (e: WatchEvent) => boolean): Promise<WatchEvent> {
      return new Promise((resolve) => waiters.add({ matches, resolve }));
    },
  };
}

/**
 * Which profiles tell a story in full (picked for a question, not just named
 * as the backup). A change to the story's body shows only in those.
 */
async function profilesTelling(root: string): Promise<Map<string, string[]>> {
  const workspace = await loadWorkspace(root);
  const telling = new Map<string, string[]>();
  for (const profile of workspace.profiles) {
    const views = viewsFor(workspace, profile, {});
    const ids = new Set([...views.cheatSheet.model.entries, ...views.answerBank.model.entries].flatMap((e) => (e.story ? [e.story.id] : [])));
    for (const id of ids) telling.set(id, [...(telling.get(id) ?? []), profile.name]);
  }
  return telling;
}

afterAll(removeAllWorkspaces);

describe('build --watch', () => {
  let scratch: string;
  const savedTmp = process.env.TMPDIR;

  beforeAll(async () => {
    // The browser's profile folder goes under a temp dir of our own, so we can tell its processes apart.
    scratch = await mkdtemp(join(tmpdir(), 'storybank-watch-chromium-'));
    process.env.TMPDIR = scratch;
  });

  afterAll(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await rm(scratch, { recursive: true, force: true });
  });

  /** The watcher's log lines, printed when a test fails. */
  let log = eventLog();
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(`watch log:\n${log.lines.join('\n')}`);
    log = eventLog();
  });

  it.skipIf(!hasTool('poppler'))('rebuilds only the profiles a story change touches, with one browser, and leaves no process behind', async () => {
    const ws = await copyFixture('watch');
    const root = ws.dir;
    const watcher: Watcher = startWatch({ root, outDir: 'out', onEvent: (event) => log.onEvent(event), onDiagnostics: () => undefined });
    let closed = false;
    try {
      await watcher.ready;
      const workspace = await loadWorkspace(root);
      expect(workspace.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const all = workspace.profiles.map((p) => p.name);
      expect(all).toEqual(['clinical-educator', 'ward-manager']);
      expect(log.lines[0]).toMatch(/^initial build: rebuilt clinical-educator, ward-manager in \d+ ms$/);
      // One warm browser for every profile.
      expect(chromiumUnder(scratch).length).toBeGreaterThan(0);

      // The handover story: ward-manager tells it, clinical-educator does not.
      expect((await profilesTelling(root)).get('handover')).toEqual(['ward-manager']);
      const out = (profile: string, name: string) => ws.path(`out/${profile}/${name}`);
      const files = ['cheatsheet.pdf', 'answer-bank.docx'];
      const identity = async (path: string) => {
        const s = await stat(path);
        return `${s.ino}:${s.mtimeMs}`;
      };
      const before = new Map(await Promise.all(all.flatMap((p) => files.map(async (f) => [`${p}/${f}`, await identity(out(p, f))] as const))));

      // A new title: printed on the cheat sheet and in the answer bank alike (which Result sentence
      // becomes a cue is the cue chooser's business, so the test does not lean on it).
      const path = ws.path('stories/handover.md');
      const text = await readFile(path, 'utf8');
      const added = 'One handover sheet for both shifts';
      const revised = text.replace(/^title: .*$/m, `title: ${added}`);
      expect(revised).not.toBe(text);
      const rebuiltAfterSave = log.next((e) => e.type === 'rebuilt' && e.reason.startsWith('changed '));
      await writeFile(path, revised);

      // The file watcher, not a manual call, picks it up.
      const event = await rebuiltAfterSave;
      expect(formatWatchEvent(event)).toMatch(/^changed stories\/handover\.md: rebuilt ward-manager in \d+ ms$/);
      // What the reader sees changed in both of ward-manager's outputs...
      expect(pdfText(out('ward-manager', 'cheatsheet.pdf'))).toContain(added);
      expect((await readDocx(out('ward-manager', 'answer-bank.docx'))).text).toContain(added);
      // ...and clinical-educator's files were not even rewritten.
      for (const f of files) expect(await identity(out('clinical-educator', f)), `clinical-educator/${f} should be left alone`).toBe(before.get(`clinical-educator/${f}`));
      expect((await readDocx(out('clinical-educator', 'answer-bank.docx'))).text).not.toContain(added);
      console.log(`build --watch: ${formatWatchEvent(event)}`);

      // Nothing changed since: nothing to rebuild.
      expect(await watcher.rebuild('manual')).toEqual([]);
      expect(log.lines.at(-1)).toMatch(/^manual: nothing to rebuild \(\d+ ms\)$/);

      // Personal notes are never exported, so editing them rebuilds nothing.
      await writeFile(path, `${revised.trimEnd()}\n\n## Notes\n\nDeclan prefers the sheet printed, not on the tablet.\n`);
      expect(await watcher.rebuild('notes')).toEqual([]);

      // A broken story is reported and waited out; fixing it back needs no rebuild (the outputs are current).
      await writeFile(path, revised.replace(/^title: .*$/m, 'title: [unclosed'));
      expect(await watcher.rebuild('broken')).toEqual([]);
      expect(log.lines.some((l) => /^broken: \d+ errors? in the workspace; nothing was built; waiting for the next change$/.test(l)), log.lines.join('\n')).toBe(true);
      await writeFile(path, revised);
      expect(await watcher.rebuild('fixed')).toEqual([]);

      await watcher.close();
      closed = true;
      expect(await chromiumGone(scratch)).toEqual([]);
      expect((await readdir(scratch)).filter((d) => d.startsWith('storybank-chromium-'))).toEqual([]);
    } finally {
      if (!closed) await watcher.close();
    }
  });

  it('keeps working after a failed rebuild (a failure does not jam the queue)', async () => {
    const own = await writeFixture();
    // A file where the output folder should be: every write fails until it is removed.
    await mkdir(join(own, 'out'), { recursive: true });
    await writeFile(join(own, 'out', 'backend'), 'not a folder');
    const watcher = startWatch({ root: own, outDir: 'out', profiles: ['backend'], formats: ['docx'], onEvent: (event) => log.onEvent(event), onDiagnostics: () => undefined });
    try {
      await expect(watcher.ready).rejects.toBeInstanceOf(EnvironmentError);
      await expect(watcher.rebuild('again')).rejects.toBeInstanceOf(EnvironmentError);
      await rm(join(own, 'out', 'backend'));
      expect(await watcher.rebuild('unblocked')).toEqual(['backend']);
      expect((await stat(join(own, 'out', 'backend', 'answer-bank.docx'))).size).toBeGreaterThan(0);
    } finally {
      await watcher.close();
      await rm(own, { recursive: true, force: true });
    }
  });
});
