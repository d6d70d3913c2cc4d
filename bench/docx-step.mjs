#!/usr/bin/env node
// storybank's DOCX step on its own, for row 4 of the benchmark: from the
// answer bank's content (the view model) to a .docx file on disk, the first
// render in a fresh process. The clock starts before the DOCX code and the
// docx package are loaded, so their loading counts, as pandoc's start-up
// counts in its time; reading and validating the stories does not (pandoc
// gets the finished Markdown).
//
//   node bench/docx-step.mjs WORKSPACE PROFILE OUT.docx   → prints {"stepMs": …}
import { writeFileSync } from 'node:fs';

const [dir, profileName, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node bench/docx-step.mjs WORKSPACE PROFILE OUT.docx');
  process.exit(2);
}
const build = await import('../dist/pipeline/build.js');
const workspace = await build.loadWorkspace(dir, { cache: false });
const [profile] = build.selectProfiles(workspace, [profileName]);
const model = build.viewsFor(workspace, profile, {}).answerBank.model;

const started = performance.now();
const { renderAnswerBankDocx } = await import('../dist/render/docx/document.js');
writeFileSync(out, await renderAnswerBankDocx(model));
console.log(JSON.stringify({ stepMs: performance.now() - started }));
