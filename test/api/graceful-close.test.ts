// SIGTERM for the API (api/server.ts close()): no new connections, requests in flight are answered, and one that
// outlives the grace time is cut rather than holding the process forever.
import type { Client, Connection } from '@temporalio/client';
import { authenticationFor } from '../../api/auth-setup';
import { createLogger } from '../../api/logger';
import { startApiServer, type ApiServer } from '../../api/server';
import { loadConfig } from '../../config/env';
import { freePort } from '../../scripts/free-port';
import type { Store } from '../../store/store';

/** A read model whose run list answers only when the test says so: a request held in flight. */
function slowStore() {
  const waiting: (() => void)[] = [];
  const store = {
    listRuns: () => new Promise((resolve) => waiting.push(() => resolve({ items: [], nextCursor: null }))),
    ping: async () => undefined,
    idempotency: {},
  } as unknown as Store;
  return { store, release: () => waiting.splice(0).forEach((answer) => answer()), waiting: () => waiting.length };
}

async function start(store: Store): Promise<ApiServer> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const connection = { workflowService: { getSystemInfo: async () => ({}) } } as unknown as Connection;
  return startApiServer({ config, auth: authenticationFor(config), store, client: {} as Client, connection, logger: createLogger('silent') });
}

const runs = (api: ApiServer) => fetch(`${api.url}/api/v1/runs`, { headers: { authorization: 'Bearer demo-m.huber' } });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

it('finishes a request in flight, refuses new connections, then closes', async () => {
  const slow = slowStore();
  const api = await start(slow.store);
  const inFlight = runs(api);
  await until(() => slow.waiting() === 1);

  let closed = false;
  const closing = api.close(5000).then(() => (closed = true));
  await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
  expect(closed).toBe(false);

  slow.release();
  const res = await inFlight;
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ items: [], nextCursor: null });
  // the answered keep-alive connection is closed at once, not after its idle timeout
  const t = Date.now();
  await closing;
  expect(Date.now() - t).toBeLessThan(1000);
  expect(closed).toBe(true);
});

it('cuts a request that outlives the grace time', async () => {
  const slow = slowStore();
  const api = await start(slow.store);
  const inFlight = runs(api).then((r) => r.status, () => 'cut');
  await until(() => slow.waiting() === 1);
  const t0 = Date.now();
  await api.close(300);
  expect(Date.now() - t0).toBeLessThan(3000);
  expect(await inFlight).toBe('cut');
  slow.release();
});
