import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { EnvironmentError, UserError } from '../diagnostics.js';

/**
 * Where `build` may write: only inside --out, one folder per profile.
 *
 * - An --out inside stories/ or templates/ would be read back by the next
 *   `check` as stories and templates (answer-bank.md is Markdown): refused,
 *   as a usage error when typed so, as an environment error when a link
 *   leads there.
 * - A profile folder (`out/<profile>`) that is a symbolic link would send
 *   the outputs somewhere else entirely: refused, never followed. --out
 *   itself may be a link (an output folder on another disk is normal).
 *
 * Checked before rendering, so a refused build costs nothing, and again
 * just before writing.
 */
export async function checkOutputFolders(root: string, outDir: string, profiles: readonly string[]): Promise<void> {
  const out = resolve(root, outDir);
  const guarded = ['stories', 'templates'].map((name) => join(root, name));
  for (const folder of [out, ...profiles.map((p) => join(out, p))]) {
    const inside = guarded.find((g) => isInside(folder, g));
    if (inside) {
      throw new UserError(
        `--out ${outDir} would write into ${basename(inside)}/ (${relative(root, folder) || '.'}), where the next \`check\` would read the outputs as ${basename(inside) === 'stories' ? 'stories' : 'templates'}; choose a folder outside stories/ and templates/ (the default is out/)`,
      );
    }
    const real = await realPathOf(folder);
    for (const g of guarded) {
      const realGuarded = await realpath(g).catch(() => undefined);
      if (realGuarded && isInside(real, realGuarded)) {
        throw new EnvironmentError(
          `--out ${outDir} leads into ${basename(g)}/ through a symbolic link (${folder} is ${real})`,
          'choose another folder with --out DIR, or remove the link',
        );
      }
    }
  }
  for (const profile of profiles) {
    const folder = join(out, profile);
    const found = await lstat(folder).catch(() => undefined);
    if (found?.isSymbolicLink()) {
      const target = await readlink(folder).catch(() => '?');
      throw new EnvironmentError(
        `cannot write ${folder}: it is a symbolic link (to ${target}); storybank writes only inside --out and does not follow links there`,
        `remove the link (rm "${folder}") and build again, or choose another folder with --out DIR`,
      );
    }
  }
}

/** Whether `path` is `folder` or below it. */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path`, which need not exist yet: its nearest existing ancestor, resolved, with the rest appended. */
async function realPathOf(path: string): Promise<string> {
  const rest: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    const real = await realpath(p).catch(() => undefined);
    if (real) return join(real, ...rest.reverse());
    if (dirname(p) === p) return path;
    rest.push(basename(p));
  }
}
