// Stops the throwaway PostgreSQL server that global-setup started (CI's own server is left to CI).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function globalTeardown(): void {
  const port = process.env.PG_TEST_STARTED_HERE;
  if (port) execFileSync('bash', ['scripts/pg-test-server.sh', 'stop', port], { cwd: path.resolve(__dirname, '..'), stdio: 'ignore' });
}
