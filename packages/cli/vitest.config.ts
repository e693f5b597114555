import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every test runs the built CLI as child processes (about 0.3 s each).
export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A docket started in the test process keeps its personal-data vault here, not in ~/.config.
    env: { DOCKET_PERSONAL_DATA_KEY_DIR: join(tmpdir(), 'docket-test-personal-data-keys') },
  },
});
