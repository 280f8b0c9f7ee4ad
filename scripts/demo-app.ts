// The API as tests, fault tests and benchmarks run it: demo sign-in, readiness on Temporal and the store, and no
// blocked windows (a cutover held until after the annual accounts would keep a bot waiting for weeks).
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type express from 'express';
import { createApp } from '../api/app';
import { demoAuthenticator } from '../api/auth';
import type { ApiDeps } from '../api/deps';
import { demoDirectory } from '../config/users';

export function demoApp(deps: Pick<ApiDeps, 'store' | 'taskQueue'> & { client: Client } & Partial<ApiDeps>): express.Express {
  return createApp({
    users: demoDirectory,
    authenticate: demoAuthenticator(),
    embedded: true,
    readiness: {
      temporal: async () => {
        await deps.client.connection.workflowService.getSystemInfo({});
      },
      database: () => deps.store.ping(),
    },
    planSettings: () => ({ windows: [] }),
    ...deps,
  });
}

export interface LoopbackServer {
  baseUrl: string;
  /** stops the server, cutting connections still open */
  close(): Promise<void>;
}

/** Serves an app on a free port of 127.0.0.1. */
export async function serveOnLoopback(app: express.Express): Promise<LoopbackServer> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  // bots keep connections alive between one poll and the next: they must not be cut in between
  server.keepAliveTimeout = 60_000;
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
