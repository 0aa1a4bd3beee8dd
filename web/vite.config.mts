import { defineConfig } from 'vite';

/** `vite build web` (npm run build:web): the dashboard, served by linli's API process under /app/. */
export default defineConfig({
  base: '/app/',
  // No React plugin: the built-in transform compiles JSX for React 17+'s automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false },
});
