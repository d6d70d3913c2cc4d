import { yamlScalar } from '../authoring/yaml-text.js';
import type { Paper } from '../workspace/schema.js';
import { PLACEHOLDER_COMPANY, PLACEHOLDER_ROLE } from '../workspace/profile.js';
import type { Analysis, Ask } from './analyse.js';
import type { InterviewerQuestion } from './asks.js';
import type { Evidence } from './score.js';
import type { ChosenQuestion } from './questions.js';

/**
 * The profile file `profile new` writes: YAML front matter whose comments
 * give the reason for every line (each emphasis weight quotes the posting
 * and its line), and a pitch skeleton to rewrite. The same analysis always
 * gives the same bytes: no dates, no clock, stable order.
 */

export interface ProfileTextInput {
  sourceName: string;
  analysis: Analysis;
  questions: readonly ChosenQuestion[];
  ask: readonly InterviewerQuestion[];
  paper?: Paper;
}

/** Evidence quotes per weight in a comment; `match` shows them all. */
export const QUOTES_PER_WEIGHT = 2;

/** Comment text: one line, no control characters, never long enough to wrap a screen twice. */
function comment(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** "l. 9", or "l. 13–14" for a quote across a line break. */
export function lineRef(e: { line: number; endLine: number }): string {
  return e.endLine > e.line ? `l. ${e.line}–${e.endLine}` : `l. ${e.line}`;
}

export function quoteList(evidence: readonly Evidence[], count = QUOTES_PER_WEIGHT): string {
  return evidence
    .slice(0, count)
    .map((e) => `"${e.quote}" (${lineRef(e)})`)
    .join(', ');
}

function aligned(rows: readonly [string, string | undefined][]): string[] {
  const width = Math.max(...rows.map(([code]) => code.length));
  return rows.map(([code, note]) => (note ? `${code.padEnd(width)}  # ${comment(note)}` : code));
}

function labelList(asks: readonly Ask[]): string {
  const labels = asks.map((a) => a.label.toLowerCase());
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** The body: a pitch that names what the posting asks most, with blanks (`[[…]]`) for what only the user knows. */
export function pitchSkeleton(analysis: Analysis): string {
  const top = analysis.emphasis.slice(0, 3);
  const company = analysis.company?.text;
  const role = analysis.role?.text;
  const job = role ? `${company ? `${company}'s ` : 'This '}${role} role` : company ? `This role at ${company}` : 'This role';
  const lines = [`I'm [[your current role]] with [[how many]] years in [[your field]].`];
  if (top.length > 0) {
    const [first, second] = top;
    lines.push(
      `${job} asks most for ${labelList(top)}: [[one line on a time you showed ${first!.label.toLowerCase()}]]${second ? `, and [[one on ${second.label.toLowerCase()}]]` : ''}.`,
    );
  } else {
    lines.push(`${job} [[what it asks for, in your words]], and [[one line on when you did that]].`);
  }
  lines.push(`I want to join ${company ?? '[[the company]]'} because [[the reason that is true for you]].`);
  return `${lines.join(' ')}\n`;
}

export function profileText(input: ProfileTextInput): string {
  const { analysis } = input;
  const out: string[] = ['---'];
  out.push(`# Written by \`storybank profile new\` from ${comment(input.sourceName)}. The comments say why each line is here;`);
  out.push('# edit anything: the file is yours now, and `storybank profile new` never overwrites it.');
  const head: [string, string | undefined][] = [
    [`role: ${yamlScalar(analysis.role?.text ?? PLACEHOLDER_ROLE)}`, analysis.role ? `${analysis.role.source}${analysis.role.line ? `, l. ${analysis.role.line}` : ''}` : 'the posting does not state the job title: write it in'],
    [
      `company: ${yamlScalar(analysis.company?.text ?? PLACEHOLDER_COMPANY)}`,
      analysis.company
        ? `${analysis.company.source}${analysis.company.line ? `, l. ${analysis.company.line}` : ''}`
        : analysis.agency
          ? `posted by ${analysis.agency} (a recruitment agency) for a client it does not name: write the employer in once you know it`
          : 'the posting does not name the employer: write it in',
    ],
  ];
  out.push(...aligned(head));

  out.push('questions:');
  out.push(
    ...aligned(
      input.questions.map((c): [string, string | undefined] => [
        `  - ${c.question.id}`,
        `${c.question.text}${c.for ? ` (for ${c.for})` : ''}`,
      ]),
    ),
  );

  if (analysis.emphasis.length === 0) {
    out.push('emphasis: {}  # nothing in the posting matched the competency lexicon: add the weights yourself, e.g. { ownership: 2 }');
  } else {
    out.push('emphasis:');
    out.push(...aligned(analysis.emphasis.map((a): [string, string] => [`  ${a.id}: ${a.weight}`, quoteList(a.evidence)])));
  }
  out.push('exclude_tags: []');
  if (input.paper) out.push(`paper: ${input.paper}  # from storybank.yml`);
  out.push('answer_words: 350');
  if (input.ask.length > 0) {
    out.push('ask:  # your questions for them: what the posting stresses or leaves open');
    for (const q of input.ask) {
      out.push(`  # ${comment(q.why === 'not in the posting' ? `${q.topic}: the posting does not say` : `${q.topic}: "${q.why.quote}" (${lineRef(q.why)})`)}`);
      out.push(`  - ${yamlScalar(q.text)}`);
    }
  }
  out.push('---');
  return `${out.join('\n')}\n${pitchSkeleton(analysis)}`;
}
