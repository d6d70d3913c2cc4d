#!/usr/bin/env node
// The one-page fit, measured inside the page: how many layouts fitSheet
// (src/render/fit.ts) forces and how long they take, as shipped and with the column pruning of
// variant.mjs `fitprune` (same result, fewer layouts).
//   node bench/experiments/fit.mjs [--dir WS] [--reps N]
import { resolve } from 'node:path';

const argv = process.argv.slice(2);
const take = (flag, dflt) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : dflt);
const dir = resolve(take('--dir', '.'));
const reps = Number(take('--reps', '5'));

const build = await import('../../dist/build.js');
const { loadTemplates } = await import('../../dist/render/templates.js');
const html = await import('../../dist/render/html.js');
const { BrowserSession } = await import('../../dist/render/browser.js');
const { fitSheet } = await import('../../dist/render/fit.js');
const { fitConfigFor } = await import('../../dist/render/pdf.js');
const shipped = fitSheet.toString();
const counting = (fn) => fn.replace('const height = () =>', 'const height = () => (window.__layouts = (window.__layouts || 0) + 1, 0) +');
const variants = {
  shipped: counting(shipped),
  pruned: counting(shipped.replace('for (const columns of opts.columnChoices) {', 'for (const columns of opts.columnChoices) {\n if (best) { set(Math.min(1, best.scale + 0.0205), columns); if (!fits()) continue; }')),
};

const workspace = await build.loadWorkspace(dir);
const templates = await loadTemplates(dir);
const session = new BrowserSession();
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
try {
  const page = await session.page();
  await page.emulateMediaType('print');
  console.log('profile'.padEnd(18), 'variant'.padEnd(8), 'scale  cols  layouts  in-page ms (median; first load)');
  for (const profile of workspace.profiles) {
    const model = build.viewsFor(workspace, profile, {}).cheatSheet.model;
    const area = html.printableArea(model.profile.paper);
    await page.setViewport({ width: Math.floor(area.width), height: Math.floor(area.height) });
    const opts = fitConfigFor(model);
    const first = html.renderCheatSheetHtml(model, templates, html.DEFAULT_FIT);
    for (const [name, fn] of Object.entries(variants)) {
      const times = [];
      let last;
      for (let i = 0; i < reps; i++) {
        await page.setContent(first, { waitUntil: 'load' });
        last = await page.evaluate(`(() => { window.__layouts = 0; const t = performance.now(); const r = (${fn})(${JSON.stringify(opts)}); return { ...r, ms: performance.now() - t, layouts: window.__layouts }; })()`);
        times.push(last.ms);
      }
      console.log(profile.name.padEnd(18), name.padEnd(8), String(last.scale).padEnd(6), String(last.columns).padEnd(5), String(last.layouts).padEnd(8), `${Math.round(median(times))} (${Math.round(times[0])})`);
    }
  }
} finally {
  await session.close();
}
