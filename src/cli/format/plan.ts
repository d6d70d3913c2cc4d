import pc from 'picocolors';
import { coverage } from '../../plan/coverage.js';
import type { Plan } from '../../plan/assign.js';
import type { Workspace } from '../../workspace/parse.js';
import { quote as q } from './quote.js';

/** `storybank plan`: the assignment with its reasons, as text for people and JSON for programs. Every value from a file is quoted. */

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

export function formatPlan(plan: Plan, workspace: Workspace, style: { color: boolean }): string {
  const c = pc.createColors(style.color);
  const p = plan.profile;
  const out: string[] = [];
  out.push(c.bold(`${q(p.name)}: ${q(p.role)}${p.company ? ` @ ${q(p.company)}` : ''}`));
  out.push('');
  for (const a of plan.assignments) {
    const n = String(a.index + 1).padStart(2);
    out.push(`${c.bold(`${n}. ${q(a.question.text)}`)} ${c.dim(`[${q(a.question.id)}]`)}`);
    if (a.pick) {
      const reasons = a.pick.reasons.map((r) => `${q(r.term)} ${r.points >= 0 ? '+' : ''}${r.points}`).join(', ');
      out.push(`    → ${q(a.pick.story.title)} ${c.dim(`(${q(a.pick.story.id)})`)}  score ${a.pick.score}: ${reasons}`);
      if (a.backup) out.push(c.dim(`      backup: ${q(a.backup.story.title)} (${q(a.backup.story.id)}), score ${a.backup.score}`));
    } else {
      const held = plan.excluded.filter((e) => e.story.questions.includes(a.question.id));
      const why = held.length
        ? `only ${held.map((e) => `${q(e.story.id)} (${q(e.why)})`).join(', ')} lists it`
        : `no story answers this; write one (storybank new "…") or list it in a story's questions`;
      out.push(`    ${c.red('→ GAP')}: ${why}`);
    }
  }
  out.push('');
  const cov = coverage(plan, workspace.stories);
  if (cov.length > 0) {
    out.push(c.bold('Coverage of emphasised competencies'));
    for (const line of cov) {
      const stories = line.stories.length ? line.stories.map(q).join(', ') : c.red('none: a gap');
      out.push(`  ${q(line.competency)} ×${line.weight}: ${stories}`);
    }
    out.push('');
  }
  out.push(
    plan.gaps.length
      ? `${c.red(c.bold(`Gaps (${plan.gaps.length})`))}: ${plan.gaps.map((gap) => q(gap.id)).join(', ')}`
      : `${c.green('No gaps')}: every question has a story`,
  );
  out.push(`Unused stories (${plan.unused.length}): ${plan.unused.map((s) => q(s.id)).join(', ') || 'none'}`);
  if (plan.excluded.length) {
    out.push(`Not candidates: ${plan.excluded.map((e) => `${q(e.story.id)} (${q(e.why)})`).join(', ')}`);
  }
  return out.join('\n');
}

