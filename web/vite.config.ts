import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app is plain Preact + TypeScript; JSX compiles to Preact's automatic runtime (no Babel).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would add an inline script; every browser the app targets preloads modules natively.
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: true,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
