// The API as tests, fault tests and benchmarks run it: demo sign-in, readiness on Temporal and the store, and no
// blocked windows (a cutover held until after the annual accounts would keep a bot waiting for weeks).
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
