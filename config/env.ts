// Configuration from environment variables, validated once at start-up: a wrong value stops the process with a
// message that names the variable. The embedded default needs none of them.
import path from 'node:path';
import { z } from 'zod';
import { jsonVariable } from './json-variable';
import { authEnvFields, authEnvProblems, oidcSettings, type OidcSettings } from './auth-env';
import type { LdapSettings } from '../activities/ldap-settings';
import { directoryEnvFields, directoryEnvProblems, ldapSettings } from './directory-env';

const port = z.coerce.number().int().min(1).max(65535);

/** A JSON object in one variable, e.g. MAIL_TEAMS='{"netzwerk":"netzwerk@ku.example"}'. */
function jsonRecord<T extends z.ZodType>(value: T) {
  return jsonVariable('a JSON object expected').pipe(z.record(z.string().min(1), value));
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'host:port expected, e.g. 127.0.0.1:7233').optional(),
  TEMPORAL_NAMESPACE: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/, 'a Temporal namespace name').default('default'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('gemeinde-onboarding'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL').optional(),
  BOARD_ESCALATION_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  BLOCKED_WINDOWS_FILE: z.string().min(1).optional(),
  NETWORK_POOL: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 CIDR such as 10.81.0.0/16').default('10.81.0.0/16'),
  // Mail: SMTP when SMTP_URL is set, otherwise captured in the database (listed at /api/v1/dev/mail in embedded mode).
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'smtp://user:pass@host:587 or smtps://…').optional(),
  MAIL_FROM: z.string().min(3).default('"KU Onboarding" <onboarding@ku-it.example>'),
  MAIL_TEAMS: jsonRecord(z.email()).optional(),
  MAIL_USER_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a mail domain such as ku-it.example').optional(),
  // Inbound events: shared HMAC secret per sending system
  INBOUND_SECRETS: jsonRecord(z.string().min(16, 'at least 16 characters')).optional(),
  /** SIGTERM: how long in-flight requests and running activities may take to finish before the process exits */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(10),
  /** workflows a worker keeps in memory between their tasks; the rest are replayed from history when needed */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** webhooks to this server's own addresses (127.0.0.1, localhost): for development and tests only */
  WEBHOOK_ALLOW_LOOPBACK: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** uploaded documents larger than this are refused (413) */
  DOCUMENT_MAX_MB: z.coerce.number().int().min(1).max(200).default(25),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Metrics (docs/metrics.md): Prometheus scrapes GET /metrics with this bearer token; unset, there is no /metrics
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
  /** the standalone worker's own HTTP port for /metrics (Temporal SDK metrics) and /healthz; unset: none */
  WORKER_METRICS_PORT: port.optional(),
  /** where that port listens; containers set 0.0.0.0 */
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  // sign-in (OIDC), rate limits, reverse proxy: config/auth-env.ts
  ...authEnvFields,
  // the user directory (LDAP/AD): config/directory-env.ts
  ...directoryEnvFields,
});

export type Config = z.infer<typeof schema> & {
  /** demo users and the embedded Temporal/PostgreSQL exist only outside production */
  embedded: boolean;
  dataDir: string;
  /** OIDC sign-in; absent: the demo tokens (never in production, which refuses to start without it) */
  oidc?: OidcSettings;
  /** the user directory; absent: people are learned from their sign-in tokens */
  ldap?: LdapSettings;
};

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set(['DATABASE_URL', 'SMTP_URL', 'INBOUND_SECRETS', 'METRICS_TOKEN', 'LDAP_BIND_PASSWORD']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      // these carry passwords or keys: name the variable, never echo its value into a log
      const got = SECRET_VARIABLES.has(name) ? 'value hidden' : `got ${JSON.stringify(env[name])}`;
      return `  ${i.path.join('.')}: ${i.message} (${got})`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const authProblems = [...authEnvProblems(c), ...directoryEnvProblems(c), ...productionProblems(c)];
  if (authProblems.length) throw new ConfigError(`Invalid configuration:\n${authProblems.join('\n')}`);
  const oidc = oidcSettings(c);
  const ldap = ldapSettings(c);
  return { ...c, embedded: c.NODE_ENV !== 'production', dataDir: path.resolve(c.DATA_DIR), ...(oidc ? { oidc } : {}), ...(ldap ? { ldap } : {}) };
}

/**
 * Production runs on the organisation's PostgreSQL, never on the embedded database, and never without a password:
 * a missing secret stops the process rather than falling back to something that merely appears to work.
 */
function productionProblems(c: { NODE_ENV: string; DATABASE_URL?: string }): string[] {
  if (c.NODE_ENV !== 'production') return [];
  if (!c.DATABASE_URL) return ['  DATABASE_URL: required in production (postgres://user:password@host:5432/db); the embedded database is for development'];
  let password = '';
  try {
    password = decodeURIComponent(new URL(c.DATABASE_URL).password);
  } catch {
    return ['  DATABASE_URL: not a valid URL (value hidden)'];
  }
  return password ? [] : ['  DATABASE_URL: production needs a database password in the URL (value hidden)'];
}
