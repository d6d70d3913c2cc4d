import { rmSync } from 'node:fs';

/** Removes the run's temp folder (see vitest.config.ts) when the tests end. */
export default function setup(): () => void {
  return () => {
    const dir = process.env.STORYBANK_TEST_RUN_DIR;
    if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}
