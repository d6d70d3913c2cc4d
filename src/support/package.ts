import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageJson {
  name?: string;
  version?: string;
}

/** The nearest package.json named `name` at or above `dir`, with its folder. */
export function findPackage(dir: string, name: string): { dir: string; pkg: PackageJson } | undefined {
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
      if (pkg.name === name) return { dir, pkg };
    } catch {
      // No package.json here; keep walking.
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

let own: { dir: string; pkg: PackageJson } | undefined;

/**
 * storybank's own package.json, found by walking up from this file: the same
 * answer from src/ under the tests, from dist/, and from the bundled chunks
 * of the CLI, whose files sit at other depths.
 */
function ownPackage(): { dir: string; pkg: PackageJson } {
  const here = fileURLToPath(import.meta.url);
  own ??= findPackage(dirname(here), 'storybank');
  if (!own) throw new Error(`cannot find storybank's package.json above ${here}`);
  return own;
}

/** The folder of storybank's package.json (which has templates/ beside it). */
export function packageRoot(): string {
  return ownPackage().dir;
}

/** storybank's version, from its package.json. */
export function packageVersion(): string {
  return ownPackage().pkg.version ?? '0.0.0';
}
