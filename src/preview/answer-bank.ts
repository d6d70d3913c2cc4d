import { mdastToHtml } from '../render/html/markdown.js';
import type { ViewEntry, ViewModel, ViewSection, ViewStory } from '../view/view-model.js';
import { escapeHtml as h } from './escape.js';

/**
 * The answer bank as a readable HTML page: the same content and order as
 * the DOCX (title, contents, one heading per question, STAR sections with
 * labels, key numbers, speaking time, coverage), laid out for a screen.
 * Story Markdown goes through the sanitised mdast renderer; every other
 * string is escaped here.
 */
export function renderAnswerBankBody(model: ViewModel): string {
  const who = [model.person.name, model.heading].filter(Boolean).map((s) => h(s!)).join(' · ');
  const out: string[] = [];
  out.push(`<header class="ab-title"><h1>${who}</h1><p class="ab-sub">Answer bank · ${h(model.date.label)}</p></header>`);
  if (model.pitch.nodes.length > 0) out.push(`<section class="ab-pitch">${mdastToHtml(model.pitch.nodes)}</section>`);
  out.push(
    `<nav class="ab-toc" aria-label="Contents"><h2>Contents</h2><ol>${model.entries
      .map((e) => `<li><a href="#${anchor(e)}">${h(e.question)}</a>${e.gap ? ' <em class="ab-gap-tag">no story yet</em>' : ''}</li>`)
      .join('')}${model.ask.length > 0 ? '<li class="ab-toc-extra"><a href="#ask">Questions to ask them</a></li>' : ''}<li class="ab-toc-extra"><a href="#coverage">Coverage</a></li></ol></nav>`,
  );
  for (const entry of model.entries) out.push(entryHtml(entry));
  if (model.ask.length > 0) out.push(`<section class="ab-ask" id="ask"><h2>Questions to ask them</h2><ul>${model.ask.map((a) => `<li>${h(a)}</li>`).join('')}</ul></section>`);
  out.push(coverageHtml(model));
  return `<main class="ab">${out.join('\n')}</main>`;
}

function anchor(entry: Pick<ViewEntry, 'number'>): string {
  return `q${entry.number}`;
}

function entryHtml(entry: ViewEntry): string {
  const head = `<h2 id="${anchor(entry)}"><span class="ab-n">${entry.number}.</span> ${h(entry.question)}</h2>`;
  const story = entry.story;
  if (entry.gap || !story) {
    return `<article class="ab-entry is-gap">${head}<p class="ab-gap">${h(entry.gapNote ?? '')}</p></article>`;
  }
  if (entry.repeatOf !== undefined) {
    const told = entry.repeatOfQuestion ? ` (“${h(entry.repeatOfQuestion)}”), told in full there.` : ', told in full there.';
    return `<article class="ab-entry is-repeat">${head}${storyHead(story)}<p class="ab-meta">Same story as <a href="#${anchor({ number: entry.repeatOf })}">question ${entry.repeatOf}</a>${told}</p></article>`;
  }
  return `<article class="ab-entry">${head}${storyHtml(story)}</article>`;
}

function storyHead(story: ViewStory): string {
  const title = `<h3 class="ab-story">${h(story.title)}${story.year !== undefined ? `<span class="ab-year"> · ${story.year}</span>` : ''}</h3>`;
  return story.angle ? `${title}\n<p class="ab-angle"><strong>Angle:</strong> ${h(story.angle)}</p>` : title;
}

function storyHtml(story: ViewStory): string {
  const out: string[] = [storyHead(story)];
  for (const section of story.sections) out.push(sectionHtml(section, story.kind === 'star'));
  if (story.lessons) out.push(sectionHtml(story.lessons, true));
  if (story.metrics.length > 0) {
    out.push(`<p class="ab-metrics"><strong>Key numbers:</strong> ${story.metrics.map((m) => h(m)).join(' <span class="ab-dot">·</span> ')}</p>`);
  }
  out.push(`<p class="ab-meta">${h(story.speakingLine)}</p>`);
  return out.join('\n');
}

function sectionHtml(section: ViewSection, labelled: boolean): string {
  const label = labelled ? `<h4 class="ab-label">${h(section.label)}</h4>` : '';
  return `<section class="ab-section ab-${h(section.key)}">${label}${mdastToHtml(section.nodes)}</section>`;
}

function coverageHtml(model: ViewModel): string {
  const rows = model.entries
    .map(
      (e) =>
        `<tr><td>${e.number}. ${h(e.question)}</td><td>${e.story ? `${h(e.story.title)}${e.story.year !== undefined ? ` (${e.story.year})` : ''}` : '<em>— no story yet —</em>'}</td><td>${
          e.story ? e.story.competencyLabels.map((c) => h(c)).join(', ') : ''
        }</td></tr>`,
    )
    .join('');
  let html = `<section class="ab-coverage" id="coverage"><h2>Coverage</h2><table><thead><tr><th>Question</th><th>Story</th><th>Competencies</th></tr></thead><tbody>${rows}</tbody></table>`;
  if (model.coverage.length > 0) {
    html += `<h3>Competencies this role emphasises</h3><table><thead><tr><th>Competency</th><th>Weight</th><th>Stories</th></tr></thead><tbody>${model.coverage
      .map((c) => `<tr><td>${h(c.label)}</td><td>${c.weight}</td><td>${c.stories.length > 0 ? c.stories.map((s) => h(s)).join('; ') : '<em>— none yet —</em>'}</td></tr>`)
      .join('')}</tbody></table>`;
  }
  return `${html}</section>`;
}

export const ANSWER_BANK_CSS = `
body{margin:0;background:#f4f4f2;color:#1b1b1b;font:16px/1.55 'Source Sans 3','Liberation Sans','DejaVu Sans',sans-serif}
.ab{max-width:46rem;margin:24px auto 64px;padding:36px 48px;background:#fff;box-shadow:0 1px 6px rgba(0,0,0,.18)}
.ab h1{margin:0;font-size:1.9rem;line-height:1.2}
.ab-sub{margin:.2rem 0 1.2rem;color:#555}
.ab-pitch{font-style:italic;color:#333;border-left:3px solid #bbb;padding-left:1rem}
.ab-toc ol{padding-left:1.4rem}
.ab-toc a{color:#1a4f9c}
.ab-gap-tag{color:#8a5a00;font-size:.9em}
.ab-entry{border-top:1px solid #ddd;margin-top:2rem;padding-top:.6rem}
.ab-entry h2{font-size:1.35rem;margin:.4rem 0 .2rem}
.ab-n{color:#777}
.ab-story{font-size:1.1rem;margin:.2rem 0 .6rem;color:#333}
.ab-year{font-weight:400;color:#777}
.ab-angle{background:#f1f6ff;border-left:3px solid #2a7de1;padding:.3rem .7rem}
.ab-label{margin:.9rem 0 .1rem;font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;color:#555}
.ab-section p{margin:.2rem 0 .5rem}
.ab-metrics{margin-top:.8rem}
.ab-dot{color:#999}
.ab-meta{color:#666;font-size:.9rem}
.ab-gap{color:#8a5a00;font-style:italic}
.ab-coverage table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1.2rem}
.ab-coverage th,.ab-coverage td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.ab-coverage th{background:#f0f0f0}
`;
