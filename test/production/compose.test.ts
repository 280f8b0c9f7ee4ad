// The production compose file, checked without a Docker engine: `docker-compose config` (Debian's docker-compose
// package; npm test installs it as root, test/global-setup.ts) validates and interpolates docker-compose.yml, and
// the result is held against what the stack promises in docs/operations.md: the services and their start order,
// pinned images, health checks, loopback-only ports, required secrets, every search attribute registered and every
// setting documented. No skipping: without docker-compose this file fails and says how to install it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployedHeapMb } from '../../scripts/bench/deployed-heap';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../../workflows/search-attributes';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const ENV_EXAMPLE = path.join(ROOT, '.env.example');
const SETUP_SCRIPT = path.join(ROOT, 'deploy', 'temporal', 'setup.sh');
const SCHEMA_SCRIPT = path.join(ROOT, 'deploy', 'temporal', 'schema.sh');

/** compose refuses to start without these (${VAR:?…}); dummy values for the checks */
const REQUIRED: Record<string, string> = {
  OIDC_ISSUER: 'https://login.ku-it.example/realms/ku',
  OIDC_AUDIENCE: 'ku-onboarding-api',
  POSTGRES_PASSWORD: 'postgres-password-for-the-test',
  APP_DB_PASSWORD: 'app-password-for-the-test',
  PUBLIC_URL: 'https://onboarding.ku-it.example',
  SMTP_URL: 'smtp://mail.ku-it.example:587',
};
const ONE_SHOTS = ['temporal-schema', 'temporal-setup'];
/** settings of `npm start`'s embedded dev server and database: nothing to pass to the containers */
const EMBEDDED_ONLY = new Set(['TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'DATA_DIR']);

// js-yaml comes with jest's own dependencies (no type package): only `load` is used, which every version has
let yaml: { load(text: string): unknown };
try {
  yaml = require('js-yaml') as typeof yaml;
} catch {
  throw new Error('js-yaml is missing from node_modules (it comes with jest): run npm ci');
}

interface Healthcheck { test?: string[] | string; disable?: boolean }
interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string } | string;
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: Healthcheck;
  ports?: (string | { host_ip?: string; published?: string | number; target: number })[];
  restart?: string;
  stop_grace_period?: string;
  volumes?: (string | { source?: string; target: string })[];
  profiles?: string[];
}
interface ComposeConfig { services: Record<string, Service>; volumes?: Record<string, unknown> }

let tmp: string;
let emptyEnvFile: string;
let config: ComposeConfig;

function runCompose(env: Record<string, string>, envFile: string): { status: number | null; stdout: string; stderr: string } {
  // nothing from the test's own environment (DATABASE_URL, TEMPORAL_* of the test servers …) leaks into the result
  const result = spawnSync('docker-compose', ['--env-file', envFile, '-f', COMPOSE_FILE, 'config'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function parseConfig(stdout: string): ComposeConfig {
  const parsed = yaml.load(stdout) as ComposeConfig | undefined;
  if (!parsed?.services) throw new Error(`docker-compose config printed no services:\n${stdout}`);
  return parsed;
}

function dependencies(service: Service): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d.condition]));
}

