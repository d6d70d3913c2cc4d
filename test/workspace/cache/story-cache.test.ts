import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { viewsFor } from '../../../src/pipeline/build.js';
import { lintWorkspace } from '../../../src/plan/lint.js';
import { renderAnswerBankDocx } from '../../../src/render/docx/document.js';
import { renderCheatSheetHtml } from '../../../src/render/html/cheatsheet.js';
import { loadTemplates } from '../../../src/render/templates.js';
import { cacheDir, identityOf, openStoryCache, saveStoryCache } from '../../../src/workspace/cache/cache-file.js';
import { readWorkspaceFiles } from '../../../src/workspace/files.js';
import { StoryCache, type CachedStoryFile } from '../../../src/workspace/cache/story-cache.js';
import type { WorkspaceFile } from '../../../src/workspace/layout.js';
import { parseWorkspace, type Workspace } from '../../../src/workspace/parse.js';
import { memoryFiles, star } from '../../helpers/memory.js';

/**
 * Fault injection for the cache file's writes: root ignores folder
 * permissions, so "a folder we may not write to" is simulated by openSync
 * refusing, as the kernel would for a normal user, every file opened for
 * writing below `denyWritesUnder`.
 */
const faults = vi.hoisted(() => ({ denyWritesUnder: undefined as string | undefined, denied: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync = ((path: import('node:fs').PathLike, flags?: import('node:fs').OpenMode, mode?: import('node:fs').Mode) => {
    const dir = faults.denyWritesUnder;
    if (dir && String(path).startsWith(dir) && /[wa+]/.test(String(flags ?? 'r'))) {
      faults.denied++;
      throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: String(path) });
    }
    return fs.openSync(path, flags ?? 'r', mode);
  }) as typeof fs.openSync;
  return { ...fs, openSync, default: { ...fs, openSync } };
});

/** Realistic workspaces of our own: answers, angles, a pitch, metrics, two profiles each. */
const fixture = (name: 'basic' | 'full') => fileURLToPath(new URL(`../../fixtures/${name}/`, import.meta.url));
const now = new Date('2026-01-15T12:00:00Z');

/** Stories that exercise every kind of result: problems, drafts, answers, lessons, notes, unknown ids. */
const TRICKY: Record<string, string> = {
  'stories/profiles/p.md': '---\nrole: R\nquestions: [failure, tell-me-about-yourself, conflict-teammate]\ninclude_tags: [nosuchtag]\n---\nPitch.\n',
  'stories/ok.md': star('title: Fine\nquestions: [failure, not-a-question]\ncompetencies: [ownership, nonsense]\nangles: { failurr: "x" }\nextra_key: [1, "two", { three: true }]'),
  'stories/we.md': star('title: Team\nquestions: [conflict-teammate]', { Action: 'We did it, we shipped, our team and we won.', Result: 'It went well.' }),
  'stories/draft.md': '---\ntitle: Draft\ndraft: true\n---\n## Situation\nOnly this.\n',
  'stories/broken-yaml.md': '---\ntitle: [unclosed\n---\n## Situation\nx\n',
  'stories/missing.md': '---\ntitle: Missing\nquestions: [failure]\n---\nPreamble text.\n## Situation\nS.\n## Results\n**Cut** costs by [40%](https://example.com).\n## Lessons\nLearned.\n## Notes\nPrivate notes.\n## Situaton\ntypo\n',
  'stories/answer.md': '---\ntitle: Me\nkind: answer\nquestions: [tell-me-about-yourself]\n---\nI build things.\n\n- one\n- two\n\n## Notes\nn\n',
  'stories/dup.md': star('title: Fine\nquestions: [failure]'),
  'stories/sub/dup.md': star('title: Dup id\nquestions: [failure]'),
  'stories/infinite.md': star('title: Odd YAML\nquestions: [failure]\nscore: .inf'),
};

function parse(files: WorkspaceFile[], cache?: StoryCache): Workspace {
  return parseWorkspace(files, { cache });
}

/** Everything a caller can see of a workspace, trees included (cached stories build them on demand). */
function visible(ws: Workspace): unknown {
  return JSON.parse(
    JSON.stringify({ stories: ws.stories.map(({ at: _at, ...rest }) => rest), diagnostics: ws.diagnostics, lint: lintWorkspace(ws) }),
  );
}

function fixtureFiles(name: 'basic' | 'full'): Promise<WorkspaceFile[]> {
  return readWorkspaceFiles(fixture(name));
}

