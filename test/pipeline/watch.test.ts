import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { viewsFor } from '../../src/pipeline/build.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { EnvironmentError } from '../../src/diagnostics.js';
import { startWatch, type Watcher } from '../../src/pipeline/watch.js';
import { formatWatchEvent } from '../../src/cli/format/watch.js';
import { writeFixture } from '../preview/helpers.js';

/**
 * `build --watch` on a temp copy of the sample workspace: one warm browser,
 * only the profiles a change touches are rebuilt, and nothing is left
 * running after close().
 */

const REPO = new URL('../../', import.meta.url).pathname;

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

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
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

describe('build --watch', () => {
  let root: string;
  let scratch: string;
  const savedTmp = process.env.TMPDIR;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'storybank-watch-test-'));
    await cp(join(REPO, 'stories'), join(root, 'stories'), { recursive: true });
    await cp(join(REPO, 'storybank.yml'), join(root, 'storybank.yml'));
    // The browser's profile folder goes under a temp dir of our own, so we can tell its processes apart.
    scratch = await mkdtemp(join(tmpdir(), 'storybank-watch-chromium-'));
    process.env.TMPDIR = scratch;
  });

  afterAll(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await rm(root, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  });

  /** The watcher's log lines, printed when a test fails. */
  let log: string[] = [];
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(`watch log:\n${log.join('\n')}`);
    log = [];
  });

  it('rebuilds only the profiles a story change touches, with one browser, and leaves no process behind', async () => {
    const watcher: Watcher = startWatch({ root, outDir: 'out', onEvent: (event) => log.push(formatWatchEvent(event)), onDiagnostics: () => undefined });
    let closed = false;
    try {
      await watcher.ready;
      const workspace = await loadWorkspace(root);
      const errors = workspace.diagnostics.filter((d) => d.severity === 'error');
      expect(errors, 'the sample workspace (stories/ of the repo) must be valid for this test').toEqual([]);
      const all = workspace.profiles.map((p) => p.name);
      expect(log[0]).toMatch(new RegExp(`^initial build: rebuilt ${all.join(', ')} in \\d+ ms$`));
      const pdf = (profile: string) => join(root, 'out', profile, 'cheatsheet.pdf');
      const before = new Map(await Promise.all(all.map(async (p) => [p, { bytes: await readFile(pdf(p)), mtime: (await stat(pdf(p))).mtimeMs }] as const)));
      // One warm browser for every profile.
      expect(chromiumUnder(scratch).length).toBeGreaterThan(0);

      // A story that some profiles tell and others do not (the pitch story is told everywhere).
      const telling = await profilesTelling(root);
      const [storyId, affected] =
        [...telling].find(([id, names]) => {
          const s = workspace.stories.find((x) => x.id === id)!;
          return names.length < all.length && s.kind === 'star' && !s.questions.includes('about-me');
        }) ?? [];
      expect(storyId, 'the sample workspace should have a story that not every profile tells').toBeDefined();
      const story = workspace.stories.find((s) => s.id === storyId)!;
      const path = join(root, story.file);
      const text = await readFile(path, 'utf8');
      // A new last sentence for the Result: it changes the told answer, not the selection or the cues.
      const result = /^## Result\s*$/im.exec(text)!;
      const next = text.slice(result.index + result[0].length).search(/^## /m);
      const at = next < 0 ? text.length : result.index + result[0].length + next;
      const revised = `${text.slice(0, at).trimEnd()}\n\nAdded in a later revision of this story.\n\n${text.slice(at)}`;
      const mark = log.length;
      await writeFile(path, revised);

      // The file watcher, not a manual call, picks it up.
      const line = await waitFor('the rebuild after the save', () => log.slice(mark).find((l) => l.startsWith('changed ')));
      expect(line).toMatch(new RegExp(`^changed ${story.file}: rebuilt ${[...affected!].sort().join(', ')} in \\d+ ms$`));

      for (const profile of all) {
        const now = await readFile(pdf(profile));
        if (affected!.includes(profile)) expect(Buffer.compare(now, before.get(profile)!.bytes), `${profile} should be rebuilt`).not.toBe(0);
        else expect((await stat(pdf(profile))).mtimeMs, `${profile} should be left alone`).toBe(before.get(profile)!.mtime);
      }

      console.log(`build --watch: ${line}`);

      // Nothing changed since: nothing to rebuild.
      expect(await watcher.rebuild('manual')).toEqual([]);
      expect(log.at(-1)).toMatch(/^manual: nothing to rebuild \(\d+ ms\)$/);

      // Personal notes are never exported, so editing them rebuilds nothing.
      await writeFile(path, /^## Notes\s*$/im.test(revised) ? revised.replace(/^## Notes\s*$/im, '## Notes\n\nA private reminder.\n') : `${revised.trimEnd()}\n\n## Notes\n\nA private reminder.\n`);
      expect(await watcher.rebuild('notes')).toEqual([]);

      // A broken story is reported and waited out; fixing it back needs no rebuild (the outputs are current).
      await writeFile(path, revised.replace(/^title: .*$/m, 'title: [unclosed'));
      expect(await watcher.rebuild('broken')).toEqual([]);
      expect(log.some((l) => /^broken: \d+ errors? in the workspace; nothing was built; waiting for the next change$/.test(l)), log.join('\n')).toBe(true);
      await writeFile(path, revised);
      expect(await watcher.rebuild('fixed')).toEqual([]);

      await watcher.close();
      closed = true;
      await waitFor('Chromium to exit', () => (chromiumUnder(scratch).length === 0 ? true : undefined), 10_000);
      expect(chromiumUnder(scratch)).toEqual([]);
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
    const watcher = startWatch({ root: own, outDir: 'out', profiles: ['backend'], formats: ['docx'], onEvent: (event) => log.push(formatWatchEvent(event)), onDiagnostics: () => undefined });
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
