// Starts the Temporal dev server as a child process: SQLite file under DATA_DIR, every custom search attribute
// registered, loopback only. Used by `npm start`; tests use TestWorkflowEnvironment.createLocal with the same binary.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../workflows/search-attributes';
import { temporalCliPath } from './temporal-cli';

/**
 * Dynamic config the dev server runs with, here and in the tests' servers.
 *
 * The dev server has one history shard, where a deployed server has many (docker-compose: 128). The shard's transfer
 * queue, which turns an activity's result into the workflow's next task, loads new tasks at most
 * `history.transferProcessorMaxPollRPS` times a second (default 20, meant per shard of many). On one shard every
 * run waits for those loads: the hand-off bench measured a workflow task 19–20 ms from scheduled to polled (mean),
 * 7.7 ms at 200 loads a second, and no gain beyond (1,000: 8.1 ms).
 */
export const DEV_SERVER_CONFIG_ARGS: readonly string[] = ['--dynamic-config-value', 'history.transferProcessorMaxPollRPS=200'];

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** launches before giving up when a port is taken at start-up */
const LAUNCHES = 3;

export async function startDevServer(options: { dataDir: string; port: number; uiPort: number; namespace: string }): Promise<DevServer> {
  const cli = temporalCliPath();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--ui-port', String(options.uiPort),
    '--db-filename', path.join(options.dataDir, 'temporal.db'),
    // Write-ahead log instead of SQLite's default rollback journal: a commit appends to one file instead of writing,
    // syncing and deleting a journal beside the database, and synchronous stays FULL, so a commit is as durable.
    // Alternated hand-off benches (4 pairs): the server taking a workflow task's result 8.3–11.0 → 5.6–7.9 ms (means),
    // a workflow task from scheduled to polled 10.0–12.5 → 5.4–7.6 ms. (The tests' servers keep their data in memory.)
    '--sqlite-pragma', 'journal_mode=wal',
    '--namespace', options.namespace,
    '--log-level', 'warn',
    ...DEV_SERVER_CONFIG_ARGS,
    ...SEARCH_ATTRIBUTE_DEFINITIONS.flatMap((a) => ['--search-attribute', `${a.name}=${a.type}`]),
  ];
  const logPath = path.join(options.dataDir, 'temporal.log');
  const logFile = fs.openSync(logPath, 'a');
  const address = `127.0.0.1:${options.port}`;

  // Besides the ports given here, the server picks five free ports of its own for its internal services, and
  // another process may take one of them between its look and its bind (a test's server on a port freePort()
  // picked, say). It then exits at once, "address already in use"; a new launch picks new ports.
  let child: ChildProcess;
  for (let launch = 1; ; launch++) {
    const logStart = fs.fstatSync(logFile).size;
    child = spawn(cli, args, { stdio: ['ignore', logFile, logFile] });
    const outcome = await untilReady(child, address, options.namespace);
    if (outcome === 'ready') break;
    const said = fs.readFileSync(logPath).subarray(logStart).toString('utf8');
    if (launch < LAUNCHES && /address already in use/.test(said)) continue;
    fs.closeSync(logFile);
    throw new Error(`Temporal dev server ${outcome === 'exited' ? `exited with ${child.exitCode ?? child.signalCode}` : `did not become ready on ${address}`}; see ${logPath}:\n${said.slice(-1000)}`);
  }
  const server = child;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));

  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      fs.closeSync(logFile);
    },
  };
}

/** Waits until the server answers for its namespace (at most a minute), or until it exits. */
async function untilReady(child: ChildProcess, address: string, namespace: string): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return 'exited';
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace });
      await connection.close();
      return 'ready';
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        return 'timeout';
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
