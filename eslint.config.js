// Lint rules carry the lessons that cost the most when forgotten: no floating promises anywhere, workflow code that
// stays deterministic (no Node built-ins, no zod, no I/O modules), and the folder table of DESIGN.md — who may import
// whom — so that a crossing fails `npm run lint` (and CI) instead of waiting for a reviewer.
const tseslint = require('typescript-eslint');

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'dns', 'util',
  'stream', 'events', 'worker_threads', 'timers', 'process', 'url', 'zlib', 'readline', 'cluster'];
const builtinPatterns = nodeBuiltins.flatMap((m) => [m, `node:${m}`]);

// The top-level folders of the server side and which others each may import (DESIGN.md's table, plus `config/`
// and `runtime/`, docs/architecture.md). `scripts/` and `test/` may import anything; `web/` nothing but itself.
const FOLDERS = ['domain', 'workflows', 'activities', 'store', 'worker', 'api', 'config', 'runtime', 'scripts', 'test', 'web'];
const MAY_IMPORT = {
  domain: [],
  workflows: ['domain'], // and activity *types* (below)
  activities: ['domain', 'store', 'runtime'],
  store: ['domain'],
  worker: ['domain', 'workflows', 'activities', 'store', 'config', 'runtime'],
  api: ['domain', 'store', 'config', 'runtime'], // and workflows/messages.ts, workflows/search-attributes.ts (below)
  // configuration builds the adapters' settings, so it knows their shapes
  config: ['domain', 'activities'],
  // process plumbing shared by the API and the worker (process metrics, a free port, the Bavarian holiday
  // calendar from date-holidays): libraries and the domain's types only
  runtime: ['domain'],
};
// Libraries a folder must not import, beside the folders.
const LIBRARIES = {
  domain: [...builtinPatterns, 'zod', '@temporalio/workflow', '@temporalio/client', '@temporalio/worker',
    '@temporalio/activity', 'pg', '@electric-sql/pglite', 'express'],
  workflows: [...builtinPatterns, 'zod', 'pg', '@electric-sql/pglite', '@temporalio/client', '@temporalio/worker',
    '@temporalio/activity', 'express'],
  store: ['@temporalio/workflow', '@temporalio/worker', '@temporalio/client', 'express'],
  api: ['@temporalio/worker', '@temporalio/activity'],
};

/** A relative import that lands in the top-level folder `folder` (`../store/db`, `../../store`). */
const into = (folder) => `^(\\.\\./)+${folder}(/|$)`;

/**
 * The `no-restricted-imports` options for files of `folder`. `except` lists regexes of imports allowed in spite of
 * the table (each exception says why where it is given).
 */
function layerRule(folder, except = []) {
  const allowed = MAY_IMPORT[folder];
  const patterns = FOLDERS.filter((f) => f !== folder && !allowed.includes(f)).map((f) => ({
    regex: into(f),
    message: `${folder}/ may import ${allowed.length ? allowed.map((a) => `${a}/`).join(', ') : 'nothing outside itself'} (DESIGN.md, folder table).`,
    ...(folder === 'workflows' && f === 'activities' ? { allowTypeImports: true, message: 'Import activities as types only.' } : {}),
  }));
  if (folder === 'api') {
    // the API talks to workflows only through their message and search attribute definitions
    const workflows = patterns.find((p) => p.regex === into('workflows'));
    workflows.regex = '^(\\.\\./)+workflows(/(?!(messages|search-attributes)$)|$)';
    workflows.message = 'api/ imports from workflows/ only messages.ts and search-attributes.ts (DESIGN.md, folder table).';
  }
  if (except.length) for (const p of patterns) p.regex = `(?!${except.join('|')})${p.regex}`;
  return ['error', { paths: LIBRARIES[folder] ?? [], patterns }];
}

const typeChecked = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
  // a leading underscore marks a name kept on purpose (an Express error handler's 4th parameter, a field left out
  // of a copy with `...rest`)
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
  // activities, adapters and interface implementations are async by contract even where their work is synchronous:
  // `async` turns a throw into a rejected promise, which is what their callers (and the Temporal SDK) handle
  '@typescript-eslint/require-await': 'off',
  // String(v) of a JSON value (form data, token claims, calendar fields) is the display wanted; objects are
  // JSON.stringify'd before. Template literals stay checked (restrict-template-expressions).
  '@typescript-eslint/no-base-to-string': 'off',
};

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tools/**', 'web/dist/**', 'coverage/**', '*.js',
    // generated (npm run gen:web-types)
    'web/src/api/schema.d.ts'] },
  {
    files: ['**/*.ts'],
    ignores: ['web/**'],
    extends: tseslint.configs.recommendedTypeChecked,
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname } },
    rules: typeChecked,
  },
  {
    // the browser code has its own tsconfig (DOM libs, JSX)
    files: ['web/src/**/*.{ts,tsx}'],
    extends: tseslint.configs.recommendedTypeChecked,
    languageOptions: { parserOptions: { project: './web/tsconfig.json', tsconfigRootDir: __dirname } },
    rules: typeChecked,
  },
  ...Object.keys(MAY_IMPORT).map((folder) => ({
    files: [`${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': layerRule(folder) },
  })),
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }] },
  },
  // The web talks to the API over HTTP only: nothing above web/src/, however deep the importing file sits.
  ...[0, 1, 2, 3].map((depth) => ({
    files: [`web/src/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: `^(\\.\\./){${depth + 1},}`, message: 'web/ talks to the API over HTTP only (DESIGN.md, folder table).' },
          { regex: '^(@temporalio/|pg$|express$|zod$)', message: 'web/ runs in the browser: no server libraries.' },
        ],
      }],
    },
  })),
  {
    // The API's HTTP clients — tests, the bot, the benchmarks, the history recorder — read JSON answers
    // (supertest's `res.body`, `fetch(…).json()`) as `any` and check what they use; typing every body would restate
    // the API's schemas in each of them. Jest's mocks are handed over as unbound methods
    // (`expect(store.append).toHaveBeenCalled()`), and tests load built files and optional modules with require().
    files: ['test/**/*.ts', 'scripts/bot.ts', 'scripts/bench/**/*.ts', 'scripts/record-histories.ts', 'scripts/record-histories/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Exceptions, each until a named change lands:
  {
    // The upload and submit checks of file fields are the very checks the consuming activities make, so a file shown
    // as fine in the form is fine in the step (api/file-fields.ts). They belong in a module both may import; until
    // they move, these two files may import the activities' pure check functions.
    files: ['api/file-fields.ts', 'api/forms.ts'],
    rules: { 'no-restricted-imports': layerRule('api', ['(\\.\\./)+activities/(accounts|csv|inventory|reconciliation)$']) },
  },
  {
    // The monthly report downloaded from the Übersicht is the one the Schedule mails: one renderer, in activities/.
    files: ['api/routes/reports.ts'],
    rules: { 'no-restricted-imports': layerRule('api', ['(\\.\\./)+activities/portfolio-report$']) },
  },
  {
    // A webhook's target is refused when it is subscribed by the check its delivery makes: one rule, in activities/.
    files: ['api/routes/webhooks.ts'],
    rules: { 'no-restricted-imports': layerRule('api', ['(\\.\\./)+activities/webhook-target$']) },
  },
);
