// Fallback for row 4 while `storybank build --format md` is unavailable:
// the answer bank's content as Markdown, built from storybank's own view
// model (same questions, stories, sections, metrics, coverage tables) with
// each section's Markdown cut verbatim from the story file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectProfiles, viewsFor } from '../../dist/pipeline/build.js';
import { loadWorkspace } from '../../dist/workspace/load.js';
import { readSource } from '../../dist/workspace/front-matter.js';
import { COMPETENCIES } from '../../dist/questions/bank.js';

export async function answerBankMarkdown(root, profileName) {
  const workspace = await loadWorkspace(root);
  const [profile] = selectProfiles(workspace, [profileName]);
  const model = viewsFor(workspace, profile, {}).answerBank.model;
  const bodies = new Map(
    workspace.stories.map((s) => [s.id, readSource(s.file, readFileSync(join(root, s.file), 'utf8').replace(/\r\n?/g, '\n')).source.body]),
  );
  const labels = new Map(COMPETENCIES.map((c) => [c.id, c.label]));
  const cut = (body, nodes, fallback) => {
    const parts = nodes.map((n) =>
      n.position?.start?.offset !== undefined && n.position?.end?.offset !== undefined
        ? body.slice(n.position.start.offset, n.position.end.offset)
        : n.type === 'heading'
          ? `### ${n.children?.map((c) => c.value ?? '').join('')}`
          : '',
    );
    const text = parts.filter(Boolean).join('\n\n').trim();
    return text || fallback;
  };
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

  const out = [];
  out.push(`# ${model.person.name ?? 'Answer bank'}`, '', `Answer bank · ${model.heading}`, '');
  if (model.person.headline) out.push(model.person.headline, '');
  out.push(model.date.label, '');
  const contact = [model.person.email, model.person.phone, ...model.person.links.map((l) => `[${l.label}](${l.url})`)].filter(Boolean);
  if (contact.length) out.push(contact.join(' · '), '');
  if (model.pitch.text) out.push('**Pitch**', '', model.pitch.text, '');
  out.push('# Contents', '', ...model.entries.map((e) => `${e.number}. ${e.question}`), '');
  for (const e of model.entries) {
    out.push(`# ${e.number}. ${e.question}`, '');
    const s = e.story;
    if (!s) {
      out.push(`*No story yet — write one that lists "${e.questionId}" under questions.*`, '');
      continue;
    }
    out.push(`## ${s.title}${s.year !== undefined ? ` · ${s.year}` : ''}`, '');
    if (s.angle) out.push(`**Angle:** ${s.angle}`, '');
    const body = bodies.get(s.id) ?? '';
    for (const section of [...s.sections, ...(s.lessons ? [s.lessons] : [])]) {
      if (s.kind === 'star' || section === s.lessons) out.push(`**${section.label}**`, '');
      out.push(cut(body, section.nodes, section.text), '');
    }
    if (s.metrics.length) out.push(`**Key numbers:** ${s.metrics.join(' · ')}`, '');
    out.push(`*Speaking time: ${s.speakingTime} (${s.words} words)*`, '');
  }
  out.push('# Coverage', '', '## Questions and stories', '', '| Question | Story | Competencies |', '|---|---|---|');
  for (const e of model.entries) {
    out.push(`| ${cell(`${e.number}. ${e.question}`)} | ${cell(e.story ? e.story.title : '— no story yet —')} | ${cell(e.story ? e.story.competencies.map((c) => labels.get(c) ?? c).join(', ') : '')} |`);
  }
  if (model.coverage.length) {
    out.push('', '## Competencies this role emphasises', '', '| Competency | Weight | Stories |', '|---|---|---|');
    for (const c of model.coverage) out.push(`| ${cell(c.label)} | ${c.weight} | ${cell(c.stories.length ? c.stories.join('; ') : '— none yet —')} |`);
  }
  return `${out.join('\n')}\n`;
}
