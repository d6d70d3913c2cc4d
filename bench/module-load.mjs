// Row 7: what each dependency costs to load, in a fresh process, as the
// project's node_modules has it (unbundled). Prints one JSON object,
// { name: ms }. The CLI loads its own bundle (fewer files, so a little
// less); this row says which dependencies are worth keeping off a path.
//
//   node bench/module-load.mjs
const DEPENDENCIES = ['yargs', 'zod', 'yaml', 'js-yaml', 'gray-matter', 'mdast-util-from-markdown', 'handlebars', 'docx', 'puppeteer-core', 'ts-fsrs', 'parse5', 'chokidar'];

const name = process.argv[2];
if (name) {
  const started = performance.now();
  await import(name);
  process.stdout.write(String(performance.now() - started));
} else {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  const out = {};
  // Each in its own process: what one import costs when nothing is loaded yet.
  for (const dep of DEPENDENCIES) out[dep] = Number(spawnSync(process.execPath, [self, dep], { encoding: 'utf8' }).stdout);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
