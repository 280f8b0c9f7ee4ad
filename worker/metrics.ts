// The standalone worker's metrics and health (docs/metrics.md). The Temporal SDK's Core exports its metrics
// (task slots, polls, workflow and activity task latencies, sticky cache …) in Prometheus format on a port of its
// own — without any authentication, so it listens on loopback only, on a free port. The worker's own small HTTP
// server on WORKER_METRICS_PORT passes that text through behind the METRICS_TOKEN bearer, adds the process metrics
// of prom-client, and answers /healthz for container health checks (200 only while the worker is RUNNING).
//
// No Express here, and nothing from api/: the worker stays independent of the API's code.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Runtime, type Logger } from '@temporalio/worker';
import { Gauge, Registry } from 'prom-client';
import { freePort } from '../runtime/free-port';
import { collectProcessMetrics } from '../runtime/process-metrics';

export interface CoreMetrics {
  /** where Core's exporter answers (loopback) */
  url: string;
}

/**
 * Installs the SDK runtime with Core's Prometheus exporter on 127.0.0.1 and a free port. Must run before the first
 * NativeConnection (the runtime is a process-wide singleton created on first use) and only once per process.
 */
export async function installCoreMetrics(logger: Logger): Promise<CoreMetrics> {
  const bindAddress = `127.0.0.1:${await freePort()}`;
  // counters named with `_total`, as Prometheus names counters (`promtool check metrics` faults them otherwise)
  Runtime.install({ logger, telemetryOptions: { metrics: { prometheus: { bindAddress, countersTotalSuffix: true } } } });
  return { url: `http://${bindAddress}/metrics` };
}

export interface WorkerMetricsOptions {
  host: string;
  port: number;
  /** METRICS_TOKEN; without it /metrics answers 404 (health stays available) */
  token?: string;
  /** Core's exporter (installCoreMetrics); without it only the process metrics are served */
  core?: CoreMetrics;
  /** the worker's state (Worker.getState()), `STARTING` before it exists */
  state: () => string;
  /** how long a scrape waits for Core's exporter (default 3000 ms) */
  coreTimeoutMs?: number;
}

export interface WorkerMetricsServer {
  /** http://host:port as bound (port 0 resolved) */
  url: string;
  close(): Promise<void>;
}

const PATHS = ['/healthz', '/metrics'];

function send(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

/** The same problem+json shape as the API's (api/problem.ts). */
function sendProblem(res: http.ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ type: `https://ku-it.example/probleme/${status}`, title, status, detail });
  send(res, status, 'application/problem+json', body, headers);
}

function bearerMatches(header: string | undefined, expectedDigest: Buffer): boolean {
  const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null;
  const given = createHash('sha256').update(match ? match[1] : '').digest();
  return timingSafeEqual(given, expectedDigest) && match !== null;
}

export async function startWorkerMetricsServer(options: WorkerMetricsOptions): Promise<WorkerMetricsServer> {
  const tokenDigest = options.token ? createHash('sha256').update(options.token).digest() : undefined;
  const coreTimeoutMs = options.coreTimeoutMs ?? 3000;

  const registry = new Registry();
  collectProcessMetrics(registry);
  const coreUp = new Gauge({
    name: 'ku_worker_core_metrics_up',
    help: "1, wenn die Metriken des Temporal-SDK (Core-Exporter) beim Abruf geliefert wurden, sonst 0",
    registers: [registry],
  });
  const running = new Gauge({
    name: 'ku_worker_running',
    help: '1, solange der Worker Aufgaben abholt (Zustand RUNNING), sonst 0',
    registers: [registry],
  });

  async function coreText(): Promise<string | undefined> {
    if (!options.core) return undefined;
    try {
      const res = await fetch(options.core.url, { signal: AbortSignal.timeout(coreTimeoutMs) });
      if (!res.ok) return undefined;
      return await res.text();
    } catch {
      return undefined;
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    req.resume();
    const path = new URL(req.url ?? '/', 'http://worker').pathname.replace(/(.)\/$/, '$1');
    if (!PATHS.includes(path) || (path === '/metrics' && !tokenDigest)) {
      return sendProblem(res, 404, 'Nicht gefunden', `Keine Ressource ${req.method ?? ''} ${path}.`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendProblem(res, 405, 'Methode nicht erlaubt', `${req.method ?? ''} ist hier nicht erlaubt; erlaubt: GET.`, { Allow: 'GET, HEAD' });
    }
    if (path === '/healthz') {
      const state = options.state();
      return state === 'RUNNING'
        ? send(res, 200, 'application/json', JSON.stringify({ status: 'ok' }))
        : send(res, 503, 'application/json', JSON.stringify({ status: 'unavailable', state }));
    }
    if (!bearerMatches(req.headers.authorization, tokenDigest!)) {
      return sendProblem(res, 401, 'Nicht angemeldet', 'Für /metrics bitte das Metrik-Token (METRICS_TOKEN) als Bearer-Token senden.', {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
    }
    const core = await coreText();
    coreUp.set(core === undefined ? 0 : 1);
    running.set(options.state() === 'RUNNING' ? 1 : 0);
    const own = await registry.metrics();
    const body = core ? `${own.endsWith('\n') ? own : `${own}\n`}${core.endsWith('\n') ? core : `${core}\n`}` : own;
    send(res, 200, registry.contentType, body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else sendProblem(res, 500, 'Interner Fehler', 'Ein unerwarteter Fehler ist aufgetreten.');
    });
  });
  server.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
