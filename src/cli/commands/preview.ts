import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, UserError, type Diagnostic } from '../../diagnostics.js';
import { selectProfiles } from '../../pipeline/build.js';
import { DEFAULT_PORT, startPreview, type PreviewUpdate } from '../../preview/server.js';
import type { Snapshot } from '../../preview/snapshot.js';
import { decodeText } from '../../workspace/decode.js';
import type { Paper } from '../../workspace/schema.js';
import { formatDiagnostics } from '../format/diagnostics.js';
import { formatBanner, formatUpdate } from '../format/preview.js';
import { quote } from '../format/quote.js';
import { parseProfile } from '../options.js';
import { useColor, type Globals } from '../print.js';

/**
 * `storybank preview`: start the server, print where it is, log each
 * re-render, and run until Ctrl-C (the CLI's signal handler exits with
 * 130; the server and watcher go with the process).
 */

export function parsePort(value: unknown): number {
  if (value === undefined) return DEFAULT_PORT;
  // The text as typed (yargs takes --port as a string): "abc" is named as "abc", never as NaN.
  const text = String(value).trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UserError(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${text}"`);
  }
  return port;
}

export async function runPreview(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const port = parsePort(argv.port);
  const profile = parseProfile(argv.profile);
  const paper = argv.paper as Paper | undefined;
  const storiesDir = join(g.dir, 'stories');
  if (!existsSync(storiesDir) || !statSync(storiesDir).isDirectory()) {
    throw new UserError(`${g.dir} has no stories/ folder; run \`storybank init\` to create a workspace, or pass --dir`);
  }
  const err = process.stderr;
  const color = useColor(err);
  let lastErrors = '';
  const printProblems = (update: PreviewUpdate) => {
    // Print a problem list once, when it changes, not on every save.
    const key = JSON.stringify(update.errors) + (update.failure?.message ?? '');
    if (key === lastErrors) return;
    lastErrors = key;
    if (update.errors.length > 0) err.write(`${formatDiagnostics(update.errors, { color, sourceLine: sourceLineOf(update.snapshot) })}\n`);
    else if (update.failure) err.write(`storybank: ${quote(update.failure.message)}\n${update.failure.hint ? `  fix: ${quote(update.failure.hint)}\n` : ''}`);
  };

  const preview = await startPreview({
    root: g.dir,
    port,
    // An explicit --port means that port or nothing; the default may move to the next free one.
    strictPort: argv.port !== undefined,
    profile,
    paper,
    onUpdate: (update) => {
      if (!g.quiet) err.write(`${formatUpdate(update, color)}\n`);
      printProblems(update);
    },
  });
  const snapshot = preview.snapshot();
  // An unknown --profile is a usage error, as in `build`: say so now rather than serve a 404.
  if (profile && snapshot.workspace && !hasErrors(snapshot.workspace.diagnostics)) {
    try {
      selectProfiles(snapshot.workspace, [profile]);
    } catch (e) {
      await preview.close();
      throw e;
    }
  }
  const errors: Diagnostic[] = snapshot.workspace?.diagnostics.filter((d) => d.severity === 'error') ?? snapshot.failure?.diagnostics ?? [];
  printProblems({ version: snapshot.version, changed: [], milliseconds: 0, reloaded: 0, errors, failure: snapshot.failure, snapshot });
  if (errors.length > 0 && !g.quiet) err.write(`The page shows ${errors.length === 1 ? 'this error' : 'these errors'} until ${errors.length === 1 ? 'it is' : 'they are'} fixed.\n`);
  process.stdout.write(`${formatBanner(preview, useColor(process.stdout))}\n`);
  // Runs until Ctrl-C; the CLI's SIGINT handler exits 130.
  await new Promise<never>(() => undefined);
  return 130;
}

function sourceLineOf(snapshot: Snapshot) {
  return (file: string, line: number): string | undefined => {
    const bytes = snapshot.sources.get(file);
    const text = bytes ? decodeText(file, bytes).text : undefined;
    return text?.replace(/^\uFEFF/, '').split('\n')[line - 1];
  };
}
