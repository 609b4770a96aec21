// Builds the dashboard into dist/ (static files the api serves at `/`). `npm run dev -w
// apps/dashboard` serves it with the api at http://127.0.0.1:3000 behind a proxy.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = process.env.CARETWIN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  resolve: {
    // the pure contracts lib from source (ES modules, tree-shaken), not its CommonJS dist
    alias: {
      '@caretwin/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
