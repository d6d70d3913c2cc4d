import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Everything the tests write to a temp folder (workspaces, outputs, browser
// profiles, the story cache of the CLIs they start) goes below one folder
// per run, removed at the end (test/helpers/global-setup.ts).
const runDir = join(tmpdir(), `storybank-tests-${process.pid}`);
mkdirSync(runDir, { recursive: true });
process.env.STORYBANK_TEST_RUN_DIR = runDir;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    env: { TMPDIR: runDir, STORYBANK_CACHE_DIR: join(runDir, 'cache') },
    globalSetup: ['test/helpers/global-setup.ts'],
    // PDF and LibreOffice tests start real processes; give them room on a 2-core machine.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
  },
});
