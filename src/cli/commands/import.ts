import { basename, resolve } from 'node:path';
import { importIntoWorkspace, readNotes } from '../../authoring/import-workspace.js';
import { formatImportSummary } from '../format/import-summary.js';
import { say, type Globals } from '../print.js';

export async function runImport(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const arg = String(argv.notes ?? '');
  const path = resolve(process.cwd(), arg);
  const notes = await readNotes(path, arg);
  const run = await importIntoWorkspace(g.dir, notes, { force: Boolean(argv.force), sourceName: basename(path) });
  if (!g.quiet) say(formatImportSummary(run, basename(path)));
  return 0;
}

