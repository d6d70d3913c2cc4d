import pc from 'picocolors';
import type { Ask } from '../../tailor/analyse.js';
import type { MatchLine, MatchReport } from '../../tailor/match.js';
import { lineRef } from '../../tailor/profile-text.js';
import type { Evidence } from '../../tailor/score.js';
import type { TailoredProfile } from '../../tailor/tailor.js';
import { PLACEHOLDER_COMPANY, PLACEHOLDER_ROLE } from '../../workspace/profile.js';
import { plural } from '../print.js';

/** `profile new` and `match`: what a posting asks, with the posting's own words, as text and JSON. */

type Colors = ReturnType<typeof pc.createColors>;

/** Evidence lines shown per competency; the rest is counted. */
const SHOWN_EVIDENCE = 3;

function weightTag(ask: { weight: number }): string {
  return `×${ask.weight}`;
}

function evidenceLines(evidence: readonly Evidence[], c: Colors, indent: string, count = SHOWN_EVIDENCE): string[] {
  const out = evidence.slice(0, count).map((e) => `${indent}${c.dim(lineRef(e).padEnd(7))}  "${e.quote}"`);
  if (evidence.length > count) out.push(`${indent}${c.dim(`… and ${plural(evidence.length - count, 'more line')}`)}`);
  return out;
}

function heading(role: string, company: string | undefined): string {
  return `${role}${company ? ` @ ${company}` : ''}`;
}

export function formatProfileSummary(t: TailoredProfile, source: string, style: { color: boolean }): string {
  const c = pc.createColors(style.color);
  const a = t.analysis;
  const out: string[] = [];
  out.push(`${c.green('Wrote')} ${t.path} from ${source}`);
  out.push(`  ${c.bold(heading(a.role?.text ?? PLACEHOLDER_ROLE, a.company?.text ?? PLACEHOLDER_COMPANY))}`);
  if (!a.role) out.push(`  ${c.yellow('warning')}: the posting does not state the job title; role is a placeholder: write it in`);
  if (!a.company) {
    out.push(
      `  ${c.yellow('warning')}: ${a.agency ? `the posting comes from a recruitment agency (${a.agency}) and does not name its client` : 'the posting does not name the employer'}; company is a placeholder: write it in`,
    );
  }
  out.push('');
  if (t.nothingMatched) {
    out.push(`${c.yellow('warning')}: nothing in the posting matched the competency lexicon, so the profile asks the questions asked in nearly every interview and has no emphasis; add weights by hand, e.g. emphasis: { ownership: 2, communication: 1 }`);
  } else {
    out.push(c.bold('What the posting asks for most (the emphasis)'));
    for (const ask of a.emphasis) {
      out.push(`  ${ask.id} ${weightTag(ask)}`);
      out.push(...evidenceLines(ask.evidence, c, '      ', 2));
    }
    const rest = a.asks.slice(a.emphasis.length);
    if (rest.length) out.push(c.dim(`  also mentioned: ${rest.map((x) => x.id).join(', ')} (storybank match shows them all)`));
  }
  out.push('');
  out.push(c.bold(`Questions (${t.questions.length}) and the story that answers each today`));
  const byIndex = new Map(t.plan.assignments.map((x) => [x.index, x]));
  t.questions.forEach((q, i) => {
    const n = String(i + 1).padStart(2);
    const why = q.for ? c.dim(` for ${q.for}`) : '';
    out.push(`  ${n}. ${q.question.text} ${c.dim(`[${q.question.id}]`)}${why}`);
    const pick = byIndex.get(i)?.pick;
    out.push(pick ? `      → ${pick.story.title} ${c.dim(`(${pick.story.id})`)}` : `      ${c.red('→ gap')}: no story answers this yet`);
  });
  if (t.ask.length) {
    out.push('');
    out.push(c.bold('Ask them (ask:)'));
    for (const q of t.ask) out.push(`  - ${q.text}${q.why === 'not in the posting' ? c.dim('  (the posting does not say)') : c.dim(`  (${lineRef(q.why)})`)}`);
  }
  out.push('');
  const gaps = t.plan.gaps.length;
  out.push(
    `${gaps ? `${plural(gaps, 'question')} without a story. ` : 'Every question has a story. '}Next: rewrite the pitch in ${t.path} (the [[…]] blanks)${gaps ? ', write the missing stories (storybank match shows which competencies lack one)' : ''}, then storybank build --profile ${t.name}.`,
  );
  return out.join('\n');
}

