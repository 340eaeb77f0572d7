import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the benchmark page (not part of the app). */
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: resolve(import.meta.dirname, '../../../tests/.tmp/bench-web'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(import.meta.dirname, 'heatmap.html') },
  },
  logLevel: 'warn',
});
