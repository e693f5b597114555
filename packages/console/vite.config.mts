import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const source = (workspace: string) => fileURLToPath(new URL(`../${workspace}/src/index.ts`, import.meta.url));

/**
 * The console is static files the gateway serves at `/` (the API stays under `/api`). The contracts and
 * the domain are bundled from their TypeScript sources: as ES modules, only what the screens use is kept.
 * `npm run dev -w @docket/console` serves it with hot reload against a docket on :8080.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@docket/contracts': source('contracts'),
      '@docket/domain': source('domain'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget is 350 KB gzipped for the first screen; Vite's warning is about one chunk, unzipped.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
