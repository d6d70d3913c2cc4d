#!/usr/bin/env node
// Where one `build` spends its time, in-process (not a benchmark row: use it
// to explain the rows). Times storybank's own stages and every Puppeteer
// call the PDF step makes, by wrapping the shared page's methods.
//
//   node bench/phases.mjs [--dir WORKSPACE] [--profile NAME]… [--repeat N]
//
// --repeat renders the same profile N times in one browser to show the warm
// per-profile cost (what each extra profile in one build pays).
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const get = (flag, dflt) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : dflt;
};
const dir = resolve(get('--dir', '.'));
const profileNames = args.flatMap((a, i) => (a === '--profile' ? [args[i + 1]] : []));
const repeat = Number(get('--repeat', '1'));

const t0 = performance.now();
const marks = [];
let last = t0;
const mark = (label, extra = '') => {
  const now = performance.now();
  marks.push({ label, ms: now - last, at: now - t0, extra });
  last = now;
};

const build = await import('../dist/pipeline/build.js');
mark('import dist/build.js (+ parsing deps)');
const workspace = await build.loadWorkspace(dir);
mark('loadWorkspace', `${workspace.stories.length} stories`);
const profiles = build.selectProfiles(workspace, profileNames.length ? profileNames : ['senior-backend']);
const { loadTemplates } = await import('../dist/render/templates.js');
const templates = await loadTemplates(dir);
mark('loadTemplates');
const { renderCheatSheetPdf } = await import('../dist/render/pdf/print.js');
const { renderCheatSheetHtml } = await import('../dist/render/html/cheatsheet.js');
mark('import render/pdf.js + html.js');
const { BrowserSession } = await import('../dist/render/pdf/browser.js');
await import('puppeteer-core');
mark('import puppeteer-core');
const session = new BrowserSession();
const page = await session.page();
mark('launch Chromium + sandbox page');

// Time each Puppeteer call the PDF step makes.
const calls = [];
for (const method of ['emulateMediaType', 'setViewport', 'setContent', 'evaluate', 'pdf']) {
  const original = page[method].bind(page);
  page[method] = async (...a) => {
    const s = performance.now();
    try {
      return await original(...a);
    } finally {
      calls.push({ method, ms: performance.now() - s, detail: method === 'setContent' ? `${Math.round(a[0].length / 1024)} KB` : '' });
    }
  };
}

const docxModule = import('../dist/render/docx/document.js');
for (let round = 0; round < repeat; round++) {
  for (const profile of profiles) {
    const views = build.viewsFor(workspace, profile, {});
    mark(`[${profile.name}${repeat > 1 ? ` #${round + 1}` : ''}] plan + view model`);
    const html = renderCheatSheetHtml(views.cheatSheet.model, templates);
    mark('  render HTML (Handlebars + fonts)', `${Math.round(html.length / 1024)} KB`);
    calls.length = 0;
    const sheet = await renderCheatSheetPdf(session, views.cheatSheet.model, templates, profile.file);
    mark('  renderCheatSheetPdf', `scale ${sheet.fit.scale}, ${sheet.fit.columns} columns`);
    for (const c of calls) marks.push({ label: `    page.${c.method}`, ms: c.ms, at: NaN, extra: c.detail, sub: true });
    const { renderAnswerBankDocx } = await docxModule;
    mark('  import docx (first time only)');
    const docx = await renderAnswerBankDocx(views.answerBank.model);
    mark('  renderAnswerBankDocx', `${Math.round(docx.length / 1024)} KB`);
  }
}
await session.close();
mark('close browser + remove profile folder');

for (const m of marks) {
  console.log(`${m.label.padEnd(44)} ${String(Math.round(m.ms)).padStart(6)} ms  ${Number.isNaN(m.at) ? '      ' : `@${String(Math.round(m.at)).padStart(5)}`}  ${m.extra}`);
}
console.log(`${'total (in-process, after node start-up)'.padEnd(44)} ${String(Math.round(performance.now() - t0)).padStart(6)} ms`);
