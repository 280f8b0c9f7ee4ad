// A real PostgreSQL for tests (TEST_DATABASE_URL, set by CI or by test/global-setup.ts): each caller gets a
// database of its own.
import { createScratchDatabase, type ScratchDatabase } from '../../scripts/pg-database';

export type TestDatabase = ScratchDatabase;

export function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set (test/global-setup.ts starts a server for npm test)');
  return createScratchDatabase(base, prefix);
}
