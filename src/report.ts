import pc from 'picocolors';
import type { Diagnostic } from './errors.js';
import { formatDiagnostic } from './errors.js';
import type { Plan } from './select/assign.js';
import type { Story } from './stories/story.js';
import type { Workspace } from './stories/workspace.js';

/**
 * Turning results into text for people and JSON for programs. Pure
 * functions returning strings; the CLI decides where they go.
 */

export interface Style {
  color: boolean;
}

function paint(style: Style) {
  const c = pc.createColors(style.color);
  return c;
}

/** One line per problem; on a terminal, the source line and a caret under it. */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  style: Style & { sourceLine?: (file: string, line: number) => string | undefined },
): string {
  const c = paint(style);
  const lines: string[] = [];
  for (const d of diagnostics) {
    const plain = formatDiagnostic(d);
    if (!style.color) {
      lines.push(plain);
    } else {
      const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
      const sev = d.severity === 'error' ? c.red(c.bold('error')) : d.severity === 'warning' ? c.yellow(c.bold('warning')) : c.cyan('note');
      lines.push(`${c.bold(where)}: ${sev}: ${d.message} ${c.dim(`[${d.rule}]`)}`);
    }
    const source = d.line > 0 ? style.sourceLine?.(d.file, d.line) : undefined;
    if (source !== undefined && style.color) {
      const gutter = String(d.line).padStart(4);
      lines.push(c.dim(`${gutter} | `) + source);
      lines.push(c.dim(`${' '.repeat(4)} | `) + ' '.repeat(Math.max(0, d.column - 1)) + c.red('^'));
    }
  }
  return lines.join('\n');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export interface CoverageLine {
  competency: string;
  weight: number;
  stories: string[];
}

/** Each emphasised competency with every eligible story that shows it. */
export function coverage(plan: Plan, stories: readonly Story[]): CoverageLine[] {
  const excluded = new Set(plan.excluded.map((e) => e.story.id));
  return Object.entries(plan.profile.emphasis)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([competency, weight]) => ({
      competency,
      weight,
      stories: stories.filter((s) => !excluded.has(s.id) && s.competencies.includes(competency.toLowerCase())).map((s) => s.id),
    }));
}

export function planToJson(plan: Plan, workspace: Workspace) {
  return {
    profile: plan.profile.name,
    role: plan.profile.role,
    company: plan.profile.company ?? null,
    assignments: plan.assignments.map((a) => ({
      question: { id: a.question.id, text: a.question.text, competencies: a.question.competencies },
      story: a.pick ? { id: a.pick.story.id, title: a.pick.story.title, file: a.pick.story.file } : null,
      score: a.pick?.score ?? 0,
      reasons: a.pick?.reasons ?? [],
      backup: a.backup ? { id: a.backup.story.id, title: a.backup.story.title, score: a.backup.score } : null,
    })),
    gaps: plan.gaps.map((q) => ({ id: q.id, text: q.text })),
    unused: plan.unused.map((s) => s.id),
    excluded: plan.excluded.map((e) => ({ id: e.story.id, why: e.why })),
    coverage: coverage(plan, workspace.stories),
  };
}

export function formatPlan(plan: Plan, workspace: Workspace, style: Style): string {
  const c = paint(style);
  const p = plan.profile;
  const out: string[] = [];
  out.push(c.bold(`${p.name}: ${p.role}${p.company ? ` @ ${p.company}` : ''}`));
  out.push('');
  for (const a of plan.assignments) {
    const n = String(a.index + 1).padStart(2);
    out.push(`${c.bold(`${n}. ${a.question.text}`)} ${c.dim(`[${a.question.id}]`)}`);
    if (a.pick) {
      const reasons = a.pick.reasons.map((r) => `${r.term} ${r.points >= 0 ? '+' : ''}${r.points}`).join(', ');
      out.push(`    → ${a.pick.story.title} ${c.dim(`(${a.pick.story.id})`)}  score ${a.pick.score}: ${reasons}`);
      if (a.backup) out.push(c.dim(`      backup: ${a.backup.story.title} (${a.backup.story.id}), score ${a.backup.score}`));
    } else {
      const held = plan.excluded.filter((e) => e.story.questions.includes(a.question.id));
      const why = held.length
        ? `only ${held.map((e) => `${e.story.id} (${e.why})`).join(', ')} lists it`
        : `no story answers this; write one (storybank new "…") or list it in a story's questions`;
      out.push(`    ${c.red('→ GAP')}: ${why}`);
    }
  }
  out.push('');
  const cov = coverage(plan, workspace.stories);
  if (cov.length > 0) {
    out.push(c.bold('Coverage of emphasised competencies'));
    for (const line of cov) {
      const stories = line.stories.length ? line.stories.join(', ') : c.red('none: a gap');
      out.push(`  ${line.competency} ×${line.weight}: ${stories}`);
    }
    out.push('');
  }
  out.push(
    plan.gaps.length
      ? `${c.red(c.bold(`Gaps (${plan.gaps.length})`))}: ${plan.gaps.map((q) => q.id).join(', ')}`
      : `${c.green('No gaps')}: every question has a story`,
  );
  out.push(`Unused stories (${plan.unused.length}): ${plan.unused.map((s) => s.id).join(', ') || 'none'}`);
  if (plan.excluded.length) {
    out.push(`Not candidates: ${plan.excluded.map((e) => `${e.story.id} (${e.why})`).join(', ')}`);
  }
  return out.join('\n');
}

export interface ListFilter {
  tag?: string;
  competency?: string;
}

export function filterStories(stories: readonly Story[], filter: ListFilter): Story[] {
  return stories.filter(
    (s) =>
      (!filter.tag || s.tags.includes(filter.tag.toLowerCase())) &&
      (!filter.competency || s.competencies.includes(filter.competency.toLowerCase())),
  );
}

export function storiesToJson(stories: readonly Story[]) {
  return stories.map((s) => ({
    id: s.id,
    file: s.file,
    title: s.title,
    kind: s.kind,
    year: s.year ?? null,
    questions: s.questions,
    competencies: s.competencies,
    tags: s.tags,
    metrics: s.metrics,
    words: s.words,
    private: s.private,
    draft: s.draft,
  }));
}

export function formatStoryList(stories: readonly Story[], style: Style): string {
  const c = paint(style);
  if (stories.length === 0) return 'No stories match.';
  const idWidth = Math.min(36, Math.max(...stories.map((s) => s.id.length)));
  return stories
    .map((s) => {
      const flags = [s.kind === 'answer' ? 'answer' : '', s.private ? 'private' : '', s.draft ? 'draft' : ''].filter(Boolean).join(', ');
      const head = `${s.id.padEnd(idWidth)}  ${c.bold(s.title)}${s.year ? ` (${s.year})` : ''}${flags ? c.dim(` [${flags}]`) : ''}`;
      const detail = c.dim(`${' '.repeat(idWidth)}  questions: ${s.questions.join(', ') || '-'} · competencies: ${s.competencies.join(', ') || '-'} · tags: ${s.tags.join(', ') || '-'} · ${s.words} words`);
      return `${head}\n${detail}`;
    })
    .join('\n');
}