describe('story cache', () => {
  it('gives exactly what parsing gives: stories, trees, diagnostics and their positions', async () => {
    for (const files of [memoryFiles(TRICKY), await fixtureFiles('basic'), await fixtureFiles('full')]) {
      const plain = parse(files);
      const first = new StoryCache('salt');
      expect(visible(parse(files, first))).toEqual(visible(plain));
      // The next run revives every story from entries that went through JSON, as on disk.
      const stored = new Map(JSON.parse(JSON.stringify([...first.entriesInUse()])) as [string, CachedStoryFile][]);
      const second = new StoryCache('salt', stored);
      const revived = parse(files, second);
      expect(second.misses).toBe(files.some((f) => f.path === 'stories/infinite.md') ? 1 : 0);
      // Every story parsed the first time is revived, except the one JSON cannot hold.
      expect(second.hits).toBe(first.misses - second.misses);
      expect(second.hits).toBeGreaterThanOrEqual(4);
      expect(visible(revived)).toEqual(visible(plain));
      expect(second.changed).toBe(false);
    }
  });

  it('finds YAML positions for later warnings only when asked, and right', () => {
    const files = memoryFiles(TRICKY);
    const first = new StoryCache('salt');
    parse(files, first);
    const revived = parse(files, new StoryCache('salt', first.entriesInUse()));
    const plain = parse(files);
    for (const id of ['ok', 'we', 'missing', 'answer']) {
      const a = revived.stories.find((s) => s.id === id)!;
      const b = plain.stories.find((s) => s.id === id)!;
      for (const key of ['title', 'questions', 'draft', 'nope']) expect(a.at.key(key)).toEqual(b.at.key(key));
      expect(a.at.node(['questions', 1])).toEqual(b.at.node(['questions', 1]));
      for (const key of ['situation', 'result', 'lessons', 'notes', 'action'] as const) expect(a.at.section(key)).toEqual(b.at.section(key));
    }
  });

  it('re-parses only the files that changed, and forgets deleted ones', () => {
    const files = memoryFiles(TRICKY);
    const first = new StoryCache('salt');
    parse(files, first);
    const editedTree = { ...TRICKY, 'stories/ok.md': star('title: Fine, edited\nquestions: [failure]') };
    const edited = memoryFiles(editedTree);
    const second = new StoryCache('salt', first.entriesInUse());
    const ws = parse(edited, second);
    expect(second.misses).toBe(2); // the edited story, and the one JSON cannot hold
    expect(ws.stories.find((s) => s.id === 'ok')!.title).toBe('Fine, edited');
    expect(second.changed).toBe(true);

    const { 'stories/we.md': _gone, ...rest } = editedTree as Record<string, string>;
    const third = new StoryCache('salt', second.entriesInUse());
    parse(memoryFiles(rest), third);
    expect(third.misses).toBe(1);
    expect(third.changed).toBe(true);
    expect(third.entriesInUse().size).toBe(second.entriesInUse().size - 1);
  });

  it('never uses entries made by other code (another salt)', () => {
    const files = memoryFiles(TRICKY);
    const first = new StoryCache('build-1');
    parse(files, first);
    const other = new StoryCache('build-2', first.entriesInUse());
    parse(files, other);
    expect(other.hits).toBe(0);
  });

  it('an entry of the wrong shape, or made from other text, is a miss: parsed again, never a crash', () => {
    const files = memoryFiles(TRICKY);
    const first = new StoryCache('salt');
    parse(files, first);
    const stored = JSON.parse(JSON.stringify([...first.entriesInUse()])) as [string, CachedStoryFile][];
    const damage: ((e: Record<string, any>) => unknown)[] = [
      (e) => ({ ...e, parsed: { ...e.parsed, story: e.parsed?.story && { ...e.parsed.story, sections: 3 } } }),
      (e) => ({ ...e, parsed: { ...e.parsed, story: e.parsed?.story && { ...e.parsed.story, cueLines: [1, 2] } } }),
      (e) => ({ ...e, diagnostics: 'none' }),
      (e) => ({ ...e, parsed: { ...e.parsed, story: e.parsed?.story && { ...e.parsed.story, sneaky: true } } }),
      (e) => ({ ...e, source: 'hash of some other text' }),
      () => null,
      () => 'x',
    ];
    const plain = visible(parse(files));
    for (const change of damage) {
      const cache = new StoryCache('salt', new Map(stored.map(([k, e]) => [k, change(e as Record<string, any>)])));
      expect(visible(parse(files, cache))).toEqual(plain);
      expect(cache.hits).toBe(0);
    }
  });

  it('privacy comes from the file, never from the entry: a hand-edited entry cannot make a private story public', () => {
    const files = memoryFiles({
      'stories/secret.md': star('title: Health leave\nquestions: [failure]\nprivate: true'),
      // YAML escapes can spell the key too ("\x70" is "p").
      'stories/escaped.md': star('title: Other leave\nquestions: [failure]\n"\\x70rivate": true'),
      'stories/open.md': star('title: Launch\nquestions: [failure]'),
    });
    const first = new StoryCache('salt');
    parse(files, first);
    const edited = new Map(
      [...first.entriesInUse()].map(([k, e]) => [k, { ...e, parsed: e.parsed && { ...e.parsed, story: e.parsed?.story && { ...e.parsed.story, private: false } } }]),
    );
    const cache = new StoryCache('salt', edited);
    const ws = parse(files, cache);
    expect(cache.hits).toBe(3);
    expect(Object.fromEntries(ws.stories.map((s) => [s.id, s.private]))).toEqual({ secret: true, escaped: true, open: false });
  });

  it('a revived story renders the same cheat sheet and byte-identical answer bank', async () => {
    const files = await fixtureFiles('full');
    const first = new StoryCache('salt');
    parse(files, first);
    const revived = parse(files, new StoryCache('salt', first.entriesInUse()));
    const plain = parse(files);
    const templates = await loadTemplates(fixture('full'));
    for (const profile of plain.profiles) {
      const a = viewsFor(plain, profile, { now });
      const b = viewsFor(revived, revived.profiles.find((p) => p.name === profile.name)!, { now });
      expect(renderCheatSheetHtml(b.cheatSheet.model, templates)).toBe(renderCheatSheetHtml(a.cheatSheet.model, templates));
      expect((await renderAnswerBankDocx(b.answerBank.model)).equals(await renderAnswerBankDocx(a.answerBank.model))).toBe(true);
    }
  });
});

