import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lintWorkspace } from '../../src/plan/lint.js';
import { BUILTIN_QUESTIONS, COMPETENCIES } from '../../src/questions/bank.js';
import { EXPLICIT_POINTS, planProfile, type Plan } from '../../src/plan/assign.js';
import { decodeText, REPLACEMENT } from '../../src/workspace/decode.js';
import type { WorkspaceFile } from '../../src/workspace/layout.js';
import { parseWorkspace, type Workspace } from '../../src/workspace/parse.js';

/**
 * Properties over random input: parsing never throws (problems come back as
 * diagnostics), and selection is deterministic and never picks what it must
 * not pick.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (path: string, text: string | Uint8Array): WorkspaceFile => ({ path, bytes: typeof text === 'string' ? utf8(text) : text });

// ---------------------------------------------------------------------------
// Generators

/** Text built from YAML's special characters and keywords, so the parser's odd corners get hit. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '-', ':', ': ', ' ', '  ', '\n', '\n', '\t', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '!!str ', '!tag ', '#', '|', '>-',
        '? ', '---', '...', '%YAML 1.2\n', '\r\n', '\r', '\uFEFF', '\u0000', '\u2028', 'title', 'questions', 'year', 'private',
        'draft', 'kind', 'angles', 'x', '0x1F', '1e400', '.nan', 'null', '~', 'true', 'yes', '😀', 'é', '<<: *a',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** Markdown bodies: headings (STAR and not), containers, inline syntax, HTML and template syntax. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '## Situation\n', '## Task\n', '## Action\n', '## Result\n', '## Notes\n', '## Lessons\n', '# Sitution\n', '### Result:\n',
        'Some words. ', 'I did it. ', '\n\n', '\n', '> ', '- ', '* ', '1. ', '    ', '```\n', '`', '**', '_', '~~', '[a](javascript:x)',
        '[b](https://example.com)', '![i](http://example.com/i.png)', '[ref]', '[ref]: http://x\n', '<script>alert(1)</script>',
        '<img src=x>', '{{title}}', '{{{title}}}', '}}', '| a | b |\n|---|---|\n', '---\n', '***\n', '\u0000', '\r\n', '😀', 'שלום', 'مرحبا',
        '&amp;', '&#0;', '\\', '<!--', '-->',
      ),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const STORY_KEYS = ['title', 'kind', 'questions', 'competencies', 'tags', 'year', 'metrics', 'cues', 'angles', 'private', 'draft', 'titel'];

/** Front matter as YAML text: arbitrary JSON values under real (and misspelt) keys, dumped by the yaml package. */
const jsonFrontMatter = fc
  .oneof(
    fc.dictionary(fc.constantFrom(...STORY_KEYS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map((value) => stringify(value));

const frontMatterText = fc.oneof(yamlish, jsonFrontMatter);

const storyFile = fc
  .tuple(frontMatterText, markdownish, fc.constantFrom('---\n', '---\r\n', '\uFEFF---\n', '', '---js\n', '--- \n'), fc.constantFrom('---\n', '---', '', '...\n'))
  .map(([fm, body, open, close]) => `${open}${fm}${fm.endsWith('\n') ? '' : '\n'}${close}${body}`);

/** Parses, checks the result is well formed, and runs it through the next stages, which must accept it too. */
function parseWellFormedAndUse(files: readonly WorkspaceFile[]): void {
  const workspace = parseWorkspace(files);
  assertWellFormed(workspace, files);
  lintWorkspace(workspace);
  for (const profile of workspace.profiles) planProfile(profile, workspace.stories, workspace.catalog);
}

function assertWellFormed(workspace: Workspace, files: readonly WorkspaceFile[]): void {
  const paths = new Set(files.map((f) => f.path));
  for (const d of workspace.diagnostics) {
    expect(paths.has(d.file) || d.file === 'stories/profiles', JSON.stringify(d)).toBe(true);
    expect(['error', 'warning', 'note']).toContain(d.severity);
    expect(d.line).toBeGreaterThanOrEqual(0);
    expect(d.column).toBeGreaterThanOrEqual(0);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    // Raw zod wording ("Invalid input: expected string, received undefined") is not for people.
    // questions.yml is exempt until src/questions/catalog.ts words its issues (see the reliability report).
    if (d.file !== 'stories/questions.yml') expect(d.message).not.toMatch(/\[object Object\]|undefined|Invalid input|Too (small|big): /);
  }
}

// ---------------------------------------------------------------------------

describe('parsing never throws: problems come back as diagnostics', () => {
  it('random story files (YAML-ish and JSON-as-YAML front matter, Markdown-ish bodies)', () => {
    fc.assert(
      fc.property(fc.array(storyFile, { minLength: 1, maxLength: 4 }), markdownish, (stories, profileBody) => {
        const files = [
          ...stories.map((text, i) => file(`stories/s${i}.md`, text)),
          file('stories/profiles/p.md', `---\nrole: R\nquestions: [failure]\n---\n${profileBody}`),
        ];
        parseWellFormedAndUse(files);
      }),
      { numRuns: 400 },
    );
  });

  it('random profiles, storybank.yml and questions.yml', () => {
    fc.assert(
      fc.property(frontMatterText, frontMatterText, frontMatterText, markdownish, (profileFm, config, questions, body) => {
        const files = [
          file('stories/a.md', `---\ntitle: A\nquestions: [failure]\n---\n## Situation\nS.\n## Task\nT.\n## Action\nA.\n## Result\nR 1.\n`),
          file('stories/profiles/p.md', `---\n${profileFm}\n---\n${body}`),
          file('storybank.yml', config),
          file('stories/questions.yml', questions),
        ];
        parseWellFormedAndUse(files);
      }),
      { numRuns: 300 },
    );
  });

  /** Mostly valid UTF-8, with line endings of every kind and sometimes a BOM. */
  const textBytes = fc
    .tuple(fc.boolean(), fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('\r\n', '\r', '\n')), { maxLength: 12 }))
    .map(([bom, parts]) => new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${parts.join('')}`));

  it('random bytes and text in any file role', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), textBytes), fc.constantFrom('stories/x.md', 'stories/profiles/x.md', 'storybank.yml', 'stories/questions.yml'), (bytes, path) => {
        const files = [file(path, bytes)];
        assertWellFormed(parseWorkspace(files), files);
        // Text or one error, never both or neither; text is exactly the bytes (BOM dropped, CRLF/CR → LF).
        const decoded = decodeText(path, bytes);
        if (decoded.text === undefined) {
          expect(decoded.diagnostics.map((d) => d.severity)).toEqual(['error']);
        } else {
          // Exactly the bytes, but for characters no document can carry: each becomes the replacement mark, with a warning.
          const want = [...new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r\n?/g, '\n')];
          const got = [...decoded.text];
          expect(got.length).toBe(want.length);
          const replaced = got.filter((ch, i) => ch !== want[i]);
          expect(replaced.every((ch) => ch === REPLACEMENT)).toBe(true);
          expect(decoded.diagnostics.map((d) => d.severity)).toEqual(replaced.length ? ['warning'] : []);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// Selection

const QUESTION_IDS = BUILTIN_QUESTIONS.map((q) => q.id);
const COMPETENCY_IDS = COMPETENCIES.map((c) => c.id);
const TAGS = ['backend', 'personal', 'frontend', 'data', 'lead'];

interface StorySpec {
  id: string;
  kind: 'star' | 'answer';
  questions: string[];
  competencies: string[];
  tags: string[];
  private: boolean;
  draft: boolean;
}

const storySpec = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
  kind: fc.constantFrom('star' as const, 'star' as const, 'answer' as const),
  questions: fc.subarray(QUESTION_IDS, { maxLength: 3 }),
  // Repeats allowed on purpose: a repeated competency must not add up to an explicit listing.
  competencies: fc.array(fc.constantFrom(...COMPETENCY_IDS), { maxLength: 12 }),
  tags: fc.subarray(TAGS, { maxLength: 2 }),
  private: fc.boolean(),
  draft: fc.boolean(),
});

const profileSpec = fc.record({
  questions: fc.uniqueArray(fc.constantFrom(...QUESTION_IDS), { minLength: 1, maxLength: 30 }),
  emphasis: fc.dictionary(fc.constantFrom(...COMPETENCY_IDS), fc.integer({ min: 0, max: 10 }), { maxKeys: 8 }),
  include_tags: fc.subarray(TAGS, { maxLength: 2 }),
  exclude_tags: fc.subarray(TAGS, { maxLength: 2 }),
});

function storyText(s: StorySpec): string {
  const fm = stringify({ title: `Story ${s.id}`, kind: s.kind, questions: s.questions, competencies: s.competencies, tags: s.tags, private: s.private, draft: s.draft });
  const body = s.kind === 'star' ? '## Situation\nS.\n\n## Task\nT.\n\n## Action\nA.\n\n## Result\nR 1.\n' : 'My answer, in 2 sentences. That is all.\n';
  return `---\n${fm}---\n${body}`;
}

function workspaceOf(stories: StorySpec[], profile: Record<string, unknown>): Workspace {
  const files = [
    ...stories.map((s) => file(`stories/${s.id}.md`, storyText(s))),
    file('stories/profiles/p.md', `---\n${stringify({ role: 'R', ...profile })}---\n`),
  ];
  const workspace = parseWorkspace(files);
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, 'generated workspaces are valid').toEqual([]);
  return workspace;
}

/** The plan as plain data: what a user sees, without object identity. */
function summary(plan: Plan) {
  return {
    assignments: plan.assignments.map((a) => ({
      q: a.question.id,
      pick: a.pick && { id: a.pick.story.id, score: a.pick.score, reasons: a.pick.reasons },
      backup: a.backup && { id: a.backup.story.id, score: a.backup.score },
    })),
    gaps: plan.gaps.map((q) => q.id),
    unused: plan.unused.map((s) => s.id),
    excluded: plan.excluded.map((e) => [e.story.id, e.why]),
  };
}

const uniqueStories = fc.uniqueArray(storySpec, { selector: (s) => s.id, minLength: 1, maxLength: 12 });

describe('selection (planProfile)', () => {
  it('is deterministic: same input twice, or stories in another order, give the same plan', () => {
    fc.assert(
      fc.property(uniqueStories, profileSpec, fc.boolean(), fc.infiniteStream(fc.nat()), (stories, profile, includePrivate, randoms) => {
        const workspace = workspaceOf(stories, profile);
        const p = workspace.profiles[0]!;
        const first = summary(planProfile(p, workspace.stories, workspace.catalog, { includePrivate }));
        const again = summary(planProfile(p, workspace.stories, workspace.catalog, { includePrivate }));
        const shuffled = [...workspace.stories];
        const it = randoms[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(again).toEqual(first);
        expect(summary(planProfile(p, shuffled, workspace.catalog, { includePrivate }))).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('never assigns a draft, an excluded-tag story, a story outside include_tags, or (without includePrivate) a private story', () => {
    fc.assert(
      fc.property(uniqueStories, profileSpec, fc.boolean(), (stories, profile, includePrivate) => {
        const workspace = workspaceOf(stories, profile);
        const plan = planProfile(workspace.profiles[0]!, workspace.stories, workspace.catalog, { includePrivate });
        for (const a of plan.assignments) {
          for (const c of [a.pick, a.backup]) {
            if (!c) continue;
            expect(c.story.draft).toBe(false);
            if (!includePrivate) expect(c.story.private).toBe(false);
            expect(c.story.tags.some((t) => profile.exclude_tags.includes(t))).toBe(false);
            if (profile.include_tags.length > 0) expect(c.story.tags.some((t) => profile.include_tags.includes(t))).toBe(true);
          }
        }
        // Gaps are exactly the questions without a pick, and unused stories were never picked.
        expect(plan.gaps.map((q) => q.id)).toEqual(plan.assignments.filter((a) => !a.pick).map((a) => a.question.id));
        const picked = new Set(plan.assignments.flatMap((a) => (a.pick ? [a.pick.story.id] : [])));
        for (const s of plan.unused) expect(picked.has(s.id)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('an explicit question match always beats competency-only candidates (also after reuse penalties)', () => {
    fc.assert(
      fc.property(uniqueStories, profileSpec, (stories, profile) => {
        const workspace = workspaceOf(stories, profile);
        const plan = planProfile(workspace.profiles[0]!, workspace.stories, workspace.catalog, { includePrivate: true });
        const eligible = new Set(plan.assignments.length ? workspace.stories.filter((s) => !plan.excluded.some((e) => e.story.id === s.id)).map((s) => s.id) : []);
        for (const a of plan.assignments) {
          const explicitCandidates = workspace.stories.filter((s) => eligible.has(s.id) && s.questions.includes(a.question.id));
          if (explicitCandidates.length === 0) continue;
          expect(a.pick, `question ${a.question.id}`).toBeDefined();
          expect(a.pick!.story.questions, `question ${a.question.id} went to ${a.pick!.story.id}`).toContain(a.question.id);
          expect(a.pick!.reasons.some((r) => r.points === EXPLICIT_POINTS)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('explicit beats overlap even when a question lists every competency and the explicit story was used many times', () => {
    // A workspace question with every competency, asked 30 times under different ids,
    // all explicitly answered by one story and also matched by a story that lists every competency.
    const ids = Array.from({ length: 30 }, (_, i) => `q${i}`);
    const questions = ids.map((id) => ({ id, text: `Question ${id}?`, competencies: COMPETENCY_IDS }));
    const files = [
      file('stories/questions.yml', stringify(questions)),
      file('stories/explicit.md', storyText({ id: 'explicit', kind: 'star', questions: ids, competencies: [], tags: [], private: false, draft: false }).replace('questions:', 'questions:')),
      file('stories/broad.md', storyText({ id: 'broad', kind: 'star', questions: [], competencies: COMPETENCY_IDS, tags: [], private: false, draft: false })),
      file('stories/profiles/p.md', `---\n${stringify({ role: 'R', questions: ids, emphasis: Object.fromEntries(COMPETENCY_IDS.slice(0, 10).map((c) => [c, 10])) })}---\n`),
    ];
    const workspace = parseWorkspace(files);
    expect(workspace.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const plan = planProfile(workspace.profiles[0]!, workspace.stories, workspace.catalog);
    expect(plan.assignments.map((a) => a.pick?.story.id)).toEqual(ids.map(() => 'explicit'));
  });
});
