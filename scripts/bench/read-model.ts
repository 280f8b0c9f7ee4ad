// The inbox and the portfolio over a big read model. The synthetic portfolio (scripts/bench/bench-data.ts: 1,000 runs,
// 10,000 open and 10,000 finished tasks) is appended to the running system's own embedded store through
// appendEvents, so the API reads exactly what it would read in production; the same query is also timed at the
// store, which separates the database's share from the API's (auth, validation, JSON of the task views).
import { performance } from 'node:perf_hooks';
import { DEMO_USERS } from '../../config/users';
import { seedStore, type SeedCounts } from './bench-data';
import type { Role } from '../../domain/types';
import { fetchHttp } from '../bot';
import { inboxFilter, openInbox } from './inbox-load';
import type { BenchSystem } from './system';
import { percentiles, type Percentiles } from './stats';

export interface ReadModelResult {
  seed: SeedCounts & { seconds: number };
  inbox: Percentiles;
  inboxStore: Percentiles;
  portfolio: Percentiles;
  portfolioStore: Percentiles;
}

/** one member of each team; their inbox opens on their work ("Mein Team"), its first page and the counts */
const TEAMS: Role[] = ['netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'projektleitung', 'bereichsleitung'];

async function sample(iterations: number, fn: (i: number) => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < 10; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return percentiles(ms);
}

export async function measureReadModel(sys: BenchSystem, opts: { runs: number; openTasks: number; iterations: number }): Promise<ReadModelResult> {
  const t0 = performance.now();
  const counts = await seedStore(sys.store, { runs: opts.runs, openTasks: opts.openTasks });
  const seed = { ...counts, seconds: Math.round((performance.now() - t0) / 100) / 10 };
  const http = fetchHttp(sys.baseUrl);
  const members = TEAMS.map((role) => DEMO_USERS.find((u) => u.roles.includes(role))!);
  const board = DEMO_USERS.find((u) => u.id === 'm.huber')!;
  const get = async (path: string, token: string): Promise<void> => {
    const res = await http('GET', path, token);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  };
  const inbox = await sample(opts.iterations, (i) => openInbox(get, members[i % members.length].token));
  const inboxStore = await sample(opts.iterations, (i) => sys.store.listTasks(inboxFilter(members[i % members.length])));
  const portfolio = await sample(opts.iterations, () => get('/api/v1/dashboard', board.token));
  const portfolioStore = await sample(opts.iterations, () => sys.store.dashboard({ now: new Date() }));
  return { seed, inbox, inboxStore, portfolio, portfolioStore };
}
