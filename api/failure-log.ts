// One way to log a failure the API survives (a mail not started, a run not told, a store hiccup): with pino as a
// structured line named for what failed, otherwise through `logError` (tests, embedded apps without a logger). The
// context holds ids only — never file names, message text or tokens.
import type { ApiDeps } from './deps';

export type FailureLog = Pick<ApiDeps, 'logger' | 'logError'>;

export function logFailure(deps: FailureLog, what: string, err: unknown, context: Record<string, unknown> = {}, level: 'error' | 'warn' = 'error'): void {
  if (deps.logger) deps.logger[level]({ err, ...context }, what);
  else deps.logError?.(err, { where: what, ...context });
}
