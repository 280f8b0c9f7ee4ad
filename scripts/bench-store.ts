// Store benchmark (not a timed test): seeds runs and open tasks through appendEvents, then measures the inbox
// (open tasks of one team, first page and a later page), a tenant's overdue list and the portfolio, and prints
// the plans so a sequential scan cannot hide behind a fast machine.
//
//   npx ts-node --transpile-only scripts/bench-store.ts [--runs 1000] [--open 10000] [--done 10000] [--iterations 200]
//                                                      [--backend pglite|postgres|both] [--json file] [--explain] [--keep]
// The server backend uses BENCH_DATABASE_URL or TEST_DATABASE_URL and works in a database of its own, dropped after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { GEMEINDEN } from '../domain/catalog/gemeinden';
import type { RunSnapshot } from '../domain/events';
import { RunStream, seedStore, taskSnapshot } from './bench/bench-data';
import type { Db, Queryable } from '../store/db';
import { vacuumProjections } from '../store/maintenance';
import { migrate } from '../store/migrate';
import { openPgDb } from '../store/pg-db';
import { openPgliteDb } from '../store/pglite-db';
import { storeOn, type Store } from '../store/store';
import { listTasks, type TaskFilter } from '../store/task-queries';
import { dashboard } from '../store/dashboard';

interface Args {
  runs: number;
  open: number;
  done: number;
  iterations: number;
  backend: 'pglite' | 'postgres' | 'both';
  json?: string;
  explain: boolean;
  /** keep the server database for a look with psql */
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 1000, open: 10_000, done: 10_000, iterations: 200, backend: 'both', explain: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--explain') args.explain = true;
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--runs') { args.runs = Number(value); i++; }
    else if (flag === '--open') { args.open = Number(value); i++; }
    else if (flag === '--done') { args.done = Number(value); i++; }
    else if (flag === '--iterations') { args.iterations = Number(value); i++; }
    else if (flag === '--backend') { args.backend = value as Args['backend']; i++; }
    else if (flag === '--json') { args.json = value; i++; }
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

interface Figures {
  p50: number;
  p95: number;
  max: number;
}

function percentiles(ms: number[]): Figures {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1]) };
}

async function measure(iterations: number, fn: (i: number) => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < Math.min(10, iterations); i++) await fn(i); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

