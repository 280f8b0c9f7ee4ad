// Scale: one onboarding with hundreds of Verfahren and workstations driven to completion by the bot through the
// API, the way a team works a rollout of that size: the open tasks one person completes with the same form go in
// one POST /tasks/bulk (scripts/bot.ts, bulk mode). Measures the wall time, the longest history of any workflow of the run (Temporal warns at 10,240 events
// and fails a workflow at 51,200) and the peak resident memory of the process that runs the worker.
import { performance } from 'node:perf_hooks';
import { fetchHttp } from '../bot';
import { agsQuery, listWorkflows } from './histories';
import { childCount, drive, inventoryOf, startOnboarding, type OnboardingSize } from './onboardings';
import { watchPeakRss } from './rss';
import type { Client } from '@temporalio/client';
import { percentiles, round, type Percentiles } from './stats';

export interface ScaleResult {
  size: OnboardingSize;
  completed: boolean;
  status: string;
  seconds: number;
  workflows: number;
  completionsSent: number;
  completion: Percentiles;
  maxHistoryEvents: number;
  longestHistory: string;
  historyByType: Record<string, number>;
  rootEvents: number;
  rootEventsContiguous: boolean;
  /** GET /runs/{id} of the closed onboarding (its page, as the project lead opens it after go-live), from the state
   * stored when it closed; and the answer's size */
  runPage?: Percentiles & { bytes: number };
  workerPeakRssMb: number;
  /** resident memory of the measured process before the run */
  workerIdleRssMb: number;
  rssSource: string;
  /** which process was measured */
  rssOf: string;
}

export interface ScaleTarget {
  baseUrl: string;
  client: Client;
  /** the process that runs the worker ('self': the benchmark's own, embedded) */
  workerPid: number | 'self';
  rssOf: string;
}

export async function measureScale(sys: ScaleTarget, opts: { ags: string; size: OnboardingSize; timeoutMs: number; log: (l: string) => void }): Promise<ScaleResult> {
  const http = fetchHttp(sys.baseUrl);
  const reader = 'demo-m.huber';
  const rss = watchPeakRss(sys.workerPid);
  const idle = rss.current();
  const t0 = performance.now();
  const root = await startOnboarding(http, opts.ags, opts.size);
  const completionMs: number[] = [];
  let lastReport = performance.now();
  let sent = 0;
  let status = 'running';
  try {
    sent = await drive(http, root, opts.timeoutMs, (_task, _status, ms) => {
      completionMs.push(ms);
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        opts.log(`  … ${completionMs.length} completions after ${Math.round((lastReport - t0) / 1000)} s`);
      }
    }, true, { inventur: inventoryOf(opts.size.workstations, opts.size.batchSize) });
    status = (await http('GET', `/api/v1/runs/${root}`, reader)).body.status as string;
  } catch (err) {
    opts.log(`  scale run did not complete: ${(err as Error).message}`);
    status = `not completed: ${(err as Error).message.slice(0, 200)}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  const peak = rss.stop();
  const runPage = status === 'completed' ? await timeRunPage(http, root, reader) : undefined;

  const wfs = await listWorkflows(sys.client, agsQuery([opts.ags]), 1 + childCount(opts.size));
  const longest = wfs.reduce((a, b) => (b.historyLength > a.historyLength ? b : a), wfs[0]);
  const historyByType: Record<string, number> = {};
  for (const w of wfs) historyByType[w.type] = Math.max(historyByType[w.type] ?? 0, w.historyLength);
  // the whole audit trail, page by page
  const seqs: number[] = [];
  for (let cursor: string | null = ''; cursor !== null;) {
    const page = await http('GET', `/api/v1/runs/${root}/events?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'demo-b.wolf');
    seqs.push(...((page.body?.items ?? []) as { seq: number }[]).map((e) => e.seq));
    cursor = (page.body?.nextCursor as string | null | undefined) ?? null;
  }
  return {
    size: opts.size,
    completed: status === 'completed',
    status,
    seconds: round(seconds, 1),
    workflows: wfs.length,
    completionsSent: sent,
    completion: percentiles(completionMs),
    maxHistoryEvents: longest?.historyLength ?? 0,
    longestHistory: longest?.workflowId ?? '',
    historyByType,
    rootEvents: seqs.length,
    rootEventsContiguous: seqs.every((s, i) => s === i + 1),
    ...(runPage ? { runPage } : {}),
    workerPeakRssMb: peak.peakMb,
    workerIdleRssMb: idle,
    rssSource: peak.source,
    rssOf: sys.rssOf,
  };
}

/** The closed run's page, five times one after another. */
async function timeRunPage(http: ReturnType<typeof fetchHttp>, root: string, reader: string): Promise<Percentiles & { bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const res = await http('GET', `/api/v1/runs/${root}`, reader);
    ms.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`GET /runs/${root}: ${res.status}`);
    bytes = JSON.stringify(res.body).length;
  }
  return { ...percentiles(ms), bytes };
}
