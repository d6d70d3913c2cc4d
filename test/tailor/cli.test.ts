import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, copyFixture, makeWorkspace, removeAllWorkspaces, REPO_ROOT, runCli, type TempWorkspace } from '../helpers/workspace.js';
import { hasPoppler, pdfPages } from '../reliability/outputs.js';
import { readPosting } from '../../src/tailor/read.js';
import { tailorProfile, writeTailoredProfile } from '../../src/tailor/tailor.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { corpus, POSTINGS } from './corpus.js';

/** `profile new` and `match` as a user runs them, in a copy of the sample workspace. */

afterAll(removeAllWorkspaces);

async function sampleWorkspace(): Promise<TempWorkspace> {
  const ws = await makeWorkspace({}, 'storybank-tailor-');
  await cp(join(REPO_ROOT, 'stories'), ws.path('stories'), { recursive: true });
  await cp(join(REPO_ROOT, 'storybank.yml'), ws.path('storybank.yml'));
  return ws;
}

const postings = corpus();
const readable = postings.filter((p) => !p.expect.behaviour);
const profileName = (file: string) => `job-${file.replace(/\.\w+$/, '')}`;

describe('storybank profile new', () => {
  it('writes a profile for every posting of the corpus, and check passes on all of them', async () => {
    const ws = await sampleWorkspace();
    // One posting through the command line; the rest through the same functions, in process, to spare a process each.
    const [first, ...rest] = readable;
    const r = await runCli(['--dir', ws.dir, 'profile', 'new', profileName(first!.name), '--from', first!.file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Wrote stories/profiles/${profileName(first!.name)}.md from `);
    expect(r.stdout.split('\n')[0]).toContain(first!.name);
    expect(r.stdout).toMatch(/Questions \((8|9|10|11|12)\) and the story that answers each today/);
    const workspace = await loadWorkspace(ws.dir);
    for (const p of rest) {
      const tailored = tailorProfile(readPosting(p.bytes, p.name), p.name, profileName(p.name), workspace);
      expect(tailored.questions.length).toBeGreaterThanOrEqual(8);
      expect(tailored.questions.length).toBeLessThanOrEqual(12);
      expect(tailored.ask.length).toBeGreaterThanOrEqual(2);
      expect(tailored.ask.length).toBeLessThanOrEqual(4);
      await writeTailoredProfile(ws.dir, tailored);
    }
    expect((await ws.list('stories/profiles')).filter((f) => f.includes('/job-'))).toHaveLength(readable.length);
    const check = await runCli(['--dir', ws.dir, 'check', '--json']);
    expect(check.code).toBe(0);
    const diagnostics = JSON.parse(check.stdout) as { file: string; severity: string; rule: string }[];
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The agency posting names no employer: its placeholder is flagged, and no other profile's is.
    const placeholders = diagnostics.filter((d) => d.rule === 'placeholder-company' || d.rule === 'placeholder-role').map((d) => `${d.file} ${d.rule}`);
    expect(placeholders).toEqual(['stories/profiles/job-accountant.md placeholder-company']);
  });

  it('writes the same bytes for the same posting, and never overwrites', async () => {
    const [a, b] = [await sampleWorkspace(), await sampleWorkspace()];
    const posting = join(POSTINGS, 'product-designer.html');
    for (const ws of [a, b]) expect((await runCli(['--dir', ws.dir, 'profile', 'new', 'tandem', '--from', posting])).code).toBe(0);
    const first = await a.read('stories/profiles/tandem.md');
    expect(first.equals(await b.read('stories/profiles/tandem.md'))).toBe(true);
    await writeFile(a.path('stories/profiles/tandem.md'), 'mine');
    const again = await runCli(['--dir', a.dir, 'profile', 'new', 'tandem', '--from', posting]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('stories/profiles/tandem.md exists already, and profile new never overwrites a profile; nothing was written');
    expect((await a.read('stories/profiles/tandem.md')).toString()).toBe('mine');
  });

  it('flags a placeholder employer in the summary', async () => {
    const ws = await sampleWorkspace();
    const r = await runCli(['--dir', ws.dir, 'profile', 'new', 'finance', '--from', join(POSTINGS, 'accountant.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Financial Accountant @ Company (fill in)');
    expect(r.stdout).toContain('warning: the posting comes from a recruitment agency (Harbour & Finch) and does not name its client; company is a placeholder');
    const text = (await ws.read('stories/profiles/finance.md')).toString();
    // The agency is named as the poster, never as the employer.
    expect(text).toMatch(/^company: Company \(fill in\) +# posted by Harbour & Finch \(a recruitment agency\)/m);
  });

  it('reads the posting from standard input with --from -', async () => {
    const ws = await sampleWorkspace();
    const input = await readFile(join(POSTINGS, 'teacher.md'));
    const out = execFileSync(process.execPath, [CLI, '--dir', ws.dir, 'profile', 'new', 'kingsmead', '--from', '-'], { input, env: { ...process.env, NO_COLOR: '1' } }).toString();
    expect(out).toContain('from standard input');
    const text = (await ws.read('stories/profiles/kingsmead.md')).toString();
    expect(text).toContain('role: Teacher of Mathematics');
    expect(text).toContain('company: Kingsmead Academy');
  });

  it.skipIf(!hasPoppler)('builds a generated profile into a one-page cheat sheet', async () => {
    const ws = await sampleWorkspace();
    expect((await runCli(['--dir', ws.dir, 'profile', 'new', 'orbit', '--from', join(POSTINGS, 'engineering-manager.txt')])).code).toBe(0);
    const build = await runCli(['--dir', ws.dir, 'build', '--profile', 'orbit', '--format', 'pdf']);
    expect(build.code, build.stderr).toBe(0);
    expect(pdfPages(ws.path('out/orbit/cheatsheet.pdf'))).toBe(1);
  });
});

describe('profile new on postings it cannot use', () => {
  const refused = async (files: Record<string, string | Uint8Array>, posting: string) => {
    const ws = await sampleWorkspace();
    for (const [rel, content] of Object.entries(files)) await ws.write(rel, content);
    const r = await runCli(['--dir', ws.dir, 'profile', 'new', 'x', '--from', ws.path(posting)]);
    expect(await ws.list('stories/profiles')).not.toContain('stories/profiles/x.md');
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    return r;
  };

  it('an empty posting: exit 1, nothing written', async () => {
    const r = await refused({ 'empty.txt': ' \n\n' }, 'empty.txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('empty.txt is empty');
  });

  it('a binary file: exit 1, nothing written', async () => {
    const r = await refused({ 'posting.html': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, 'posting.html');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('this looks like a binary file, not a job posting');
  });

  it('a file over 1 MB: exit 1, nothing written', async () => {
    const r = await refused({ 'huge.txt': 'Senior Engineer\n'.repeat(70_000) }, 'huge.txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/huge\.txt is 1\.1 MB; a job posting is under 1 MB/);
  });

  it('a PDF: says which formats it reads', async () => {
    const r = await refused({ 'posting.pdf': '%PDF-1.7\n' }, 'posting.pdf');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('storybank reads postings as .txt, .md or .html');
  });

  it('a posting in another language: only English is understood', async () => {
    const de = postings.find((p) => p.expect.behaviour === 'only-english')!;
    const ws = await sampleWorkspace();
    const german = await runCli(['--dir', ws.dir, 'profile', 'new', 'x', '--from', de.file]);
    expect(german.code).toBe(1);
    expect(german.stderr).toMatch(/does not look like English .* storybank only understands English postings/);
    expect(await ws.list('stories/profiles')).not.toContain('stories/profiles/x.md');
  });

  it('a posting in which nothing matches: the questions asked everywhere, and a warning', async () => {
    const small = postings.find((p) => p.expect.behaviour === 'nothing-matches')!;
    const ws = await sampleWorkspace();
    const r = await runCli(['--dir', ws.dir, 'profile', 'new', 'walks', '--from', small.file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning: nothing in the posting matched the competency lexicon');
    const text = (await ws.read('stories/profiles/walks.md')).toString();
    expect(text).toContain('emphasis: {}');
    expect(text).toMatch(/questions:\n {2}- about-me .*\n {2}- hardest-project .*\n {2}- proudest .*\n {2}- conflict-teammate .*\n {2}- tight-deadline .*\n {2}- failure /);
    expect((await runCli(['--dir', ws.dir, 'check'])).code).toBe(0);
  });
});

describe('storybank match', () => {
  it('shows each ask with its lines and stories, what to write next, and the coverage', async () => {
    const ws = await sampleWorkspace();
    const r = await runCli(['--dir', ws.dir, 'match', join(POSTINGS, 'sre-platform.html')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Senior Site Reliability Engineer @ Northwind Health');
    expect(r.stdout).toMatch(/reliability ×3 .*\n +l\. 70 +"Own the reliability of our clinical messaging platform"/);
    expect(r.stdout).toMatch(/Coverage: \d+% of what the posting asks \(\d+ of \d+ weight points have a story\)/);
    const json = JSON.parse((await runCli(['--dir', ws.dir, 'match', join(POSTINGS, 'sre-platform.html'), '--json'])).stdout);
    const reliability = json.asks.find((a: { id: string }) => a.id === 'reliability');
    expect(reliability.stories).toContain('supplier-ingestion-platform');
    expect(json.coverage.share).toBeGreaterThan(0);
    expect(json.coverage.share).toBeLessThanOrEqual(1);
    for (const id of json.missing) {
      expect(json.asks.find((a: { id: string }) => a.id === id).stories).toEqual([]);
      expect(r.stdout).toContain(`  ${id} ×`);
    }
  });

  it('names what to write when no story shows an ask', async () => {
    // A front-end engineer's stories against an SRE posting: capacity planning is missing.
    const ws = await copyFixture('basic');
    const r = await runCli(['--dir', ws.dir, 'match', join(POSTINGS, 'sre-platform.html')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Write next: \d+ competenc(y|ies) no story shows\n {2}scalability ×2: a story for "Tell me about a time you had to make a system handle more load\." \[scaling-challenge\]/);
    const json = JSON.parse((await runCli(['--dir', ws.dir, 'match', join(POSTINGS, 'sre-platform.html'), '--json'])).stdout);
    expect(json.missing).toContain('scalability');
    expect(json.coverage.share).toBeLessThan(1);
  });

  it('compares the posting with a profile', async () => {
    const ws = await sampleWorkspace();
    const r = await runCli(['--dir', ws.dir, 'match', join(POSTINGS, 'backend-engineer.md'), '--profile', 'senior-backend']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Compared with profile senior-backend (Senior Backend Engineer)');
    expect(r.stdout).toMatch(/technical-judgment +3 +— +asked, not emphasised/);
    expect(r.stdout).toMatch(/scalability +\S+ +3/);
  });
});