/** Remembers the statements a query function sends, so they can be EXPLAINed as they are. */
function recorder(db: Db): { q: Queryable; statements: { sql: string; params: unknown[] }[] } {
  const statements: { sql: string; params: unknown[] }[] = [];
  return {
    statements,
    q: {
      query: (sql, params = []) => {
        statements.push({ sql, params });
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
    },
  };
}

async function explain(db: Db, label: string, run: (q: Queryable) => Promise<unknown>): Promise<void> {
  const rec = recorder(db);
  await run(rec.q);
  for (const s of rec.statements) {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${s.sql}`, s.params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n    ');
    const scans = plan.match(/Seq Scan on \w+/g) ?? [];
    process.stdout.write(`  plan ${label}${scans.length ? `  ⚠ ${scans.join(', ')}` : ''}\n    ${plan}\n`);
  }
}

/**
 * The steady state of a server whose autovacuum has caught up (the embedded store vacuums itself as it goes). Right
 * after the seed, autovacuum's own ANALYZE holds back the visibility map, so vacuum until it covers the tables.
 */
async function settle(db: Db): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await vacuumProjections(db);
    const { rows } = await db.query<{ visible: number }>(
      `SELECT min(relallvisible::float / greatest(relpages, 1)) AS visible FROM pg_class
       WHERE relname IN ('runs', 'tasks', 'task_roles')`,
    );
    if (rows[0].visible >= 0.95) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const benchRun: RunSnapshot = {
  id: '', process: 'gemeinde-onboarding', title: 'Messlauf', status: 'running', rootId: '', ags: GEMEINDEN[0].ags,
  gemeindeName: GEMEINDEN[0].name, phase: 'anbahnung', phaseTitle: 'Anbahnung', progress: 0, health: 'green',
  startedAt: new Date().toISOString(),
};

interface Result {
  backend: string;
  seed: { runs: number; openTasks: number; doneTasks: number; events: number; runningOnboardings: number; ms: number };
  inbox: Figures;
  inboxPage3: Figures;
  tenantOverdue: Figures;
  dashboard: Figures;
  append: Figures;
}

async function bench(name: string, db: Db, args: Args): Promise<Result> {
  await migrate(db);
  const store: Store = storeOn(db);
  const now = new Date();
  process.stdout.write(`\n[${name}] seeding ${args.runs} runs, ${args.open} open and ${args.done} done tasks …\n`);
  const t0 = performance.now();
  const seeded = await seedStore(store, { runs: args.runs, openTasks: args.open, doneTasks: args.done, now });
  const seed = { ...seeded, ms: Math.round(performance.now() - t0) };
  process.stdout.write(`[${name}] ${seeded.events} events in ${seed.ms} ms; ${seeded.runningOnboardings} running onboardings\n`);
  await settle(db);

  const roles = ['netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'gemeinde', 'projektleitung', 'bereichsleitung'];
  const inboxFilter = (i: number): TaskFilter => ({ state: 'open', role: roles[i % roles.length], limit: 50 });
  const tenantFilter = (i: number): TaskFilter => ({
    state: 'open', overdue: true, now, agsIn: [GEMEINDEN[i % GEMEINDEN.length].ags], limit: 50,
  });
  const page3 = new Map<string, string>();
  for (const role of roles) {
    let cursor: string | undefined;
    for (let p = 0; p < 2; p++) cursor = (await store.listTasks({ state: 'open', role, limit: 50, cursor })).nextCursor ?? undefined;
    if (cursor) page3.set(role, cursor);
  }

  if (args.explain) {
    await explain(db, 'inbox', (q) => listTasks(q, inboxFilter(0)));
    await explain(db, 'inbox page 3', (q) => listTasks(q, { ...inboxFilter(0), cursor: page3.get(roles[0]) }));
    await explain(db, 'tenant overdue', (q) => listTasks(q, tenantFilter(0)));
    await explain(db, 'all tasks (open and done)', (q) => listTasks(q, { limit: 50 }));
    await explain(db, 'dashboard', (q) => dashboard(q, { now }));
  }

  const result: Result = {
    backend: name,
    seed,
    inbox: await measure(args.iterations, (i) => store.listTasks(inboxFilter(i))),
    inboxPage3: await measure(args.iterations, (i) => store.listTasks({ ...inboxFilter(i), cursor: page3.get(roles[i % roles.length]) })),
    tenantOverdue: await measure(args.iterations, (i) => store.listTasks(tenantFilter(i))),
    dashboard: await measure(args.iterations, () => store.dashboard({ now })),
    // what one event activity costs: a run starts, its first task opens, a step starts
    append: await measure(args.iterations, (i) => {
      const s = new RunStream({ ...benchRun, id: `bench-append-${i}`, rootId: `bench-append-${i}` });
      s.emit('run.started', s.run.startedAt, { actor: 'system', run: s.run });
      const task = taskSnapshot(s.run, 'erstgespraech', { candidateRoles: ['vorstand'], dueAt: s.run.startedAt });
      s.emit('task.opened', s.run.startedAt, { actor: 'system', task });
      s.emit('step.started', s.run.startedAt, { data: { stepId: 'erstgespraech' } });
      return store.appendEvents(s.events);
    }),
  };
  const line = (label: string, f: Figures) => `  ${label.padEnd(32)} p50 ${f.p50.toFixed(2).padStart(7)} ms   p95 ${f.p95.toFixed(2).padStart(7)} ms   max ${f.max.toFixed(2).padStart(7)} ms\n`;
  process.stdout.write(
    `[${name}]\n${line('inbox (role, open, limit 50)', result.inbox)}${line('inbox, third page', result.inboxPage3)}`
    + `${line('tenant overdue (agsIn)', result.tenantOverdue)}${line(`dashboard (${args.runs} runs)`, result.dashboard)}`
    + `${line('append (3 events, 1 run, 1 task)', result.append)}`,
  );
  return result;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const results: Result[] = [];
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;

  if (args.backend !== 'postgres') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
    const db = await openPgliteDb(path.join(dir, 'pgdata'));
    try {
      results.push(await bench('pglite', db, args));
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (args.backend !== 'pglite') {
    if (!serverUrl) {
      process.stdout.write('\n[postgres] skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (scripts/pg-test-server.sh start)\n');
    } else {
      const name = `bench_store_${process.pid}`;
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const db = openPgDb({ connectionString: url.toString() });
      try {
        results.push(await bench('postgres', db, args));
      } finally {
        await db.close();
        if (args.keep) process.stdout.write(`[postgres] kept database ${url.toString()}\n`);
        else await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
  }
  if (args.json) {
    fs.mkdirSync(path.dirname(args.json), { recursive: true });
    fs.writeFileSync(args.json, `${JSON.stringify({ at: new Date().toISOString(), args, results }, null, 2)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
