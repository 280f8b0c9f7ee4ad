// Prometheus metrics of the API (docs/metrics.md): request latency per route pattern, and — read at scrape time —
// what the read model holds: runs per process and status, running runs per process and health, open tasks. Plus
// prom-client's process metrics (runtime/process-metrics.ts). `promtool check metrics` finds nothing to fault
// (test/api/outside-linters.test.ts). GET /metrics wants the METRICS_TOKEN bearer (Prometheus is no user); a database
// outage never fails a scrape: the HTTP figures are served and ku_read_model_up says 0.
//
// Label values are bounded: routes are the documented patterns (never ids), methods a fixed set, statuses the few
// codes the API answers, processes/states/roles/health the domain's enumerations.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Gauge, Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from '../runtime/process-metrics';
import { ROUTE_ACTIONS } from './route-table';
import { problem, sendProblem } from './problem';
import { routeMatcher } from './route-match';
import type { Store } from '../store/store';

export interface MetricsOptions {
  /** METRICS_TOKEN: the bearer token the scraper sends */
  token: string;
  /** how long a scrape waits for the read model before it reports it down (default 5000 ms) */
  readModelTimeoutMs?: number;
  /** scrapes within this time share one read of the read model (default 5000 ms; 0: every scrape reads) */
  readModelMaxAgeMs?: number;
}

/** The operational paths, labelled as themselves. */
const OPERATIONAL = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs', '/docs/docs.js', '/docs/docs.css'];
/** Every documented path of /api/v1, whatever the method (a 405 is labelled with the route it missed). */
const API_PATHS = routeMatcher([...new Set(Object.keys(ROUTE_ACTIONS).map((key) => `ANY ${key.split(' ')[1]}`))]);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The label for a request path: the route pattern as in the OpenAPI document (`/api/v1/tasks/{id}/complete`), an
 * operational path as it is, `/api/v1/(unmatched)` for unknown API paths and `(other)` for the web UI and the rest.
 */
export function routeLabel(path: string): string {
  const operational = OPERATIONAL.find((p) => p === path.toLowerCase().replace(/(.)\/$/, '$1'));
  if (operational) return operational;
  const api = /^\/api\/v1(\/.*)?$/i.exec(path);
  if (!api) return '(other)';
  const key = API_PATHS.match('ANY', api[1] ?? '/');
  return key ? `/api/v1${key.slice('ANY '.length)}` : '/api/v1/(unmatched)';
}

export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}

/** A value from the database as a label: the domain's enumerations pass, anything unexpected is `other`. */
function label(value: string | undefined): string {
  return value && /^[a-z][a-z0-9_-]{0,39}$/i.test(value) ? value : 'other';
}

/** Bearer token check in constant time (both sides hashed to the same length first). */
export function bearerMatches(header: string | undefined, expectedDigest: Buffer): boolean {
  const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null;
  const given = createHash('sha256').update(match ? match[1] : '').digest();
  return timingSafeEqual(given, expectedDigest) && match !== null;
}

let processMetrics: Registry | undefined;
/** prom-client's default metrics (CPU, memory, event loop, GC), collected once per process. */
export function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectProcessMetrics(processMetrics);
  }
  return processMetrics;
}

/** The read model's figures, as one scrape sees them. */
interface ReadModelFigures {
  runs: { process: string; status: string; count: number }[];
  running: Map<string, { process: string; health: string; count: number }>;
  openTasks: Map<string, { process: string; overdue: string; count: number }>;
  openTasksByRole: Map<string, { role: string; overdue: string; count: number }>;
}

/** Running runs and open tasks are read page by page; both are bounded by the work in progress, not by history. */
const PAGE = 1000;
const MAX_PAGES = 50;

function bump<T extends { count: number }>(map: Map<string, T>, key: string, init: Omit<T, 'count'>): void {
  const entry = map.get(key);
  if (entry) entry.count++;
  else map.set(key, { ...init, count: 1 } as T);
}

