// The API without Temporal or a database, for tests of what happens before a route touches either: authentication,
// policy, headers, limits, the OpenAPI document. A call that would reach the workflow engine fails the test loudly.
import type { Client } from '@temporalio/client';
import type express from 'express';
import { createApp } from '../../../api/app';
import { demoAuthenticator } from '../../../api/auth';
import type { ApiDeps } from '../../../api/deps';
import { demoDirectory } from '../../../config/users';
import type { Store } from '../../../store/store';

/** Any property read throws — except sub-stores, handed out (as unreachable themselves) when the app is built. */
function unreachable(name: string): object {
  return new Proxy({}, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === 'idempotency') return unreachable(`${name}.idempotency`);
      throw new Error(`light app: ${name}.${String(prop)} is not available without a system`);
    },
  });
}

export function lightApp(over: Partial<ApiDeps> = {}): express.Express {
  return createApp({
    client: unreachable('client') as Client,
    taskQueue: 'none',
    store: unreachable('store') as Store,
    users: demoDirectory,
    authenticate: demoAuthenticator(),
    embedded: true,
    readiness: {},
    planSettings: () => ({ windows: [] }),
    ...over,
  });
}
