import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The console is served by the API under /console, so every asset URL carries that base.
 * JSX is compiled by Vite's own transformer (Oxc) with React's automatic runtime; no plugin is
 * needed because the console is rebuilt with `vite build --watch` rather than hot-reloaded.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      // react-router marks its modules "use client" (for server components); meaningless in a SPA.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
});
