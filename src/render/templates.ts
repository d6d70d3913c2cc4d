import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError } from '../diagnostics.js';
import { packageRoot } from '../support/package.js';
import { readError } from '../support/read-error.js';

/** Templates shipped with storybank: <package>/templates, next to dist/ and src/. */
const builtinTemplatesDir = (): string => join(packageRoot(), 'templates');

export interface TemplateFile {
  /** Name relative to a templates folder, e.g. `partials/entry.hbs`. */
  name: string;
  /** Path shown in messages: workspace-relative for user files. */
  shownAs: string;
  source: string;
}

export interface TemplateSet {
  cheatsheet: TemplateFile;
  css: TemplateFile;
  partials: TemplateFile[];
}

/**
 * Built-in templates, each replaced by a workspace file of the same name in
 * `<workspace>/templates/` when there is one (the rendercv way).
 */
export async function loadTemplates(workspaceRoot?: string): Promise<TemplateSet> {
  const builtin = await readFolder(builtinTemplatesDir(), (name) => `(built-in) templates/${name}`);
  if (builtin.size === 0) {
    throw new EnvironmentError(`storybank's templates are missing from ${builtinTemplatesDir()}`, 'reinstall storybank (npm ci)');
  }
  const user = workspaceRoot
    ? await readFolder(join(workspaceRoot, 'templates'), (name) => `templates/${name}`)
    : new Map<string, TemplateFile>();
  const merged = new Map([...builtin, ...user]);
  const get = (name: string): TemplateFile => {
    const file = merged.get(name);
    if (!file) throw new EnvironmentError(`template ${name} is missing`, 'reinstall storybank (npm ci)');
    return file;
  };
  return {
    cheatsheet: get('cheatsheet.hbs'),
    css: get('cheatsheet.css'),
    partials: [...merged.values()].filter((f) => f.name.startsWith('partials/') && f.name.endsWith('.hbs')),
  };
}

async function readFolder(dir: string, shownAs: (name: string) => string): Promise<Map<string, TemplateFile>> {
  const files = new Map<string, TemplateFile>();
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })) as string[];
  } catch (err) {
    // No templates/ folder: the built-in templates are used. One that cannot be read is a problem to name.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return files;
    throw readError(shownAs('').replace(/\/$/, ''), err, 'the folder');
  }
  for (const raw of names.sort()) {
    const name = raw.split('\\').join('/');
    if (!/\.(hbs|css)$/.test(name)) continue;
    files.set(name, { name, shownAs: shownAs(name), source: await readTemplate(join(dir, raw), shownAs(name)) });
  }
  return files;
}

/**
 * One template file's text. A folder, a FIFO, a dangling or looping link or
 * an unreadable file under a template's name is the machine's problem, not
 * a bug: an environment error naming the file, with a fix.
 */
async function readTemplate(path: string, shown: string): Promise<string> {
  try {
    // Only regular files: reading a FIFO named *.hbs would never end.
    if (!(await stat(path)).isFile()) {
      throw Object.assign(new Error(`not a regular file, read '${path}'`), { code: 'EFTYPE' });
    }
    return await readFile(path, 'utf8');
  } catch (err) {
    throw readError(shown, err, 'the template');
  }
}
