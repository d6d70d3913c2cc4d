import pc from 'picocolors';
import type { Preview, PreviewUpdate } from '../../preview/server.js';
import { quote } from './quote.js';

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
  const what = update.changed.length > 0 ? update.changed.map(quote).join(', ') : 'refresh';
  const pages = `${update.reloaded} page${update.reloaded === 1 ? '' : 's'} reloaded`;
  const ms = `${Math.round(update.milliseconds)} ms`;
  const state = update.failure
    ? c.red(quote(update.failure.message))
    : update.errors.length > 0
      ? c.red(`${update.errors.length} error${update.errors.length === 1 ? '' : 's'}, shown in the page`)
      : c.green('ok');
  return `${c.dim(at.toTimeString().slice(0, 8))} ${what} → ${state} · ${pages} (${ms})`;
}

