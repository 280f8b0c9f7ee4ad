// Bulk device actions (issue 14): recording one step for 100 devices in one request, POST /runs/{id}/devices/actions,
// p50/p95 over `samples` requests one after another. The batch has one device more than each request names, so the
// batch's task is never completed and the figure is the recording alone (100 device states read, changed, answered).
// Each request carries a new `data`, so every device really changes (a repeat would change nothing and be cheaper).
// Alone: `npx ts-node --transpile-only scripts/bench/bulk.ts` prints JSON with bulk100P50Ms.
import { performance } from 'node:perf_hooks';
import { DEMO_USERS } from '../../config/users';
import type { Store } from '../../store/store';
import { percentiles, round, type Percentiles } from './stats';

export interface BulkResult {
  bulk100P50Ms: number;
  bulk100P95Ms: number;
  bulk100: Percentiles;
}

const AGS = '09181128';

export async function measureBulk(
  target: { baseUrl: string; store: Pick<Store, 'devices'> },
  options: { devices?: number; samples?: number } = {},
): Promise<BulkResult> {
  const count = options.devices ?? 100;
  const samples = options.samples ?? 20;
  const lead = DEMO_USERS.find((u) => u.id === 'a.gruber')!;
  const tech = DEMO_USERS.find((u) => u.roles.includes('arbeitsplatz'))!;
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  const devices = Array.from({ length: count + 1 }, (_, i) => ({
    hostname: `BENCH-PC${i}`, serial: `BENCH-${String(i).padStart(5, '0')}`, mac: `02:00:00:00:${hex(i >> 8)}:${hex(i & 255)}`,
    os: 'Windows 11', model: 'Bench', location: 'Benchmark',
  }));
  await target.store.devices.importDevices(AGS, 'bench-inventory', devices);
  const call = async (user: { token: string }, path: string, body: unknown) => {
    const res = await fetch(`${target.baseUrl}/api/v1${path}`, {
      method: 'POST', headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const started = await call(lead, '/runs', {
    process: 'arbeitsplatz-rollout',
    input: { ags: AGS, batch: `Bench ${Date.now()}`, serials: devices.map((d) => d.serial), projectLead: lead.id },
  });
  if (started.status !== 201) throw new Error(`rollout start: ${started.status} ${JSON.stringify(started.body).slice(0, 300)}`);
  const runId = started.body.id as string;
  const named = devices.slice(0, count).map((d) => d.serial);
  // outcomes are taken once the step's task has opened: the first step, Bedarf erfassen, opens right after the start
  const bedarfOpen = async () => {
    const res = await fetch(`${target.baseUrl}/api/v1/tasks/${encodeURIComponent(`${runId}:bedarf`)}`, { headers: { Authorization: `Bearer ${tech.token}` } });
    return res.status === 200 && ((await res.json()) as { state?: string }).state === 'open';
  };
  for (let i = 0; !(await bedarfOpen()); i++) {
    if (i >= 300) throw new Error(`${runId}: the task "Bedarf erfassen" did not open`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const once = async (round: number): Promise<number> => {
    const t0 = performance.now();
    const res = await call(tech, `/runs/${encodeURIComponent(runId)}/devices/actions`, { step: 'bedarf', devices: named, outcome: 'done', data: { runde: round } });
    const ms = performance.now() - t0;
    const results = res.body.results as { status: number }[] | undefined;
    if (res.status !== 200 || results?.length !== count || results.some((r) => r.status !== 200)) {
      throw new Error(`bulk action: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    return ms;
  };
  await once(0); // warm-up: JIT and the first queries
  const ms: number[] = [];
  for (let i = 1; i <= samples; i++) ms.push(await once(i));
  const p = percentiles(ms);
  return { bulk100P50Ms: round(p.p50), bulk100P95Ms: round(p.p95), bulk100: p };
}

async function main(): Promise<void> {
  const { startBenchSystem } = await import('./system');
  const sys = await startBenchSystem({ log: (line) => process.stderr.write(`${line}\n`) });
  try {
    process.stdout.write(`${JSON.stringify(await measureBulk(sys, { devices: 100, samples: 20 }), null, 2)}\n`);
  } finally {
    await sys.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