describe('story cache file', () => {
  const dirs: string[] = [];
  const temp = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function workspaceDir(): string {
    const root = temp('storybank-cache-ws-');
    mkdirSync(join(root, 'stories', 'profiles'), { recursive: true });
    for (const [path, text] of Object.entries(TRICKY)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('keeps entries between runs in one owner-only file per workspace', async () => {
    const env = { STORYBANK_CACHE_DIR: temp('storybank-cache-') };
    const root = workspaceDir();
    const files = await readWorkspaceFiles(root);
    const first = openStoryCache(root, env)!;
    parse(files, first.cache);
    saveStoryCache(first);
    expect(readdirSync(env.STORYBANK_CACHE_DIR)).toEqual([first.path.slice(env.STORYBANK_CACHE_DIR.length + 1)]);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);

    const second = openStoryCache(root, env)!;
    const ws = parse(files, second.cache);
    expect(second.cache.misses).toBe(1); // stories/infinite.md
    expect(visible(ws)).toEqual(visible(parse(files)));

    // Another workspace has its own file.
    const other = workspaceDir();
    const third = openStoryCache(other, env)!;
    expect(third.path).not.toBe(first.path);
  });

  it('treats a corrupt or foreign cache as empty, and an unwritable one as absent', async () => {
    const dir = temp('storybank-cache-');
    const env = { STORYBANK_CACHE_DIR: dir };
    const root = workspaceDir();
    const files = await readWorkspaceFiles(root);
    const good = openStoryCache(root, env)!;
    parse(files, good.cache);
    saveStoryCache(good);
    const valid = JSON.parse(readFileSync(good.path, 'utf8')) as { salt: string; workspace: string; entries: unknown[] };
    expect(valid.entries.length).toBeGreaterThan(5);
    const again = openStoryCache(root, env)!;
    parse(files, again.cache);
    expect(again.cache.hits).toBeGreaterThan(5); // it reads back
    expect(again.cache.changed).toBe(false);
    // The same entries, written by other code or for another folder, or damaged: none is used.
    for (const junk of [
      '{not json',
      '[]',
      'null',
      JSON.stringify({ ...valid, salt: 'other build' }),
      JSON.stringify({ ...valid, workspace: '/somewhere/else' }),
      JSON.stringify({ ...valid, format: 0 }),
    ]) {
      writeFileSync(good.path, junk);
      const store = openStoryCache(root, env)!;
      expect(visible(parse(files, store.cache))).toEqual(visible(parse(files)));
      expect(store.cache.hits).toBe(0);
    }
    // Writing fails at each step in turn (the folder, the temp file, the rename): the run goes on
    // without a cache, and nothing is left behind, not even a temp file.
    const blocked = join(temp('storybank-cache-'), 'file');
    writeFileSync(blocked, 'x');
    const readOnly = temp('storybank-cache-');
    const renameFails = temp('storybank-cache-');
    for (const [dir, fault] of [[blocked, undefined], [readOnly, 'deny-writes'], [renameFails, 'path-is-a-folder']] as const) {
      const store = openStoryCache(root, { STORYBANK_CACHE_DIR: dir })!;
      parse(files, store.cache);
      if (fault === 'path-is-a-folder') mkdirSync(join(store.path, 'in-the-way'), { recursive: true });
      faults.denyWritesUnder = fault === 'deny-writes' ? dir : undefined;
      try {
        expect(saveStoryCache(store)).toBeUndefined();
      } finally {
        faults.denyWritesUnder = undefined;
      }
      expect(faults.denied, dir).toBe(fault === 'deny-writes' ? 1 : 0);
      faults.denied = 0;
      const left = dir === blocked ? readFileSync(blocked, 'utf8') : readdirSync(dir, { recursive: true });
      expect(left, dir).toEqual(dir === blocked ? 'x' : fault === 'path-is-a-folder' ? [basename(store.path), join(basename(store.path), 'in-the-way')] : []);
      expect(openStoryCache(root, { STORYBANK_CACHE_DIR: dir })?.cache.hits, dir).toBe(0);
    }
    // The positive control: the same steps without a fault write the cache.
    const writable = temp('storybank-cache-');
    const store = openStoryCache(root, { STORYBANK_CACHE_DIR: writable })!;
    parse(files, store.cache);
    saveStoryCache(store);
    expect(readdirSync(writable)).toEqual([basename(store.path)]);
  });

  it('has no cache rather than failing when there is nowhere to keep one', async () => {
    const root = workspaceDir();
    // No STORYBANK_CACHE_DIR, a relative XDG_CACHE_HOME (ignored, as the XDG spec says): the home folder's.
    expect(cacheDir({ XDG_CACHE_HOME: 'relative/cache' })).toBe(cacheDir({}));
    expect(cacheDir({ XDG_CACHE_HOME: '/abs/cache' })).toBe(process.platform === 'linux' ? '/abs/cache/storybank' : cacheDir({ XDG_CACHE_HOME: '/abs/cache' }));
    expect(() => saveStoryCache(undefined)).not.toThrow();
    expect(openStoryCache(root, { STORYBANK_CACHE_DIR: join(root, 'stories', 'ok.md', 'below-a-file') })?.cache.hits).toBe(0);
  });

  it.runIf(process.platform === 'linux')('a cache folder under /proc, or a FIFO in place of the cache file, means no cache at once', async () => {
    const root = workspaceDir();
    const files = await readWorkspaceFiles(root);
    // Node's recursive mkdir never returns on /proc/nope; the cache must not use it.
    const proc = openStoryCache(root, { STORYBANK_CACHE_DIR: '/proc/nope' })!;
    parse(files, proc.cache);
    expect(() => saveStoryCache(proc)).not.toThrow();
    expect(existsSync('/proc/nope')).toBe(false);

    const dir = temp('storybank-cache-');
    const path = openStoryCache(root, { STORYBANK_CACHE_DIR: dir })!.path;
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    const fifo = openStoryCache(root, { STORYBANK_CACHE_DIR: dir })!;
    expect(fifo.cache.hits).toBe(0);
    expect(visible(parse(files, fifo.cache))).toEqual(visible(parse(files)));
  });

  it('is keyed to the code: any change to a code file or a dependency gives another salt', () => {
    const code = temp('storybank-code-');
    mkdirSync(join(code, 'stories'));
    writeFileSync(join(code, 'cli.js'), 'one');
    writeFileSync(join(code, 'stories', 'story.js'), 'two');
    writeFileSync(join(code, 'types.d.ts'), 'ignored');
    const base = identityOf([code], ['deps A']);
    expect(identityOf([code], ['deps A'])).toBe(base);
    expect(identityOf([code], ['deps B'])).not.toBe(base);
    writeFileSync(join(code, 'types.d.ts'), 'still ignored');
    expect(identityOf([code], ['deps A'])).toBe(base);
    writeFileSync(join(code, 'stories', 'story.js'), 'two, edited');
    expect(identityOf([code], ['deps A'])).not.toBe(base);
  });

  it('prunes the caches of workspaces unused for two months', async () => {
    const dir = temp('storybank-cache-');
    const stale = join(dir, 'stories-0123456789abcdef.json');
    const fresh = join(dir, 'stories-fedcba9876543210.json');
    const unrelated = join(dir, 'keep-me.txt');
    for (const f of [stale, fresh, unrelated]) writeFileSync(f, '{}');
    const old = new Date(Date.now() - 61 * 24 * 3600 * 1000);
    utimesSync(stale, old, old);
    utimesSync(unrelated, old, old);
    const root = workspaceDir();
    const store = openStoryCache(root, { STORYBANK_CACHE_DIR: dir })!;
    parse(await readWorkspaceFiles(root), store.cache);
    saveStoryCache(store);
    expect(readdirSync(dir).sort()).toEqual([store.path.slice(dir.length + 1), 'keep-me.txt', 'stories-fedcba9876543210.json'].sort());
  });
});
