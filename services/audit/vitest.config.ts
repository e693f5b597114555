import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// NestJS DI reads constructor parameter types from decorator metadata, which esbuild does not emit:
// SWC compiles the tests with legacy decorators and metadata (as tsc does for the build).
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    }),
  ],
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
