import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.mts';

/** Component tests (Testing Library in jsdom) and the framework-free modules' specs. */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
      environment: 'jsdom',
      setupFiles: ['src/test-setup.ts'],
      testTimeout: 20_000,
    },
  }),
);
