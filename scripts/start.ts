// `npm start`: the embedded default. Temporal dev server (unless TEMPORAL_ADDRESS is set), worker and API on one
// machine; Ctrl-C / SIGTERM stops all of it. A second start on the same DATA_DIR finds the runs of the first.
import { Client } from '@temporalio/client';
import { authenticationFor, checkSignInConfig } from '../api/auth-setup';
import { createLogger } from '../api/logger';
import { startApiServer } from '../api/server';
import { connectApiToTemporal } from '../api/temporal-connection';
import { ConfigError, loadConfig } from '../config/env';
import { openStore } from '../store/store';
import { startWorker } from '../worker/start-worker';
import { startDevServer, type DevServer } from './dev-server';
import { startBanner } from './start-banner';

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    // OIDC, or the demo tokens — which production refuses: then no service starts at all
    checkSignInConfig(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }

  let devServer: DevServer | undefined;
  let address = config.TEMPORAL_ADDRESS;
  if (!address) {
    say(`Starting the Temporal dev server (data in ${config.dataDir}) …`);
    devServer = await startDevServer({
      dataDir: config.dataDir, port: config.TEMPORAL_PORT, uiPort: config.TEMPORAL_UI_PORT, namespace: config.TEMPORAL_NAMESPACE,
    });
    address = devServer.address;
  }

  say(config.DATABASE_URL ? 'Connecting to PostgreSQL …' : `Opening the embedded database (${config.dataDir}/pgdata) …`);
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.DATABASE_URL });

  say('Bundling workflows and starting the worker …');
  const worker = await startWorker(config, {
    address,
    store,
    log: { info: () => undefined, error: (message, meta) => say(`The ${message}: ${String(meta?.error)}`) },
  });

  const connection = await connectApiToTemporal(address);
  const logger = createLogger(config.LOG_LEVEL);
  const auth = authenticationFor(config, { logger, people: store.people, directory: !!config.ldap });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const api = await startApiServer({ config, auth, store, client, connection, logger });

  for (const line of startBanner({
    baseUrl: api.url, temporalAddress: address, namespace: config.TEMPORAL_NAMESPACE, temporalUiUrl: devServer?.uiUrl, demoUsers: config.embedded && !config.oidc,
  })) say(line);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping API, worker and Temporal …`);
    await api.close(config.SHUTDOWN_GRACE_SECONDS * 1000);
    await worker.close();
    await connection.close();
    await store.close();
    await devServer?.stop();
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Start failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
