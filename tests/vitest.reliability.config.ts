import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:reliability` (part of `pnpm test`) and `pnpm test:load`: the load, fault and backup
 * tests. They start servers and databases of their own, so files run one at a time.
 */
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['load/**/*.test.ts', 'reliability/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
