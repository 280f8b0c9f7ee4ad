// createApp(deps): the HTTP API of API.md. Thin: authenticate, authorise, validate, then start, update or query
// a workflow. Nothing here keeps state of its own.
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { requireAuth } from './auth';
import type { ApiDeps } from './deps';
import { errorHandler, problem, sendProblem, HttpProblem } from './problem';
import { catalogRoutes } from './routes/catalog';
import { dashboardRoutes } from './routes/dashboard';
import { runChangeRoutes } from './routes/run-changes';
import { runRoutes } from './routes/runs';
import { taskRoutes } from './routes/tasks';
import { DEMO_USERS } from './users';
import { webApp } from './web';
import { InvalidCursorError, StoreUnavailableError } from '../store/store';

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('X-Request-Id');
    res.locals.requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    let ready = true;
    await Promise.all(
      Object.entries(deps.readiness).map(async ([name, check]) => {
        try {
          await check();
          checks[name] = 'ok';
        } catch {
          checks[name] = 'unavailable';
          ready = false;
        }
      }),
    );
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });

  const api = express.Router();
  // Bodies must be JSON (415 otherwise); an empty POST is allowed for actions without input.
  api.use((req: Request, _res: Response, next: NextFunction) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is('application/json')) {
      return next(new HttpProblem(415, 'Nicht unterstützter Inhaltstyp', 'Bitte Content-Type: application/json senden.'));
    }
    next();
  });
  api.use(express.json({ limit: '2mb', strict: true }));

  if (deps.embedded) {
    api.get('/dev/users', (_req, res) => {
      res.json({ items: DEMO_USERS.map(({ id, name, roles, gemeinden, token }) => ({ id, name, roles, gemeinden, token })) });
    });
  }

  api.use(requireAuth(deps.authenticate));
  api.use(catalogRoutes());
  api.use(runRoutes(deps));
  api.use(runChangeRoutes(deps));
  api.use(taskRoutes(deps));
  api.use(dashboardRoutes(deps));
  api.use((req: Request, _res: Response, next: NextFunction) => next(problem.notFound(`Keine Ressource ${req.method} ${req.path}.`)));

  app.use('/api/v1', api);
  app.use(webApp());
  app.use((req: Request, res: Response) => sendProblem(res, problem.notFound(`Keine Ressource ${req.method} ${req.path}.`)));
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => next(storeProblem(err) ?? err));
  app.use(errorHandler((err, req) => deps.logError?.(err, { requestId: req.res?.locals.requestId, method: req.method, path: req.path })));
  return app;
}

/** The read model's failures as problems: its database down is a 503, a forged cursor a 400. */
function storeProblem(err: unknown): HttpProblem | undefined {
  if (err instanceof StoreUnavailableError) return problem.unavailable('Die Datenbank ist nicht erreichbar. Bitte später erneut versuchen.');
  if (err instanceof InvalidCursorError) return problem.badRequest('Ungültiger cursor.');
  return undefined;
}
