import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'db/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/**'],
    globalSetup: ['packages/db/src/test-global-setup.ts'],
    setupFiles: ['packages/api/src/reliability/fuzz-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
