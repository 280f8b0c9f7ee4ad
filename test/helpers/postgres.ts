// A real PostgreSQL for tests: TEST_DATABASE_URL when CI provides one, else a throwaway cluster started here
// (scripts/pg-test-server.sh). Each caller gets a database of its own.
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { ROOT } from './processes';

const OWN_PORT = '55439';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  let base = process.env.TEST_DATABASE_URL;
  let startedHere = false;
  if (!base) {
    execFileSync('bash', ['scripts/pg-test-server.sh', 'start', OWN_PORT], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    base = execFileSync('bash', ['scripts/pg-test-server.sh', 'url', OWN_PORT], { cwd: ROOT, encoding: 'utf8' }).trim();
    startedHere = true;
  }
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      if (startedHere) execFileSync('bash', ['scripts/pg-test-server.sh', 'stop', OWN_PORT], { cwd: ROOT, stdio: 'ignore' });
    },
  };
}
