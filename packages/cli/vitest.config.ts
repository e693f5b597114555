import { defineConfig } from 'vitest/config';

// Every test runs the built CLI as child processes (about 0.3 s each).
export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
