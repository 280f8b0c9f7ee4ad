// The API's HTTP server wired from configuration, shared by `npm start` (everything in one process) and api/main.ts
// (the API as a process of its own, as containers run it). close() is the graceful stop: no new connections, idle
// keep-alive sockets closed, in-flight requests finished within the grace time, then whatever is left is cut.
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client, Connection } from '@temporalio/client';
import { createApp } from './app';
import type { Authentication } from './auth-setup';
import { answerClientErrors } from './client-errors';
import type { Logger } from './logger';
import { planSettingsFrom } from '../config/blocked-windows';
import { trustProxy } from '../config/auth-env';
import type { Config } from '../config/env';
import type { Store } from '../store/store';

export interface ApiServer {
  server: Server;
  /** http://host:port as bound (port 0 resolved) */
  url: string;
  close(graceMs?: number): Promise<void>;
}

/** A readiness probe must answer quickly even when a dependency hangs: a slow "ok" is an outage too. */
function withDeadline(check: () => Promise<unknown>, ms: number): () => Promise<void> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check(),
        new Promise((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
}

export async function startApiServer(options: {
  config: Config;
  auth: Authentication;
  store: Store;
  client: Client;
  connection: Connection;
  logger: Logger;
}): Promise<ApiServer> {
  const { config, auth, store, client, connection, logger } = options;
  const app = createApp({
    client,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    store,
    inboundSecrets: config.INBOUND_SECRETS,
    planSettings: planSettingsFrom(config),
    users: auth.users,
    directory: config.ldap ? 'ldap' : auth.publicConfig.mode === 'oidc' ? 'tokens' : 'demo',
    authenticate: auth.authenticate,
    authConfig: auth.publicConfig,
    logger,
    rateLimit: { perMinutePerToken: config.RATE_LIMIT_PER_MINUTE, perMinutePerAddress: config.RATE_LIMIT_PER_MINUTE_PER_ADDRESS },
    trustProxy: trustProxy(config.TRUST_PROXY),
    publicUrl: config.PUBLIC_URL,
    documentMaxBytes: config.DOCUMENT_MAX_MB * 1024 * 1024,
    webhookAllowLoopback: config.WEBHOOK_ALLOW_LOOPBACK,
    // GET /metrics for Prometheus only with a token of its own (docs/metrics.md)
    ...(config.METRICS_TOKEN ? { metrics: { token: config.METRICS_TOKEN } } : {}),
    embedded: config.embedded,
    readiness: {
      temporal: withDeadline(() => connection.workflowService.getSystemInfo({}), 3000),
      database: withDeadline(() => store.ping(), 3000),
      // the identity provider: its own fetches time out after 5 s and then say why (TLS, DNS, timeout)
      ...Object.fromEntries(Object.entries(auth.readiness).map(([name, check]) => [name, withDeadline(check, 6000)])),
    },
    logError: (err, ctx) => logger.error({ err, ...ctx }, 'failure'),
  });
  const server = app.listen(config.PORT, config.HOST);
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;

  let closing: Promise<void> | undefined;
  // while draining, a connection whose last request has been answered is closed at once (it would otherwise be
  // kept alive for the next request that will never come, and hold close() open)
  server.on('request', (_req, res: ServerResponse) => {
    res.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    server,
    url: `http://${host}:${port}`,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        // keep-alive sockets without a request in flight would hold close() open until they time out
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
