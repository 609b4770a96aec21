// Four test projects; `npm test` (the README's test command and CI) runs them all.
//   unit    `npm run test:unit`    libs, apps and tests/{data,model,calibration} specs: no Redis, no
//                                   browser, no child process, no build; well under a minute on 2 cores
//   service `npm run test:service` the built api, worker and CLI as child processes, the
//                                   replication thread pool, a private redis-server
//   faults  `npm run test:faults`  kills and restarts of Redis, api and worker (tests/faults/README.md)
//   e2e     `npm run test:e2e`     the dashboard in Debian's Chromium against the built service
// service, faults and e2e run built dist/ files: tests/service/harness/build.ts rebuilds first
// when a src/ is newer. In every project an import of a lib resolves to its src/ through the
// aliases below, never to the dist/ its package.json names.
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(`./${path}`, import.meta.url));

// Pure, fast and Redis-free despite its folder: the config lib's schema and defaults.
const CONFIG_SPEC = 'tests/service/config.spec.ts';

export default defineConfig({
  // Nest decorators need decorator metadata, which esbuild does not emit (NestJS docs).
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@caretwin/engine': source('libs/engine/src/index.ts'),
      '@caretwin/scenario': source('libs/scenario/src/index.ts'),
      '@caretwin/contracts': source('libs/contracts/src/index.ts'),
      '@caretwin/model': source('libs/model/src/index.ts'),
      // ReplicationPool's worker threads are plain Node, outside vitest, so they load the built
      // libs/runner/dist/replication.worker.js (and, through node_modules, the other libs'
      // dist/): only the specs that start a pool need a build, and they are in `service`.
      '@caretwin/runner': source('libs/runner/src/index.ts'),
      '@caretwin/census': source('libs/census/src/index.ts'),
      '@caretwin/workshop': source('libs/workshop/src/index.ts'),
      '@caretwin/config': source('config/src/index.ts'),
      '@caretwin/store': source('store/src/index.ts'),
    },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'libs/*/src/**/*.spec.ts',
            'apps/*/src/**/*.spec.ts',
            'store/src/**/*.spec.ts',
            'tests/data/**/*.spec.ts',
            'tests/model/**/*.spec.ts',
            'tests/calibration/**/*.spec.ts',
            CONFIG_SPEC,
          ],
          // the worker's specs run BullMQ on a private redis-server
          exclude: [...configDefaults.exclude, 'apps/worker/**'],
          // Files share their worker's module cache: a fresh one per file cost 3 times the CPU
          // (mathjs, zod and jsdom loaded 70 times). So a unit spec leaves no global state behind
          // (process.env, globalThis, a module's mutable singletons).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'service',
          include: [
            'tests/service/**/*.spec.ts',
            'tests/live/**/*.spec.ts',
            'tests/cli/**/*.spec.ts',
            'apps/worker/src/**/*.spec.ts',
          ],
          exclude: [...configDefaults.exclude, CONFIG_SPEC],
        },
      },
      { extends: true, test: { name: 'faults', include: ['tests/faults/**/*.spec.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.spec.ts'] } },
    ],
  },
});
