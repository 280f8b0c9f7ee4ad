// The production-shape test's database: one of its own on the throwaway PostgreSQL (TEST_DATABASE_URL), reached with a URL
// that carries a password, because production refuses a DATABASE_URL without one.
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres';

/**
 * The password: the one in TEST_DATABASE_URL or PGPASSWORD when given. Otherwise the cluster let us in without one,
 * which scripts/pg-test-server.sh's cluster does (initdb --auth=trust): then any password passes, and pg_hba is
 * checked to make sure that is really why.
 */
export async function databaseWithPassword(prefix: string): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix);
  const url = new URL(db.url);
  if (url.password) return db;
  if (process.env.PGPASSWORD) {
    url.password = encodeURIComponent(process.env.PGPASSWORD);
    return { ...db, url: url.toString() };
  }
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  let methods: string[] = [];
  try {
    const { rows } = await admin.query<{ auth_method: string }>(
      "SELECT auth_method FROM pg_hba_file_rules WHERE type LIKE 'host%' AND error IS NULL ORDER BY line_number",
    );
    methods = rows.map((r) => r.auth_method);
  } catch {
    // pg_hba_file_rules is for superusers; without it we cannot tell
  } finally {
    await admin.end();
  }
  if (methods[0] !== 'trust') {
    await db.drop();
    throw new Error(`TEST_DATABASE_URL has no password and TCP connections are not known to be trusted (pg_hba: ${methods.join(', ') || 'unreadable'}): put the password into TEST_DATABASE_URL or PGPASSWORD`);
  }
  url.password = 'smoke-password-not-checked-by-trust-auth';
  return { ...db, url: url.toString() };
}
