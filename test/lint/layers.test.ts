// The folder table of DESIGN.md as lint rules (eslint.config.js): an import across a forbidden line fails
// `npm run lint`, and so CI. Each fixture is a one-line file at a path in the folder it pretends to live in; the
// type-aware rules are switched off for them (the files do not exist, so there is no type information).
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(__dirname, '../..');
// the config is handed over as a value: ESLint would load the file with a dynamic import, which Jest's VM refuses
const config = require('../../eslint.config.js') as ESLint.Options['baseConfig'];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, baseConfig: config, overrideConfig: tseslint.configs.disableTypeChecked });

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (DESIGN.md folder table)', () => {
  test.each([
    ['worker/lint-fixture.ts', "import { bench } from '../scripts/bench';"],
    ['worker/lint-fixture.ts', "import { createApp } from '../api/app';"],
    ['activities/lint-fixture.ts', "import { loadConfig } from '../config/env';"],
    ['activities/adapters/lint-fixture.ts', "import { createApp } from '../../api/app';"],
    ['api/routes/lint-fixture.ts', "import { engine } from '../../workflows/engine/engine';"],
    ['api/lint-fixture.ts', "import { createWorker } from '../worker/create-worker';"],
    ['api/lint-fixture.ts', "import { notificationDeps } from '../activities/notification-setup';"],
    ['store/lint-fixture.ts', "import { notificationDeps } from '../activities/notification-setup';"],
    ['domain/lint-fixture.ts', "import type { Store } from '../store/store';"],
    ['domain/lint-fixture.ts', "import { z } from 'zod';"],
    ['workflows/lint-fixture.ts', "import { createStepActivities } from '../activities';"],
    ['workflows/lint-fixture.ts', "import fs from 'node:fs';"],
    ['config/lint-fixture.ts', "import { openStore } from '../store/store';"],
    ['runtime/lint-fixture.ts', "import type { Config } from '../config/env';"],
    ['web/src/pages/lint-fixture.tsx', "import { ROLES } from '../../../domain/types';"],
    ['web/src/lint-fixture.ts', "import { Client } from '@temporalio/client';"],
  ])('%s: %s is refused', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([expect.stringMatching(/may import|types only|HTTP only|no server libraries|restricted/)]);
  });

  test.each([
    ['api/lint-fixture.ts', "import { completeTask } from '../workflows/messages';"],
    ['api/routes/lint-fixture.ts', "import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';"],
    ['workflows/lint-fixture.ts', "import type { createStepActivities } from '../activities';"],
    ['worker/lint-fixture.ts', "import { createStepActivities } from '../activities';"],
    ['activities/lint-fixture.ts', "import type { Store } from '../store/store';"],
    ['scripts/lint-fixture.ts', "import { createApp } from '../api/app';"],
    ['test/api/lint-fixture.ts', "import { createWorker } from '../../worker/create-worker';"],
    ['web/src/pages/lint-fixture.tsx', "import { api } from '../api/client';"],
  ])('%s: %s is allowed', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });

  test('the repository itself keeps to the table (the breaches of issue #18 are gone)', async () => {
    const files = ['worker/metrics.ts', 'api/metrics.ts', 'activities/notification-setup.ts', 'activities/directory-ldap.ts', 'activities/directory-sync.ts'];
    const repo = new ESLint({ cwd: root, overrideConfigFile: true, baseConfig: config, overrideConfig: { rules: Object.fromEntries(['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'].map((r) => [r, 'off'])) } });
    const results = await repo.lintFiles(files);
    expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}: ${m.message}`))).toEqual([]);
  });
});
