// The store tests run once per available backend: always the embedded PGlite, and a real PostgreSQL server when
// TEST_DATABASE_URL points at one (scripts/pg-test-server.sh starts a throwaway cluster). Every store gets a
// database of its own: a temp directory for PGlite, a fresh database on the server, both removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openStore, type Store } from '../../store/store';

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<TestStore>;
}

export interface TestStore {
  store: Store;
  /** where openStore was pointed (to open a second store on the same database) */
  location: { dataDir?: string; databaseUrl?: string };
  destroy(): Promise<void>;
}

const serverUrl = process.env.TEST_DATABASE_URL;
let databases = 0;

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const pglite: Backend = {
  name: 'pglite',
  async open() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
    const store = await openStore({ dataDir });
    return {
      store,
      location: { dataDir },
      async destroy() {
        await store.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async open() {
    const name = `store_test_${process.pid}_${Date.now()}_${++databases}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const store = await openStore({ databaseUrl });
    return {
      store,
      location: { databaseUrl },
      async destroy() {
        await store.close();
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  },
};

let noted = false;

export function backends(): [string, Backend][] {
  if (!serverUrl && !noted) {
    noted = true;
    process.stderr.write('note: TEST_DATABASE_URL is not set, store tests run against PGlite only '
      + '(bash scripts/pg-test-server.sh start, then export TEST_DATABASE_URL="$(bash scripts/pg-test-server.sh url)")\n');
  }
  const list = serverUrl ? [pglite, postgres] : [pglite];
  return list.map((b) => [b.name, b]);
}
