import { rmSync } from 'node:fs';

/** Removes the tests' story cache folder (see vitest.config.ts) when the run ends. */
export default function setup(): () => void {
  return () => {
    const dir = process.env.STORYBANK_TEST_CACHE_DIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
