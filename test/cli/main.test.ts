import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/workspace.js';

/** The CLI as a user runs it: the built dist/bin/storybank.js in a child process. */
const cliPath = builtCli();
const fixture = fileURLToPath(new URL('../fixtures/basic', import.meta.url));
const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?/;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspaceCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'storybank-cli-'));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

describe('storybank CLI', () => {
  it('STORYBANK_TRACE=1 prints the phases of a build in the order they happened, DOCX included', () => {
    const dir = workspaceCopy();
    const r = run(['build', '--dir', dir, '--out', join(dir, 'out'), '-q'], { STORYBANK_TRACE: '1' });
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('trace '));
    const labels = lines.map((l) => l.replace(/^trace\s+\d+ ms\s+\+\d+\s+/, ''));
    for (const phase of ['node started, CLI loaded', 'browser: up', 'pdf: content set', 'files in place', 'done']) expect(labels).toContain(phase);
    expect(labels.some((l) => /: DOCX built$/.test(l))).toBe(true);
    expect(labels.some((l) => /^pdf: fitted \(scale [\d.]+, \d columns\)$/.test(l))).toBe(true);
    const times = lines.map((l) => Number(/^trace\s+(\d+) ms/.exec(l)![1]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Off by default.
    expect(run(['check', '--dir', dir]).stderr).not.toMatch(/^trace /m);
  });

  it('prints its version and help', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['build', 'check', 'plan', 'list', 'new', 'init', 'import', 'preview', 'drill', 'questions']) {
      expect(help.stdout).toContain(command);
    }
  });

  it('exits 1 on usage errors without a stack trace', () => {
    for (const args of [[], ['frobnicate'], ['build', '--format', 'gif'], ['build', '--paper', 'a3'], ['plan', '--profile', 'nope']]) {
      const r = run(['--dir', fixture, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    expect(run(['--dir', fixture, 'plan', '--profile', 'frontend-led']).stderr).toContain('did you mean "frontend-lead"');
  });

  it('check exits 0 on a valid workspace and 1 with file:line:col on a broken story', () => {
    const dir = workspaceCopy();
    expect(run(['--dir', dir, 'check']).code).toBe(0);
    writeFileSync(join(dir, 'stories', 'broken.md'), '---\ntitle: Broken\nyear: soon\n---\n## Situation\nS\n');
    const r = run(['--dir', dir, 'check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stories/broken.md:3:7: error: "year" must be a number');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const json = run(['--dir', dir, 'check', '--json']);
    expect(json.code).toBe(1);
    const diagnostics = JSON.parse(json.stdout) as { file: string; line: number; column: number; severity: string; rule: string }[];
    expect(diagnostics).toContainEqual(expect.objectContaining({ file: 'stories/broken.md', line: 3, column: 7, severity: 'error', rule: 'front-matter-invalid' }));
  });

  it('check reuses stories parsed by the last run, notices edits, and --no-cache skips the cache', () => {
    const dir = workspaceCopy();
    const cache = mkdtempSync(join(tmpdir(), 'storybank-cli-cache-'));
    const env = { STORYBANK_CACHE_DIR: cache };
    const first = run(['--dir', dir, 'check', '--json'], env);
    expect(first.code).toBe(0);
    const files = readdirSync(cache);
    expect(files).toHaveLength(1);
    const stored = readFileSync(join(cache, files[0]!), 'utf8');
    expect(run(['--dir', dir, 'check', '--json'], env)).toEqual(first);
    // An unchanged workspace leaves the cache as it was.
    expect(readFileSync(join(cache, files[0]!), 'utf8')).toBe(stored);
    // An edited story is parsed again: its new problem shows.
    const story = readdirSync(join(dir, 'stories')).find((f) => f.endsWith('.md'))!;
    const path = join(dir, 'stories', story);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title:.*$/m, 'title: ""'));
    const edited = run(['--dir', dir, 'check'], env);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(new RegExp(`stories/${story}:\\d+:\\d+: error: "title" must not be empty`));
    expect(readFileSync(join(cache, files[0]!), 'utf8')).not.toBe(stored);
    // Without the cache: the same answer, and nothing read or written.
    const off = mkdtempSync(join(tmpdir(), 'storybank-cli-cache-'));
    expect(run(['--dir', dir, 'check', '--no-cache'], { STORYBANK_CACHE_DIR: off })).toEqual(edited);
    expect(run(['--dir', dir, 'check'], { STORYBANK_CACHE_DIR: off, STORYBANK_CACHE: 'off' })).toEqual(edited);
    expect(readdirSync(off)).toEqual([]);
  });

  it('build writes nothing when the workspace has errors', () => {
    const dir = workspaceCopy();
    writeFileSync(join(dir, 'stories', 'profiles', 'bad.md'), '---\nrole: R\nquestions: [no-such-question]\n---\n');
    const r = run(['--dir', dir, 'build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stories/profiles/bad.md:3:13: error: unknown question id "no-such-question"');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('build writes a PDF and a DOCX per profile and exits 0', () => {
    const dir = workspaceCopy();
    const r = run(['--dir', dir, 'build']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    for (const profile of ['frontend-lead', 'ic']) {
      expect(readFileSync(join(dir, 'out', profile, 'cheatsheet.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(join(dir, 'out', profile, 'answer-bank.docx')).subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('exits 2 with an install hint when no browser can be found', () => {
    const r = run(['--dir', fixture, 'build', '--out', mkdtempSync(join(tmpdir(), 'storybank-out-'))], {
      PATH: '/nonexistent',
      HOME: mkdtempSync(join(tmpdir(), 'storybank-home-')),
      PUPPETEER_EXECUTABLE_PATH: '',
      CHROME_PATH: '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no Chrome or Chromium browser found');
    expect(r.stderr).toContain('apt-get install -y chromium');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const explicit = run(['--dir', fixture, 'build', '--browser', '/no/such/chrome']);
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toContain('/no/such/chrome');
  });

  it('plan prints picks with reasons, and JSON with --json', () => {
    const text = run(['--dir', fixture, 'plan', '--profile', 'frontend-lead']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('→ Rolling out a shared design system (design-system)  score 1030: lists leadership +1000, leadership ×3 +30');
    const json = JSON.parse(run(['--dir', fixture, 'plan', '--profile', 'frontend-lead', '--json']).stdout) as {
      assignments: { question: { id: string }; story: { id: string } | null }[];
    };
    expect(json.assignments.map((a) => `${a.question.id}=${a.story?.id}`)).toEqual([
      'about-me=pitch',
      'leadership=design-system',
      'production-incident=checkout-outage',
      'accessibility=screen-reader',
      'mentoring=design-system',
    ]);
  });

  it('plan --cues shows where each cue line came from, and a gap names the private story and --include-private', () => {
    const plain = fileURLToPath(new URL('../fixtures/plain', import.meta.url));
    const r = run(['--dir', plain, 'plan', '--profile', 'crowded', '--cues']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('        • Median alert lag went from 4.1h to 1.3h\n          ← Result: “Two units switched to charting vitals at the bedside on the rovers; median alert lag went from 4.1h to 1.3h.”');
    expect(r.stdout).toContain('→ GAP: only private stories answer this: dealbreakers (private); run with --include-private to use private stories');
    expect(r.stdout).toContain('→ GAP: only draft stories answer this: pilot-mistake (draft)');
    // --verbose shows them too; without either, plan stays short.
    expect(run(['--dir', plain, '--verbose', 'plan', '--profile', 'crowded']).stdout).toContain('← Result:');
    expect(run(['--dir', plain, 'plan', '--profile', 'crowded']).stdout).not.toContain('← Result:');
    const json = JSON.parse(run(['--dir', plain, 'plan', '--profile', 'sparse', '--json', '--cues']).stdout) as {
      assignments: { cues: { text: string; section: string; sentence: string; why: string }[] }[];
    };
    expect(json.assignments[1]!.cues[3]).toMatchObject({ text: 'Median alert lag went from 4.1h to 1.3h', section: 'Result' });
  });

  it('build --format txt writes answer-bank.txt alone', () => {
    const dir = workspaceCopy();
    const r = run(['--dir', dir, 'build', '--profile', 'ic', '--format', 'txt']);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out', 'ic'))).toEqual(['answer-bank.txt']);
    const txt = readFileSync(join(dir, 'out', 'ic', 'answer-bank.txt'), 'utf8');
    expect(txt).toContain('\n\n\n1. Tell me about a project that went wrong.\n\nCheckout outage on Black Friday (2022)\n\nSituation\nOn Black Friday');
    expect(txt).not.toMatch(/\*\*|^#/m);
  });

  it('list filters by tag and competency', () => {
    const all = JSON.parse(run(['--dir', fixture, 'list', '--json']).stdout) as { id: string }[];
    expect(all.map((s) => s.id)).toEqual(['checkout-outage', 'design-system', 'pitch', 'screen-reader']);
    const a11y = JSON.parse(run(['--dir', fixture, 'list', '--tag', 'a11y', '--json']).stdout) as { id: string }[];
    expect(a11y.map((s) => s.id)).toEqual(['screen-reader']);
    const rel = JSON.parse(run(['--dir', fixture, 'list', '--competency', 'reliability', '--json']).stdout) as { id: string }[];
    expect(rel.map((s) => s.id)).toEqual(['checkout-outage']);
  });
});
