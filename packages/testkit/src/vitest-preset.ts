import { tmpdir } from 'node:os';
import { join } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The Vitest config of the packages and services that test NestJS code (`@docket/testkit/vitest`):
 * NestJS DI reads constructor parameter types from decorator metadata, which esbuild does not emit, so
 * SWC compiles the tests with legacy decorators and metadata (as tsc does for the build). Specs live in
 * `src/` and `test/`; a test may take 20 s, a hook 30 s (a private nats-server, a NestJS app).
 *
 * A package's differences are explicit overrides, merged over the preset (arrays such as `include` are
 * concatenated, as Vite's `mergeConfig` does).
 *
 * Compiled (dist/vitest-preset.js) rather than loaded as source: Vite bundles a config file but leaves
 * its package imports to Node, which does not load TypeScript. `unplugin-swc` and `@swc/core` are not
 * testkit's dependencies (they would stay in the pruned image): each package using the preset declares
 * them as devDependencies, and npm hoists them to the root node_modules, where this file finds them.
 */
export function nestVitestConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  const preset = defineConfig({
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
      // The checkpoint key's default place is the account's configuration (~/.config/docket/keys): a test
      // that starts docket without naming one must not make or use the key of whoever runs the tests.
      // So are the personal-data vaults (~/.config/docket/personal-data): one per data directory started.
      env: {
        DOCKET_CHECKPOINT_KEY_DIR: join(tmpdir(), 'docket-test-checkpoint-keys'),
        DOCKET_PERSONAL_DATA_KEY_DIR: join(tmpdir(), 'docket-test-personal-data-keys'),
      },
      testTimeout: 20_000,
      hookTimeout: 30_000,
    },
  });
  return mergeConfig(preset, overrides);
}
