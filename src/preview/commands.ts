import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { selectProfiles } from '../build.js';
import { hasErrors, UserError, type Diagnostic } from '../errors.js';
import { decodeText } from '../stories/source.js';
import type { Paper } from '../stories/schema.js';
import { formatDiagnostics } from '../report.js';
import { DEFAULT_PORT, startPreview, type Preview, type PreviewUpdate } from './server.js';
import type { Snapshot } from './snapshot.js';

/**
 * CLI glue for `storybank preview`: start the server, print where it is,
 * log each re-render, and run until Ctrl-C (the CLI's signal handler exits
 * with 130; the server and watcher go with the process).
 */

interface Globals {
  dir: string;
  quiet: boolean;
  verbose: boolean;
}

/** Colour only on a terminal, and never with NO_COLOR or TERM=dumb (same rule as the rest of the CLI). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}

export function parsePort(value: unknown): number {
  const port = value === undefined ? DEFAULT_PORT : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${String(value)}"`);
  }
  return port;
}

/** The lines printed once the server is up. */
export function formatBanner(preview: Pick<Preview, 'startUrl' | 'portNote'>, color: boolean): string {
  const c = pc.createColors(color);
  const lines: string[] = [];
  if (preview.portNote) lines.push(c.yellow(preview.portNote));
  lines.push(`${c.bold('storybank preview')}  ${c.cyan(c.underline(preview.startUrl))}`);
  lines.push(c.dim('Serving on 127.0.0.1 only. Reloads when you save a story, profile, questions.yml, storybank.yml or template. Ctrl-C to stop.'));
  return lines.join('\n');
}

/** One line per re-render, e.g. `12:04:31 stories/failure.md → 1 page reloaded (38 ms)`. */
export function formatUpdate(update: PreviewUpdate, color: boolean, at: Date = new Date()): string {
  const c = pc.createColors(color);
  const what = update.changed.length > 0 ? update.changed.join(', ') : 'refresh';
  const pages = `${update.reloaded} page${update.reloaded === 1 ? '' : 's'} reloaded`;
  const ms = `${Math.round(update.milliseconds)} ms`;
  const state = update.failure
    ? c.red(update.failure.message)
    : update.errors.length > 0
      ? c.red(`${update.errors.length} error${update.errors.length === 1 ? '' : 's'}, shown in the page`)
      : c.green('ok');
  return `${c.dim(at.toTimeString().slice(0, 8))} ${what} → ${state} · ${pages} (${ms})`;
}

export async function runPreview(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const port = parsePort(argv.port);
  const profile = typeof argv.profile === 'string' && argv.profile.length > 0 ? argv.profile : undefined;
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
    else if (update.failure) err.write(`storybank: ${update.failure.message}\n${update.failure.hint ? `  fix: ${update.failure.hint}\n` : ''}`);
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
