// The real Temporal server for the production-shape test, as the containers run it: the server and its SQL tool at
// the version docker-compose.yml pins, built from the Go module proxy once and kept under the git-ignored `.tools/`
// (about 5 minutes the first time), the schema applied by deploy/temporal/schema.sh and the namespace and search
// attributes by deploy/temporal/setup.sh — both unchanged — and the server configured by the variable names of the
// `temporalio/server` image (its embedded config template reads DB, POSTGRES_SEEDS, … from the environment).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import net from 'node:net';
import { temporalCliPath } from '../../../scripts/temporal-cli';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEPLOY = path.join(ROOT, 'deploy', 'temporal');

export interface ServerTools {
  version: string;
  dir: string;
  /** directory with `temporal-server` and `temporal-sql-tool` */
  bin: string;
  /** schema/postgresql/v12 of the server's module */
  schemaRoot: string;
}

/** The server version of docker-compose.yml (`image: temporalio/server:X`): the test runs what production runs. */
export function composeServerVersion(): string {
  const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  const match = /image:\s*temporalio\/server:(\d+\.\d+\.\d+)/.exec(compose);
  if (!match) throw new Error('docker-compose.yml names no temporalio/server:X.Y.Z image');
  return match[1];
}

/** Builds the server and SQL tool with `go install` unless `.tools/` holds them already; returns where they are. */
export async function ensureServerTools(log: (line: string) => void = () => {}): Promise<ServerTools & { built: boolean }> {
  const version = composeServerVersion();
  const dir = path.join(ROOT, '.tools', `temporal-server-${version}`);
  const bin = path.join(dir, 'bin');
  const schemaRoot = path.join(dir, 'schema', 'postgresql', 'v12');
  const complete = ['temporal-server', 'temporal-sql-tool'].every((b) => fs.existsSync(path.join(bin, b))) && fs.existsSync(schemaRoot);
  if (complete) return { version, dir, bin, schemaRoot, built: false };

  fs.mkdirSync(bin, { recursive: true });
  const module = 'go.temporal.io/server';
  log(`building Temporal server ${version} and its SQL tool from the Go module proxy (a few minutes, once)`);
  const env = { ...process.env, GOBIN: bin, GOFLAGS: '-mod=mod' };
  try {
    await run('go', ['install', `${module}/cmd/server@v${version}`, `${module}/cmd/tools/sql@v${version}`], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { message: string; stderr?: string };
    throw new Error(`go install of Temporal server ${version} failed (is Go installed and the module proxy reachable?): ${e.message}\n${e.stderr ?? ''}`);
  }
  fs.renameSync(path.join(bin, 'server'), path.join(bin, 'temporal-server'));
  fs.renameSync(path.join(bin, 'sql'), path.join(bin, 'temporal-sql-tool'));
  // the schema files ship in the module (the admin-tools image carries the same under /etc/temporal/schema)
  const { stdout: modCache } = await run('go', ['env', 'GOMODCACHE']);
  const source = path.join(modCache.trim(), `${module}@v${version}`, 'schema', 'postgresql', 'v12');
  fs.cpSync(source, schemaRoot, { recursive: true });
  fs.chmodSync(schemaRoot, 0o755);
  return { version, dir, bin, schemaRoot, built: true };
}

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  /** prefix of the two databases Temporal gets (`<prefix>` and `<prefix>_visibility`) */
  databasePrefix: string;
}

export interface RunningServer {
  address: string;
  namespace: string;
  /** seconds of each stage: schema, start, setup */
  timings: Record<string, number>;
  log(): string;
  stop(): Promise<void>;
}

async function timed<T>(timings: Record<string, number>, stage: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[stage] = Math.round((Date.now() - started) / 100) / 10;
  }
}

async function shell(script: string, env: Record<string, string | undefined>, what: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('sh', [script], { env: env, maxBuffer: 16 * 1024 * 1024 });
    return stdout + stderr;
  } catch (err) {
    const e = err as { message: string; stdout?: string; stderr?: string };
    throw new Error(`${what} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/**
 * A free loopback port below 32768: the server stores its membership ports as PostgreSQL `smallint`, so the
 * kernel's ephemeral ports (32768 and up, what port 0 hands out) are refused there.
 */
async function lowFreePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
}

/** Schema, server, namespace: the compose file's one-shots and server, in its order, on loopback ports of their own. */
export async function startServer(tools: ServerTools, db: PostgresTarget, namespace: string): Promise<RunningServer> {
  const timings: Record<string, number> = {};
  const dbEnv = {
    DB: 'postgres12',
    DB_PORT: String(db.port),
    POSTGRES_SEEDS: db.host,
    POSTGRES_USER: db.user,
    POSTGRES_PWD: db.password,
    DBNAME: db.databasePrefix,
    VISIBILITY_DBNAME: `${db.databasePrefix}_visibility`,
  };
  const basePath = `${tools.bin}:${path.dirname(temporalCliPath())}:${process.env.PATH ?? ''}`;
  await timed(timings, 'schema', () => shell(path.join(DEPLOY, 'schema.sh'), { ...dbEnv, PATH: basePath, SCHEMA_ROOT: tools.schemaRoot }, 'deploy/temporal/schema.sh'));

  const taken = new Set<number>();
  const ports: Record<string, number> = {};
  for (const name of ['FRONTEND_GRPC_PORT', 'FRONTEND_HTTP_PORT', 'FRONTEND_MEMBERSHIP_PORT', 'INTERNAL_FRONTEND_GRPC_PORT',
    'INTERNAL_FRONTEND_HTTP_PORT', 'INTERNAL_FRONTEND_MEMBERSHIP_PORT', 'HISTORY_GRPC_PORT', 'HISTORY_MEMBERSHIP_PORT',
    'MATCHING_GRPC_PORT', 'MATCHING_MEMBERSHIP_PORT', 'WORKER_GRPC_PORT', 'WORKER_MEMBERSHIP_PORT']) ports[name] = await lowFreePort(taken);
  const address = `127.0.0.1:${ports.FRONTEND_GRPC_PORT}`;
  let output = '';
  const child: ChildProcess = spawn(path.join(tools.bin, 'temporal-server'), ['start'], {
    env: {
      ...dbEnv,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      PATH: basePath,
      BIND_ON_IP: '127.0.0.1',
      NUM_HISTORY_SHARDS: '4',
      LOG_LEVEL: 'warn',
      DYNAMIC_CONFIG_FILE_PATH: path.join(DEPLOY, 'dynamicconfig.yaml'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    // setup.sh waits for `temporal operator cluster health` itself, as it does in the compose file
    // a server that dies on start-up ends the wait at once instead of after setup.sh's retries
    const died = exited.then(() => {
      throw new Error(`the Temporal server exited with ${child.exitCode ?? child.signalCode} during start-up`);
    });
    await timed(timings, 'serverAndSetup', () => Promise.race([died, shell(path.join(DEPLOY, 'setup.sh'), {
      PATH: basePath, HOME: process.env.HOME, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, TEMPORAL_RETENTION: '1d',
    }, 'deploy/temporal/setup.sh')]));
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\nserver log:\n${output.slice(-5000)}`);
  }
  return { address, namespace, timings, log: () => output, stop };
}
