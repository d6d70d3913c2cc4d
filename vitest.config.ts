import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Parsed stories are cached between runs (src/stories/cache-file.ts). Tests,
// and the CLIs they start, keep theirs in one temp folder, removed at the end.
const cacheDir = join(tmpdir(), `storybank-test-cache-${process.pid}`);
process.env.STORYBANK_TEST_CACHE_DIR = cacheDir;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    env: { STORYBANK_CACHE_DIR: cacheDir },
    globalSetup: ['test/helpers/global-setup.ts'],
    // PDF and LibreOffice tests start real processes; give them room on a 2-core machine.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
  },
});
