// createApp(deps): the HTTP API of API.md. Thin: authenticate, authorise, validate, then start, update or query
// a workflow. Nothing here keeps state of its own (idempotency keys live in the store). The order of the
// middleware is the security design; docs/security.md walks through it.
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { requireAuth } from './auth';
import type { ApiDeps } from './deps';
import { logFailure } from './failure-log';
import { idempotency } from './idempotency';
import { IdpUnavailableError } from './oidc';
import { storableInput } from './input-guard';
import { httpLogger, type Logger } from './logger';
import { ApiMetrics } from './metrics';
import { docsPage } from './openapi/docs-page';
import { openApiDocument } from './openapi/document';
import { authorize } from './policy';
import { accessOf, mountRoutes, ROUTES } from './route-table';
import { strictQuery } from './query-check';
import { addressLimit, tokenLimit } from './rate-limit';
import { securityHeaders } from './security-headers';
import { errorHandler, problem, sendProblem, HttpProblem } from './problem';
import { isDocumentUpload } from './routes/documents';
import { webApp } from './web';
import { withAnswerWrites } from './answer-writes';
import { InvalidCursorError, StoreUnavailableError } from '../store/store';

export function createApp(given: ApiDeps): express.Express {
  const deps = { ...given, store: withAnswerWrites(given.store) };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // whose X-Forwarded-For is believed for the client address (rate limits); nobody's unless configured
  app.set('trust proxy', deps.trustProxy ?? false);
  const authConfig = deps.authConfig ?? { mode: 'demo' as const };
  const metrics = deps.metrics
    ? new ApiMetrics(deps.store, deps.metrics, (err) => logFailure(deps, 'metrics: read model unavailable', err, {}, 'warn'))
    : undefined;

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('X-Request-Id');
    res.locals.requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    next();
  });
  // every request is timed, the refused ones (401, 429) too
  if (metrics) app.use(metrics.timing());
  if (deps.logger) app.use(httpLogger(deps.logger));
  app.use(securityHeaders({
    connectOrigins: authConfig.mode === 'oidc' ? [new URL(authConfig.issuer).origin] : [],
    https: deps.publicUrl?.startsWith('https://') ?? false,
  }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    // why a dependency is unavailable, when its check can say so in German (the identity provider's TLS, DNS…)
    const reasons: Record<string, string> = {};
    let ready = true;
    await Promise.all(
      Object.entries(deps.readiness).map(async ([name, check]) => {
        try {
          await check();
          checks[name] = 'ok';
        } catch (err) {
          checks[name] = 'unavailable';
          if (err instanceof IdpUnavailableError) reasons[name] = err.failure.reason;
          ready = false;
        }
      }),
    );
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks, ...(Object.keys(reasons).length ? { reasons } : {}) });
  });

  // Prometheus: a bearer token of its own (METRICS_TOKEN), no user; without one configured there is no /metrics.
  // Before the limits, like the probes: a scrape every few seconds must never be throttled into a gap.
  if (metrics) {
    app.get('/metrics', metrics.endpoint());
  } else {
    app.all('/metrics', (req: Request, res: Response) => sendProblem(res, problem.notFound(`Keine Ressource ${req.method} ${req.path}.`)));
  }

  // health and readiness stay outside the limits: probes must never be throttled into a restart
  if (deps.rateLimit) app.use(addressLimit(deps.rateLimit.perMinutePerAddress));

  const openapi = JSON.stringify(openApiDocument({ embedded: deps.embedded && authConfig.mode === 'demo', metrics: !!metrics, publicUrl: deps.publicUrl }));
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openapi);
  });
  app.use(docsPage());
  // the operational paths answer GET (and HEAD) only; anything else is 405, as on the API
  app.all(['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs', '/docs/docs.js', '/docs/docs.css'], (req: Request, res: Response) => {
    res.setHeader('Allow', 'GET, HEAD');
    sendProblem(res, new HttpProblem(405, 'Methode nicht erlaubt', `${req.method} ist hier nicht erlaubt; erlaubt: GET.`));
  });

  const api = express.Router();
  // Bodies must be JSON (415 otherwise); an empty POST is allowed for actions without input.
  api.use((req: Request, _res: Response, next: NextFunction) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is('application/json') && !isDocumentUpload(req)) {
      return next(new HttpProblem(415, 'Nicht unterstützter Inhaltstyp', 'Bitte Content-Type: application/json senden.'));
    }
    next();
  });
  api.use(strictQuery('open'));
  api.use(storableInput());
  // The route table's entries that need no bearer token (api/route-table.ts), before the JSON parser: inbound
  // events are verified over their raw bytes (signed), a calendar program subscribes with the secret in the URL as
  // its credential (public).
  mountRoutes(api, deps, 'open');

  if (!(deps.embedded && authConfig.mode === 'demo')) {
    // outside the embedded demo the development helpers do not exist, for anyone, signed in or not (the table
    // mounts its embeddedOnly entries only in the demo)
    api.use('/dev', (req: Request, _res: Response, next: NextFunction) => next(problem.notFound(`Keine Ressource ${req.method} ${req.originalUrl.split('?')[0]}.`)));
  }

  // who (401), how often (429), may they (403), is the query known (422) — and only then is a body parsed
  api.use(requireAuth(deps.authenticate));
  if (deps.rateLimit) api.use(tokenLimit(deps.rateLimit.perMinutePerToken));
  api.use(authorize(accessOf));
  api.use(strictQuery('protected'));
  // an export to check arrives base64-encoded: a file of the field's 2,000,000 characters needs a third more
  api.use('/forms', express.json({ limit: '3mb', strict: true }));
  api.use(express.json({ limit: '2mb', strict: true }));
  api.use(storableInput());
  api.use(idempotency(deps.store.idempotency, (err) => logFailure(deps, 'idempotency store', err)));
  // every other entry of the route table (api/route-table.ts)
  mountRoutes(api, deps, 'protected');
  api.use((req: Request, res: Response, next: NextFunction) => {
    // a known path with another method: 405 and the methods it has
    const allowed = ROUTES.methodsFor(req.path);
    if (allowed.length) {
      res.setHeader('Allow', allowed.join(', '));
      return next(new HttpProblem(405, 'Methode nicht erlaubt', `${req.method} ist hier nicht erlaubt; erlaubt: ${allowed.join(', ')}.`));
    }
    next(problem.notFound(`Keine Ressource ${req.method} ${req.path}.`));
  });

  app.use('/api/v1', api);
  app.use(webApp());
  app.use((req: Request, res: Response) => sendProblem(res, problem.notFound(`Keine Ressource ${req.method} ${req.path}.`)));
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => next(storeProblem(err) ?? err));
  app.use(errorHandler((err, req) => {
    // with pino, the request's completion line carries the error (stack included) and the request id; stack
    // traces go to the log, never out
    if ((req as Request & { log?: Logger }).log && req.res) (req.res as Response & { err?: unknown }).err = err instanceof Error ? err : new Error(String(err));
    else deps.logError?.(err, { requestId: req.res?.locals.requestId, method: req.method, path: req.path });
  }));
  return app;
}

/** The read model's failures as problems: its database down is a 503, a forged cursor a 400. */
function storeProblem(err: unknown): HttpProblem | undefined {
  if (err instanceof StoreUnavailableError) {
    const unavailable = problem.unavailable('Die Datenbank ist nicht erreichbar. Bitte später erneut versuchen.');
    (unavailable as Error).cause = err;
    return unavailable;
  }
  if (err instanceof InvalidCursorError) return problem.badRequest('Ungültiger cursor.');
  return undefined;
}
