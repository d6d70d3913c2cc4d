import pc from 'picocolors';
import { coverage } from '../../plan/coverage.js';
import type { Assignment, Plan } from '../../plan/assign.js';
import { NO_PRACTICE, type PracticeHistory } from '../../practice/history.js';
import { RATING_NAMES } from '../../practice/log.js';
import { storyCues } from '../../view/cues.js';
import type { Workspace } from '../../workspace/parse.js';
import type { Story } from '../../workspace/story.js';
import { ago } from './when.js';

/**
 * `storybank plan`: the assignment with its reasons, as text for people and
 * JSON for programs. What was practised comes in as a summary of the log.
 */
import { quote as q } from './quote.js';

export interface PlanPractice {
  history: PracticeHistory;
  now: Date;
}

const NOTHING_PRACTISED: PlanPractice = { history: NO_PRACTICE, now: new Date(0) };

function practised(a: Assignment, practice: PlanPractice) {
  return a.pick ? practice.history.of(a.question.id, a.pick.story.id) : undefined;
}

export function planToJson(plan: Plan, workspace: Workspace, options: { cues?: boolean } = {}, practice: PlanPractice = NOTHING_PRACTISED) {
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
      withheld: a.withheld.map((h) => ({ id: h.story.id, why: h.why })),
      ...(options.cues ? { cues: a.pick ? storyCues(a.pick.story).map((c) => ({ text: c.text, ...(c.source ?? { written: true }) })) : [] } : {}),
      practice: practiceJson(practised(a, practice)),
    })),
    gaps: plan.gaps.map((q) => ({ id: q.id, text: q.text })),
    unused: plan.unused.map((s) => s.id),
    excluded: plan.excluded.map((e) => ({ id: e.story.id, why: e.why })),
    coverage: coverage(plan, workspace.stories),
  };
}

function practiceJson(p: ReturnType<typeof practised>) {
  return { reps: p?.reps ?? 0, last: p?.last ? { at: p.last.time.toISOString(), rating: p.last.rating, seconds: p.last.seconds } : null };
}

export function formatPlan(plan: Plan, workspace: Workspace, style: { color: boolean; cues?: boolean }, practice: PlanPractice = NOTHING_PRACTISED): string {
  const c = pc.createColors(style.color);
  const p = plan.profile;
  const out: string[] = [];
  out.push(c.bold(`${q(p.name)}: ${q(p.role)}${p.company ? ` @ ${q(p.company)}` : ''}`));
  const shownCues = new Set<string>();
  out.push('');
  for (const a of plan.assignments) {
    const n = String(a.index + 1).padStart(2);
    out.push(`${c.bold(`${n}. ${q(a.question.text)}`)} ${c.dim(`[${q(a.question.id)}]`)}`);
    if (a.pick) {
      const reasons = a.pick.reasons.map((r) => `${q(r.term)} ${r.points >= 0 ? '+' : ''}${r.points}`).join(', ');
      out.push(`    → ${q(a.pick.story.title)} ${c.dim(`(${q(a.pick.story.id)})`)}  score ${a.pick.score}: ${reasons}`);
      if (a.backup) out.push(c.dim(`      backup: ${q(a.backup.story.title)} (${q(a.backup.story.id)}), score ${a.backup.score}`));
      const p = practised(a, practice);
      // Only once there is a log: a plan for someone who never drills stays as it was.
      if (p && practice.history.total > 0) {
        out.push(
          p.last
            ? c.dim(`      last practised ${ago(p.last.time, practice.now)} (${RATING_NAMES[p.last.rating]}), ${p.reps}× in all`)
            : `      ${c.yellow('never practised')}`,
        );
      }
      if (style.cues) out.push(...cueLines(a.pick.story, shownCues, c));
    } else {
      out.push(`    ${c.red('→ GAP')}: ${gapReason(a)}`);
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
  if (practice.history.total === 0) out.push(c.dim(`Practised: nothing logged yet; rehearse aloud with \`storybank drill --profile ${plan.profile.name}\``));
  return out.join('\n');
}

/** Why a question has no story: the stories held back from it, and how to use them, or that there are none. */
function gapReason(a: Assignment): string {
  const held = a.withheld;
  if (held.length === 0) return `no story answers this; write one (storybank new "…") or list it in a story's questions`;
  const hints = [
    held.some((h) => h.why === 'private') ? 'run with --include-private to use private stories' : '',
    held.some((h) => h.why === 'draft') ? 'a draft is used once `draft: true` is removed' : '',
  ].filter(Boolean);
  const only = held.every((h) => h.why === held[0]!.why) && (held[0]!.why === 'private' || held[0]!.why === 'draft') ? `only ${held[0]!.why} stories answer this: ` : 'only held-back stories answer this: ';
  return `${only}${held.map((h) => `${q(h.story.id)} (${q(h.why)})`).join(', ')}${hints.length ? `; ${hints.join('; ')}` : ''}`;
}

/** A story's cue lines, each with the sentence it was taken from and why; once per story. */
function cueLines(story: Story, shown: Set<string>, c: ReturnType<typeof pc.createColors>): string[] {
  if (shown.has(story.id)) return [c.dim('      cues: as above')];
  shown.add(story.id);
  const cues = storyCues(story);
  if (cues.length === 0) return [c.dim('      cues: none (every sentence repeats a metric, or the story is empty)')];
  const written = cues.every((cue) => !cue.source);
  const out = [c.dim(written ? '      cues (written in cues:):' : '      cues (derived; add `cues:` to write your own):')];
  for (const cue of cues) {
    out.push(`        • ${q(cue.text)}`);
    if (cue.source) out.push(c.dim(`          ← ${cue.source.section}: “${q(cue.source.sentence)}” (${cue.source.why})`));
  }
  return out;
}
