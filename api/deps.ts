import type { Client } from '@temporalio/client';
import type { AuthPublicConfig } from './auth-setup';
import type { Logger } from './logger';
import type { MetricsOptions } from './metrics';
import type { RateLimitSettings } from './rate-limit';
import type { WorkflowInput } from '../workflows/messages';
import type { Authenticator } from './auth';
import type { PlanSettings } from '../domain/plan';
import type { Store } from '../store/store';
import type { UserDirectory } from '../config/users';

/** Everything the API talks to, handed in so tests and production wire it differently. */
export interface ApiDeps {
  client: Client;
  taskQueue: string;
  /** read model and audit log */
  store: Store;
  users: UserDirectory;
  /** where people come from: an LDAP directory (synchronised), their sign-in tokens, or the demo users */
  directory?: 'ldap' | 'tokens' | 'demo';
  authenticate: Authenticator;
  /** embedded mode: demo users are listed at /api/v1/dev/users */
  embedded: boolean;
  /** checks for /readyz; each throws when its dependency is down */
  readiness: Record<string, () => Promise<void>>;
  /** organisation settings every new plan carries (blocked windows, board escalation); defaults from config/ */
  planSettings: (startDate: string) => PlanSettings;
  /** workflow options every started run gets (tests shorten activity retries) */
  workflowDefaults?: Pick<WorkflowInput, 'activityRetry'>;
  logError?: (err: unknown, context: Record<string, unknown>) => void;
  /** INBOUND_SECRETS: shared HMAC secret per sending system (embedded mode without it: a documented demo sender) */
  inboundSecrets?: Readonly<Record<string, string>>;
  /** what GET /api/v1/auth/config tells the UI; default demo (then /api/v1/dev/users exists in embedded mode) */
  authConfig?: AuthPublicConfig;
  /** structured request and error logs (pino); without it only logError is called */
  logger?: Logger;
  /** per token and per address; absent: no limits (tests, benchmarks) */
  rateLimit?: RateLimitSettings;
  /** Express `trust proxy` (TRUST_PROXY) */
  trustProxy?: boolean | number | string;
  /** PUBLIC_URL: the document's server, and https features (HSTS) when it is https */
  publicUrl?: string;
  /** METRICS_TOKEN and friends: GET /metrics for Prometheus (docs/metrics.md); absent: no /metrics (404), no timing */
  metrics?: MetricsOptions;
  /** DOCUMENT_MAX_MB: larger uploads answer 413 (default 25 MB) */
  documentMaxBytes?: number;
  /** WEBHOOK_ALLOW_LOOPBACK: webhooks to this server's own addresses may be subscribed (development, tests) */
  webhookAllowLoopback?: boolean;
}
