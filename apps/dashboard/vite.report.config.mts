// The standalone report bundle: the same chart modules as the dashboard, built into ONE script
// (IIFE, no chunks, no imports at run time) and one stylesheet, which `caretwin report` inlines
// with the result into a single HTML file that opens offline. `npm run build` builds it after
// the dashboard (package.json "build"), into dist/report/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    alias: {
      '@caretwin/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
    },
  },
  // a library build does not replace process.env.NODE_ENV by itself
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/report',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    cssCodeSplit: false,
    lib: {
      entry: fileURLToPath(new URL('./src/report/main.ts', import.meta.url)),
      name: 'CareTwinReport',
      formats: ['iife'],
      fileName: () => 'report.js',
      cssFileName: 'report',
    },
  },
});