async function readFigures(store: Store, now = Date.now()): Promise<ReadModelFigures> {
  const figures: ReadModelFigures = { runs: [], running: new Map(), openTasks: new Map(), openTasksByRole: new Map() };
  const readRuns = async (): Promise<void> => {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await store.listRuns({ status: 'running', limit: PAGE, cursor });
      for (const run of result.items) {
        const process = label(run.process);
        const health = label(run.health);
        bump(figures.running, `${process}\0${health}`, { process, health });
      }
      if (!result.nextCursor) return;
      cursor = result.nextCursor;
    }
  };
  const readTasks = async (): Promise<void> => {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await store.listTasks({ state: 'open', limit: PAGE, cursor });
      for (const task of result.items) {
        const overdue = task.dueAt !== undefined && Date.parse(task.dueAt) < now ? 'true' : 'false';
        const process = label(task.process);
        bump(figures.openTasks, `${process}\0${overdue}`, { process, overdue });
        for (const r of new Set(task.candidateRoles)) {
          const role = label(r);
          bump(figures.openTasksByRole, `${role}\0${overdue}`, { role, overdue });
        }
      }
      if (!result.nextCursor) return;
      cursor = result.nextCursor;
    }
  };
  const [dashboard] = await Promise.all([store.dashboard(), readRuns(), readTasks()]);
  figures.runs = dashboard.counts.map((c) => ({ process: label(c.process), status: label(c.status), count: c.count }));
  return figures;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`read model: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly exposed: Registry;
  private readonly tokenDigest: Buffer;
  private readonly timeoutMs: number;
  private readonly maxAgeMs: number;
  private last?: { at: number; figures: ReadModelFigures };
  private reading?: Promise<ReadModelFigures>;

  private readonly httpDuration = new Histogram({
    name: 'ku_http_request_duration_seconds',
    help: 'Dauer der HTTP-Anfragen an die API, nach Methode, Route (Muster, nie IDs) und Statuscode',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly up = new Gauge({
    name: 'ku_read_model_up',
    help: '1, wenn das Lesemodell (Datenbank) beim letzten Abruf antwortete, sonst 0 (die ku_runs/ku_open_tasks-Werte fehlen dann)',
    registers: [this.registry],
  });
  private readonly runs = new Gauge({
    name: 'ku_runs',
    help: 'Vorgänge im Lesemodell nach Prozess und Status',
    labelNames: ['process', 'status'] as const,
    registers: [this.registry],
  });
  private readonly running = new Gauge({
    name: 'ku_running_runs',
    help: 'Laufende Vorgänge nach Prozess und Ampel (health)',
    labelNames: ['process', 'health'] as const,
    registers: [this.registry],
  });
  private readonly openTasks = new Gauge({
    name: 'ku_open_tasks',
    help: 'Offene Aufgaben nach Prozess, überfällig oder nicht',
    labelNames: ['process', 'overdue'] as const,
    registers: [this.registry],
  });
  private readonly openTasksByRole = new Gauge({
    name: 'ku_open_tasks_by_role',
    help: 'Offene Aufgaben je Rolle, die sie bearbeiten darf (eine Aufgabe zählt bei jeder ihrer Rollen)',
    labelNames: ['role', 'overdue'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly store: Store,
    options: MetricsOptions,
    private readonly onReadModelError: (err: unknown) => void = () => undefined,
  ) {
    this.tokenDigest = createHash('sha256').update(options.token).digest();
    this.timeoutMs = options.readModelTimeoutMs ?? 5000;
    this.maxAgeMs = options.readModelMaxAgeMs ?? 5000;
    this.exposed = Registry.merge([this.registry, processRegistry()]);
  }

  /** First middleware: times every request until its response is sent. */
  timing(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const started = process.hrtime.bigint();
      const labels = { method: methodLabel(req.method), route: routeLabel(req.path) };
      res.once('finish', () => {
        this.httpDuration.observe({ ...labels, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }

  /** GET /metrics: the bearer token (401 problem+json otherwise), then the exposition. */
  endpoint(): RequestHandler {
    return async (req: Request, res: Response) => {
      if (!bearerMatches(req.get('authorization'), this.tokenDigest)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return sendProblem(res, problem.unauthorized('Für /metrics bitte das Metrik-Token (METRICS_TOKEN) als Bearer-Token senden.'));
      }
      const body = await this.render();
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).type(this.exposed.contentType).send(body);
    };
  }

  /** The exposition text: the read model is read (or taken from a scrape moments ago) first. */
  async render(): Promise<string> {
    this.apply(await this.figures());
    return this.exposed.metrics();
  }

  private async figures(): Promise<ReadModelFigures | undefined> {
    if (this.last && Date.now() - this.last.at < this.maxAgeMs) return this.last.figures;
    // scrapes at once share one read; a hanging database holds one read, never one per scrape
    this.reading ??= readFigures(this.store)
      .then((figures) => {
        this.last = { at: Date.now(), figures };
        return figures;
      })
      .finally(() => {
        this.reading = undefined;
      });
    try {
      return await withDeadline(this.reading, this.timeoutMs);
    } catch (err) {
      this.onReadModelError(err);
      return undefined;
    }
  }

  private apply(figures: ReadModelFigures | undefined): void {
    this.runs.reset();
    this.running.reset();
    this.openTasks.reset();
    this.openTasksByRole.reset();
    this.up.set(figures ? 1 : 0);
    if (!figures) return;
    for (const r of figures.runs) this.runs.set({ process: r.process, status: r.status }, r.count);
    for (const r of figures.running.values()) this.running.set({ process: r.process, health: r.health }, r.count);
    for (const t of figures.openTasks.values()) this.openTasks.set({ process: t.process, overdue: t.overdue }, t.count);
    for (const t of figures.openTasksByRole.values()) this.openTasksByRole.set({ role: t.role, overdue: t.overdue }, t.count);
  }
}
