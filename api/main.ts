// The API as a process of its own: containers run it next to the worker (worker/main.ts), any number of replicas
// behind a load balancer — it keeps no state between requests. Configuration comes from the environment
// (config/env.ts); production needs OIDC_ISSUER/OIDC_AUDIENCE and TEMPORAL_ADDRESS and refuses demo tokens.
// SIGTERM/SIGINT: stop accepting, finish in-flight requests (up to SHUTDOWN_GRACE_SECONDS), close, exit 0.
import { Client } from '@temporalio/client';
import { authenticationFor, checkSignInConfig } from './auth-setup';
import { createLogger } from './logger';
import { startApiServer } from './server';
import { connectApiToTemporal } from './temporal-connection';
import { ConfigError, loadConfig } from '../config/env';
import { openStore } from '../store/store';

export async function runApiProcess(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const logger = createLogger(config.LOG_LEVEL);
  checkSignInConfig(config);
  if (!config.TEMPORAL_ADDRESS) {
    throw new ConfigError('Invalid configuration:\n  TEMPORAL_ADDRESS: required for a standalone API (host:port of the Temporal server)');
  }
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.DATABASE_URL });
  const auth = authenticationFor(config, { logger, people: store.people, directory: !!config.ldap });
  const connection = await connectApiToTemporal(config.TEMPORAL_ADDRESS);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const api = await startApiServer({ config, auth, store, client, connection, logger });
  logger.info({ url: api.url, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, pid: process.pid }, 'api ready');

  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, 'api draining');
      void api.close(config.SHUTDOWN_GRACE_SECONDS * 1000).then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await connection.close().catch(() => undefined);
  await store.close().catch(() => undefined);
  logger.info('api stopped');
}

if (require.main === module) {
  runApiProcess().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `API failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(err instanceof ConfigError ? 2 : 1);
    },
  );
}
