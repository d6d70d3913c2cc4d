import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder of storybank's own package.json (which has templates/ beside
 * it), found by walking up from this file. The same answer from src/ under
 * the tests, from dist/, and from the bundled chunks of the CLI, whose files
 * sit at other depths.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'storybank') return (root = dir);
    } catch {
      // No package.json here; keep walking.
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find storybank's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** storybank's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
