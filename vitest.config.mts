import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const lib = (name: string) => fileURLToPath(new URL(`./libs/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  // Nest decorators need decorator metadata, which esbuild does not emit (NestJS docs).
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@caretwin/engine': lib('engine'),
      '@caretwin/scenario': lib('scenario'),
      '@caretwin/contracts': lib('contracts'),
      '@caretwin/model': lib('model'),
    },
  },
  test: {
    include: ['libs/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts', 'tests/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
