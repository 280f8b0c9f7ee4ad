// The web's API types (web/src/api/schema.d.ts) are generated from the API's OpenAPI document and checked in; this
// fails when they are stale — a route or schema changed and `npm run gen:web-types` was not run again. The check runs
// as a process of its own: openapi-typescript loads ES modules, which Jest's module system does not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const FILE = path.join(root, 'web/src/api/schema.d.ts');

function check(file?: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'scripts/gen-web-types.ts', '--check', ...(file ? [file] : [])], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

test('web/src/api/schema.d.ts is what `npm run gen:web-types` writes from the current API', () => {
  const r = check();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test('a stale file fails the check with the command that fixes it', () => {
  const stale = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'web-types-')), 'schema.d.ts');
  fs.writeFileSync(stale, `${fs.readFileSync(FILE, 'utf8')}// edited by hand\n`);
  const r = check(stale);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/out of date.*npm run gen:web-types/);
  fs.rmSync(path.dirname(stale), { recursive: true });
});
