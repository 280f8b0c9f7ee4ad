// A module's test sits at its mirrored path (`domain/plan.ts` → `test/domain/plan.test.ts`), so a newcomer finds it
// without searching. This test keeps that true for the source folders: a test file there either names a module (a
// file, or a folder such as `domain/templates/`) or is listed below as one that tests across modules.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
/** Test folders that mirror a source folder. (`test/web/` is left out: the web's modules live under `web/src/`.) */
const MIRRORED = ['domain', 'store', 'api', 'activities', 'workflows', 'worker', 'runtime', 'config'];

/**
 * Tests that test across modules, so no single module is theirs (paths relative to test/). Keep each with its reason;
 * a new test of one module goes to that module's mirrored path instead of onto this list.
 */
const CROSS_CUTTING: Record<string, string> = {
  // API journeys: whole requests through the app against a real Temporal and store, over several routes
  'api/api.test.ts': 'the main API journey',
  'api/comment-messages.test.ts': 'comments and messages across tasks, runs and mail',
  'api/db-outage.test.ts': 'every route while PostgreSQL is down',
  'api/directory-config.test.ts': 'directory settings from the environment to sign-in',
  'api/directory-tokens.test.ts': 'directory sign-in tokens through auth and the store',
  'api/directory.test.ts': 'LDAP directory from worker schedule to the API',
  'api/export-check.test.ts': 'form exports checked by steps and routes',
  'api/feasible-targets.test.ts': 'earliest go-live from start to run page',
  'api/form-checks.test.ts': 'form checks on task completion',
  'api/form-validation.test.ts': 'forms, form dates and problem answers together',
  'api/four-eyes.test.ts': 'four-eyes approvals across routes and the engine',
  'api/fuzz-regressions.test.ts': 'what the fuzzer found, over many routes',
  'api/gemeinde-view.test.ts': 'what a Gemeinde user sees across the API',
  'api/graceful-close.test.ts': 'server shutdown with requests in flight',
  'api/hardening.test.ts': 'limits, headers and bad input on every route',
  'api/oidc-untrusted.test.ts': 'OIDC with an untrusted issuer',
  'api/oidc-web-signin.test.ts': 'OIDC sign-in of the web UI',
  'api/outside-linters.test.ts': 'OpenAPI and /metrics through outside linters',
  'api/policy-matrix.test.ts': 'every route × every role against api/policy.ts',
  'api/portfolio-report.test.ts': 'the monthly report from the store to its download',
  'api/repair-tasks.test.ts': 'incident repair tasks across the engine and routes',
  'api/required-documents.test.ts': 'required documents across uploads and task completion',
  // store tests over several query modules and both backends
  'store/activity-records.test.ts': 'activity records written by activities, read by the store',
  'store/runs-and-dashboard.test.ts': 'run and dashboard projections from events',
  'store/schema.test.ts': 'migrations and the schema on PGlite and PostgreSQL',
  'store/task-list.test.ts': 'the task list projection and its queries',
  'store/unavailable.test.ts': 'the store while its database is away',
  // workflow behaviour on a Temporal test server, across the engine's parts
  'workflows/child-progress.test.ts': 'children reporting progress to their parent',
  'workflows/deadlines.test.ts': 'reminders, escalations and blocked windows on durable timers',
  'workflows/forecast.test.ts': 'forecast moves recorded as audit events',
};

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []);
}

/** The module a test file mirrors: `<path>.ts`, `<path>.tsx`, or a folder `<path>/`. */
function hasModule(testPath: string): boolean {
  const base = join(ROOT, testPath.replace(/\.test\.ts$/, ''));
  return ['.ts', '.tsx', ''].some((ext) => existsSync(base + ext));
}

describe('test layout', () => {
  const tests = MIRRORED.flatMap((folder) => testFiles(join(ROOT, 'test', folder))).map((f) => relative(join(ROOT, 'test'), f));

  it('has a source module at the mirrored path of every test, or lists the test as cross-cutting', () => {
    const stray = tests.filter((t) => !hasModule(t) && !(t in CROSS_CUTTING));
    expect(stray).toEqual([]);
  });

  it('lists only cross-cutting tests that exist and mirror no module', () => {
    const stale = Object.keys(CROSS_CUTTING).filter((t) => !tests.includes(t) || hasModule(t));
    expect(stale).toEqual([]);
  });

  it('finds the tests it checks', () => {
    expect(tests).toEqual(expect.arrayContaining(['domain/plan.test.ts', 'store/notifications.test.ts', 'worker/metrics.test.ts']));
  });
});