function storyList(line: MatchLine, c: Colors): string {
  if (line.stories.length) return `stories: ${line.stories.map((s) => s.id).join(', ')}`;
  return c.red('stories: none');
}

function writeNext(line: MatchLine): string {
  return line.writeFor ? `a story for "${line.writeFor.text}" [${line.writeFor.id}]` : 'a story that shows it';
}

export function formatMatch(report: MatchReport, source: string, style: { color: boolean }): string {
  const c = pc.createColors(style.color);
  const a = report.analysis;
  const out: string[] = [];
  out.push(c.bold(`${heading(a.role?.text ?? '(role not stated)', a.company?.text ?? (a.agency ? `(a client of ${a.agency})` : undefined))}  ${c.dim(`from ${source}`)}`));
  out.push('');
  if (a.asks.length === 0) {
    out.push(`${c.yellow('warning')}: nothing in the posting matched the competency lexicon; there is nothing to match stories against`);
    return out.join('\n');
  }
  out.push(c.bold('What the posting asks for, and the stories that show it'));
  for (const line of report.lines) {
    out.push(`  ${c.bold(line.ask.id)} ${weightTag(line.ask)}  ${c.dim(`score ${line.ask.score}`)}`);
    out.push(...evidenceLines(line.ask.evidence, c, '      '));
    out.push(`      ${storyList(line, c)}`);
  }
  out.push('');
  if (report.missing.length) {
    out.push(c.bold(`Write next: ${plural(report.missing.length, 'competency', 'competencies')} no story shows`));
    for (const line of report.missing) out.push(`  ${line.ask.id} ${weightTag(line.ask)}: ${writeNext(line)}`);
  } else {
    out.push(c.green('Every competency the posting asks for has a story.'));
  }
  out.push('');
  const { covered, total, share } = report.coverage;
  out.push(`${c.bold('Coverage')}: ${Math.round(share * 100)}% of what the posting asks (${covered} of ${total} weight points have a story)`);
  if (report.leftOut.length) out.push(c.dim(`Not counted: ${report.leftOut.map((l) => `${l.story.id} (${l.why})`).join(', ')}`));
  if (report.comparison && report.profile) {
    out.push('');
    out.push(c.bold(`Compared with profile ${report.profile.name} (${report.profile.role})`));
    const width = Math.max(12, ...report.comparison.map((r) => r.competency.length));
    out.push(c.dim(`  ${'competency'.padEnd(width)}  posting  profile`));
    for (const row of report.comparison) {
      const note =
        row.posting !== undefined && row.profile === undefined
          ? 'asked, not emphasised'
          : row.posting === undefined
            ? 'emphasised, not asked'
            : row.profile !== undefined && !report.analysis.emphasis.some((x) => x.id === row.competency)
              ? 'asked in passing'
            : row.posting > row.profile! + 1 || row.profile! > row.posting + 1
              ? 'weights differ'
              : '';
      out.push(`  ${row.competency.padEnd(width)}  ${String(row.posting ?? '—').padStart(7)}  ${String(row.profile ?? '—').padStart(7)}  ${note ? c.yellow(note) : ''}`.trimEnd());
    }
    if (report.offTopic?.length) {
      out.push(`  Its questions that probe none of the posting's asks: ${report.offTopic.map((q) => q.id).join(', ')}`);
    }
  }
  return out.join('\n');
}

function askJson(ask: Ask) {
  return {
    id: ask.id,
    label: ask.label,
    weight: ask.weight,
    score: ask.score,
    evidence: ask.evidence.map((e) => ({ line: e.line, quote: e.quote, phrases: e.phrases, section: e.placement, points: e.points })),
  };
}

export function matchToJson(report: MatchReport, source: string) {
  const a = report.analysis;
  return {
    posting: source,
    role: a.role?.text ?? null,
    company: a.company?.text ?? null,
    agency: a.agency ?? null,
    asks: report.lines.map((l) => ({
      ...askJson(l.ask),
      emphasis: a.emphasis.includes(l.ask),
      stories: l.stories.map((s) => s.id),
      writeFor: l.writeFor ? { id: l.writeFor.id, text: l.writeFor.text } : null,
    })),
    missing: report.missing.map((l) => l.ask.id),
    coverage: report.coverage,
    leftOut: report.leftOut.map((l) => ({ id: l.story.id, why: l.why })),
    ...(report.profile
      ? {
          profile: report.profile.name,
          comparison: report.comparison?.map((r) => ({ competency: r.competency, posting: r.posting ?? null, profile: r.profile ?? null })),
          offTopic: report.offTopic?.map((q) => q.id) ?? [],
        }
      : {}),
  };
}