function seconds(duration: string | undefined): number {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration ?? '');
  if (!duration || !match) throw new Error(`not a duration: ${duration}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

function hostIp(port: NonNullable<Service['ports']>[number]): string {
  if (typeof port === 'object') return port.host_ip ?? '0.0.0.0';
  const parts = port.split(':');
  // "127.0.0.1:3000:3000/tcp" has a host address; "3000:3000" publishes on every interface
  return parts.length >= 3 ? parts[0] : '0.0.0.0';
}

function text(value: string[] | string | undefined): string {
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

/** every variable the application reads: config/env.ts, config/auth-env.ts and direct reads in the entry points */
function applicationVariables(): string[] {
  const names = new Set<string>();
  for (const file of ['config/env.ts', 'config/auth-env.ts']) {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of source.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)) names.add(m[1]);
  }
  for (const file of ['api/main.ts', 'worker/main.ts']) {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(m[1]);
  }
  return [...names].sort();
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-compose-'));
  emptyEnvFile = path.join(tmp, 'empty.env');
  fs.writeFileSync(emptyEnvFile, '');
  const version = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(
      'docker-compose is not installed, so docker-compose.yml cannot be checked. Install Debian\'s package: ' +
        'apt-get install -y docker-compose (as root; npm test does it itself when run as root, like CI).' +
        (version.error ? ` (${version.error.message})` : ` (${version.stderr})`),
    );
  }
  const result = runCompose(REQUIRED, emptyEnvFile);
  if (result.status !== 0) throw new Error(`docker-compose config failed:\n${result.stderr}${result.stdout}`);
  config = parseConfig(result.stdout);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('runs the production shape: PostgreSQL, Temporal schema, server, setup and UI, the API and the worker', () => {
  expect(Object.keys(config.services)).toEqual(
    expect.arrayContaining(['postgres', 'temporal-schema', 'temporal', 'temporal-setup', 'temporal-ui', 'api', 'worker', 'mailpit']),
  );
  expect(config.services.mailpit.profiles).toEqual(['staging']);
  expect(Object.keys(config.volumes ?? {})).toEqual(expect.arrayContaining(['pgdata']));
  expect(config.services.postgres.image).toMatch(/^postgres:16\./);
  expect(config.services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', BIND_ON_IP: '0.0.0.0' });
});

test('.env.example is a valid env file for it and yields the same services', () => {
  const result = runCompose(REQUIRED, ENV_EXAMPLE);
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  expect(Object.keys(parseConfig(result.stdout).services).sort()).toEqual(Object.keys(config.services).sort());
});

test('pins every image to a version: no `latest`, no missing tag', () => {
  for (const [name, service] of Object.entries(config.services)) {
    expect({ name, image: service.image }).toEqual({ name, image: expect.any(String) });
    const image = service.image as string;
    const lastSegment = image.split('/').pop() as string;
    const tag = lastSegment.includes(':') ? lastSegment.split(':')[1].split('@')[0] : '';
    expect({ name, tag }).not.toEqual({ name, tag: '' });
    expect({ name, tag }).not.toEqual({ name, tag: 'latest' });
    // images pulled from a registry carry a version number; the application's own image is built here
    if (!service.build) expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/\d/) });
  }
});

test('the API and the worker run the same image, built from the Dockerfile, with their own commands', () => {
  const { api, worker } = config.services;
  expect(api.image).toBe(worker.image);
  expect(api.build).toEqual(worker.build);
  const build = typeof api.build === 'string' ? { context: api.build } : api.build;
  expect(path.resolve(ROOT, build?.context ?? '')).toBe(ROOT);
  expect(text(api.command)).toBe('node dist/api/main.js');
  expect(text(worker.command)).toBe('node dist/worker/main.js');
  for (const service of [api, worker]) expect(service.environment?.NODE_ENV).toBe('production');
});

test("the worker's heap is bounded as the bench measures it (WORKER_HEAP_MB)", () => {
  expect(config.services.worker.environment?.NODE_OPTIONS).toBe(`--max-old-space-size=${deployedHeapMb()}`);
  expect(deployedHeapMb()).toBe(320);
});

test('every long-running service has a health check and restarts; the one-shots run once', () => {
  for (const [name, service] of Object.entries(config.services)) {
    if (ONE_SHOTS.includes(name)) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'no' });
      continue;
    }
    const check = service.healthcheck;
    expect({ name, disabled: check?.disable ?? false }).toEqual({ name, disabled: false });
    expect({ name, test: text(check?.test) }).toEqual({ name, test: expect.stringMatching(/^(CMD|CMD-SHELL) \S/) });
    expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
  }
  expect(text(config.services.postgres.healthcheck?.test)).toContain('pg_isready');
  expect(text(config.services.api.healthcheck?.test)).toMatch(/127\.0\.0\.1:3000\/(readyz|healthz)/);
  expect(text(config.services.worker.healthcheck?.test)).toContain('127.0.0.1:9464/healthz');
});

test('starts in order: database, schema, server, namespace and search attributes, then API and worker', () => {
  const deps = (name: string) => dependencies(config.services[name]);
  expect(deps('temporal-schema')).toEqual({ postgres: 'service_healthy' });
  expect(deps('temporal')).toMatchObject({ 'temporal-schema': 'service_completed_successfully' });
  expect(deps('temporal-setup')).toMatchObject({ temporal: 'service_healthy' });
  expect(deps('temporal-ui')).toMatchObject({ temporal: 'service_healthy' });
  for (const name of ['api', 'worker']) {
    expect(deps(name)).toMatchObject({ 'temporal-setup': 'service_completed_successfully', postgres: 'service_healthy' });
  }
});

test('publishes only the API, the Temporal UI and the mail catcher, on 127.0.0.1 by default', () => {
  const published = Object.entries(config.services).filter(([, s]) => (s.ports ?? []).length > 0).map(([n]) => n).sort();
  expect(published).toEqual(['api', 'mailpit', 'temporal-ui']);
  for (const name of published) {
    for (const port of config.services[name].ports ?? []) expect({ name, hostIp: hostIp(port) }).toEqual({ name, hostIp: '127.0.0.1' });
  }
});

test('the worker uses the prebuilt bundle and its metrics port; both processes get longer than their grace time', () => {
  expect(config.services.worker.environment).toMatchObject({
    WORKFLOW_BUNDLE_PATH: '/app/dist/workflow-bundle.js',
    WORKER_METRICS_PORT: '9464',
    WORKER_METRICS_HOST: '0.0.0.0',
  });
  for (const name of ['api', 'worker']) {
    const service = config.services[name];
    const grace = Number(service.environment?.SHUTDOWN_GRACE_SECONDS);
    expect(grace).toBeGreaterThan(0);
    expect({ name, stop: seconds(service.stop_grace_period) }).toEqual({ name, stop: expect.any(Number) });
    expect(seconds(service.stop_grace_period)).toBeGreaterThan(grace);
  }
});

test('Temporal schema setup uses the postgres12 schema directories and runs from the mounted script', () => {
  const schema = config.services['temporal-schema'];
  expect(text(schema.entrypoint)).toContain('/deploy/schema.sh');
  expect(schema.environment).toMatchObject({ POSTGRES_SEEDS: 'postgres', POSTGRES_PWD: REQUIRED.POSTGRES_PASSWORD });
  const script = fs.readFileSync(SCHEMA_SCRIPT, 'utf8');
  expect(script).toContain('/etc/temporal/schema/postgresql/v12');
  expect(script).toMatch(/\/temporal\/versioned/);
  expect(script).toMatch(/\/visibility\/versioned/);
  expect(script).toContain('update-schema');
  const mounted = (schema.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
  expect(mounted.some((v) => v.startsWith(path.join(ROOT, 'deploy', 'temporal')) && v.includes(':/deploy'))).toBe(true);
});

test.each(Object.keys(REQUIRED))('refuses to start without %s and names it', (name) => {
  const without = { ...REQUIRED };
  delete without[name];
  const missing = runCompose(without, emptyEnvFile);
  expect(missing.status).not.toBe(0);
  expect(missing.stderr + missing.stdout).toMatch(new RegExp(`${name} must be set`));
  // an empty value is no value either
  const empty = runCompose({ ...REQUIRED, [name]: '' }, emptyEnvFile);
  expect(empty.status).not.toBe(0);
});

test('the setup service registers every custom search attribute the workflows use, with its type', () => {
  expect(text(config.services['temporal-setup'].entrypoint)).toContain('/deploy/setup.sh');
  const script = fs.readFileSync(SETUP_SCRIPT, 'utf8');
  const list = /^SEARCH_ATTRIBUTES="([^"]*)"/m.exec(script);
  expect(list).not.toBeNull();
  const registered = (list as RegExpExecArray)[1].split(/\s+/).filter(Boolean).sort();
  const expected = SEARCH_ATTRIBUTE_DEFINITIONS.map((a) => `${a.name}=${a.type}`).sort();
  expect(registered).toEqual(expected);
  expect(expected).toEqual(expect.arrayContaining(['RunProcess=Keyword', 'Ags=Keyword', 'RunProgress=Int', 'TargetGoLive=Datetime']));
  expect(script).toContain('temporal operator search-attribute create');
  expect(script).toContain('temporal operator namespace create');
});

test('.env.example documents every variable the application reads and every one docker-compose.yml uses', () => {
  const example = fs.readFileSync(ENV_EXAMPLE, 'utf8');
  const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  const app = applicationVariables();
  expect(app).toEqual(expect.arrayContaining(['OIDC_ISSUER', 'DATABASE_URL', 'SHUTDOWN_GRACE_SECONDS', 'WORKFLOW_BUNDLE_PATH']));
  expect(app.filter((name) => !documented.has(name))).toEqual([]);
  const compose = fs.readFileSync(COMPOSE_FILE, 'utf8').split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
  const interpolated = new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
  expect([...interpolated].filter((name) => !documented.has(name))).toEqual([]);
});

test('every application setting reaches the API or the worker container', () => {
  // the file itself (merge keys resolved by the YAML parser): settings left unset in .env are not in `config` output
  const raw = yaml.load(fs.readFileSync(COMPOSE_FILE, 'utf8')) as ComposeConfig;
  const passed = new Set([...Object.keys(raw.services.api.environment ?? {}), ...Object.keys(raw.services.worker.environment ?? {})]);
  const missing = applicationVariables().filter((name) => !EMBEDDED_ONLY.has(name) && !passed.has(name));
  expect(missing).toEqual([]);
});
