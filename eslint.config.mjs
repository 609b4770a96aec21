// Flat config: typescript-eslint's recommended rules, plus the boundary rule that keeps
// libs/ free of Nest, Redis and the DOM (docs/architecture.md, "Parts and imports"), plus
// three type-aware rules that catch real promise bugs, on the TypeScript that a tsconfig owns.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'tests/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Typed linting: the project service gives each file the program of its nearest
    // tsconfig.json, so apps/dashboard/src is checked with the dashboard's (DOM lib, bundler
    // resolution), scripts/data with its own and the rest with the root one (tests and bench
    // included). Files no tsconfig owns (vite and vitest configs, scripts/*.ts) stay untyped.
    files: [
      'apps/*/src/**/*.ts',
      'libs/*/src/**/*.ts',
      'config/src/**/*.ts',
      'store/src/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'scripts/data/**/*.ts',
    ],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits or catches turns a failure into an unhandled rejection (which
      // kills the process) or into silence; `void p` remains the explicit "handled elsewhere".
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where the caller expects void (a Nest hook, a socket or timer
      // handler, an event listener) drops its rejection on the floor.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'bullmq', 'ioredis', 'socket.io*', 'better-sqlite3', 'd3*'] },
      ],
      'no-restricted-globals': ['error', 'window', 'document'],
    },
  },
  {
    files: ['libs/engine/src/**/*.ts', 'libs/model/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            'bullmq',
            'ioredis',
            'socket.io*',
            'better-sqlite3',
            'd3*',
            'node:fs',
            'fs',
            'node:net',
            'node:http',
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Randomness comes from seeded streams (RandomStream).',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'Time comes in as an argument; the engine has its own clock.',
        },
      ],
    },
  },
  {
    // The browser bundle takes the shapes of the libs (types) and the pure, dependency-free
    // live-run client of @caretwin/contracts; never the code of the other libs.
    files: ['apps/dashboard/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@caretwin/*', '!@caretwin/contracts'],
              allowTypeImports: true,
              message: 'import types only: the dashboard bundle must not carry the libs',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'apps/*/bin/**'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', require: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
