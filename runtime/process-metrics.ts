// prom-client's default process metrics (CPU, memory, event loop, GC, handles) for the API's and the worker's
// /metrics — less the three gauges prom-client names `…_total`. That suffix marks a counter in Prometheus, so
// `promtool check metrics` refuses them; each is only the sum of its per-type gauge (`sum(nodejs_active_handles)`).
import { collectDefaultMetrics, type Registry } from 'prom-client';

const MISNAMED_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_GAUGES) registry.removeSingleMetric(name);
}
