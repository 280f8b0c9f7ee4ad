// Lint rules carry the lessons that cost the most when forgotten: no floating promises anywhere,
// and workflow code that stays deterministic (no Node built-ins, no zod, no I/O modules).
const tseslint = require('typescript-eslint');

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'dns', 'util',
  'stream', 'events', 'worker_threads', 'timers', 'process', 'url', 'zlib', 'readline', 'cluster'];
const builtinPatterns = nodeBuiltins.flatMap((m) => [m, `node:${m}`]);

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tools/**', 'web/dist/**', 'coverage/**', '*.js'] },
  {
    files: ['**/*.ts'],
    ignores: ['web/**'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    // the browser code has its own tsconfig (DOM libs, JSX)
    files: ['web/src/**/*.{ts,tsx}'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './web/tsconfig.json', tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...builtinPatterns, 'zod', 'pg', '@electric-sql/pglite', '@temporalio/client', '@temporalio/worker',
          '@temporalio/activity', 'express'],
        patterns: [
          { group: ['**/store/**', '**/api/**', '**/worker/**'], message: 'Workflow and domain code stay out of I/O.' },
          { group: ['**/activities/**'], allowTypeImports: true, message: 'Import activities as types only.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...builtinPatterns, 'zod', '@temporalio/workflow', '@temporalio/client', '@temporalio/worker'],
        patterns: [{ group: ['**/workflows/**', '**/activities/**', '**/store/**', '**/api/**', '**/worker/**'],
          message: 'domain/ imports nothing outside itself.' }],
      }],
    },
  },
);
