// Safe deploys of workflow code: every history recorded from a real run (test/replay/histories, written by
// `npm run record-histories`) is replayed against the workflow bundle production runs. A change that would make a
// running onboarding's next workflow task fail (a DeterminismViolationError in production) fails here instead.
// Replay runs the workflow code in-process against the stored events: no Temporal server, no database.
import fs from 'node:fs';
import path from 'node:path';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
  type ReplayResult,
  type ReplayWorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import * as registeredWorkflows from '../../workflows';
import { WORKFLOW_TYPES } from '../../workflows/messages';
import { workflowBundle } from '../helpers/temporal-env';
import { findSecrets, historyFiles, HISTORIES_DIR, loadHistory, MANIFEST_PATH, readManifest, type LoadedHistory } from './history-files';
import { historyFromJson, historyToJson } from './history-json';

// Replay workers log their lifecycle (INFO) and each non-determinism (WARN, expected in the negative test);
// the results carry the errors, so only real trouble is printed.
Runtime.install({ logger: new DefaultLogger('ERROR') });

const files = historyFiles();
const histories: LoadedHistory[] = files.map(loadHistory);
const manifest = readManifest();
/**
 * The run's real workflow id: the engine derives task ids from it, so the recorded Updates find their tasks only
 * under it. From the start event where the server wrote it, else from the manifest.
 */
function workflowIdOf(file: string): string {
  const id = histories.find((h) => h.file === file)?.workflowId ?? manifest.find((e) => e.file === file)?.workflowId;
  if (!id) throw new Error(`${file}: no workflow id in its start event nor in ${path.basename(MANIFEST_PATH)}`);
  return id;
}

function replayOptions(bundle: WorkflowBundleWithSourceMap): ReplayWorkerOptions {
  return { workflowBundle: bundle, replayName: 'replay-test' };
}

async function replayAll(bundle: WorkflowBundleWithSourceMap): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  const input = histories.map((h) => ({ workflowId: workflowIdOf(h.file), history: h.history }));
  for await (const result of Worker.runReplayHistories(replayOptions(bundle), input)) results.push(result);
  return results;
}

const noop = (): void => undefined;
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
function fixtureBundle(name: string): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve(`./fixtures/${name}`), logger: quiet });
}

describe('the recorded histories', () => {
  it('cover every workflow type the worker registers', () => {
    // the bundle registers every function workflows/index.ts exports; a new type without a history fails here
    const registered = Object.entries(registeredWorkflows).filter(([, v]) => typeof v === 'function').map(([name]) => name).sort();
    // besides the processes: workflows started by Temporal Schedules (worker/directory-schedule.ts, worker/digest-schedule.ts,
    // worker/report-schedule.ts) and the mails of a run's message and of a paper, started by the API (api/routes/messages.ts,
    // api/routes/documents.ts)
    const scheduled = ['directorySync', 'mailDigest', 'monthlyPortfolioReport', 'messageMail', 'documentMail'];
    expect(registered).toEqual([...Object.values(WORKFLOW_TYPES), ...scheduled].sort());
    const recorded = new Set(histories.map((h) => h.workflowType));
    for (const type of registered) expect({ type, recorded: recorded.has(type) }).toEqual({ type, recorded: true });
    for (const h of histories) expect(registered).toContain(h.workflowType);
  });

  it('are named after their workflow type and listed in the manifest', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(manifest.map((e) => e.file).sort()).toEqual(files);
    for (const h of histories) {
      expect(h.file.startsWith(`${h.workflowType}-`)).toBe(true);
      const entry = manifest.find((e) => e.file === h.file)!;
      expect({ file: h.file, type: entry.workflowType, id: entry.workflowId, events: entry.events, closedAs: entry.closedAs })
        .toEqual({ file: h.file, type: h.workflowType, id: h.workflowId ?? entry.workflowId, events: h.history.events!.length, closedAs: h.closedAs });
    }
  });

  it('are of closed runs, so replay covers each run to its end', () => {
    for (const h of histories) expect({ file: h.file, closedAs: h.closedAs }).toEqual({ file: h.file, closedAs: expect.stringMatching(/^(completed|cancelled)$/) });
  });

  it('hold no credentials (payloads decoded)', () => {
    for (const h of histories) expect({ file: h.file, secrets: findSecrets(h.json) }).toEqual({ file: h.file, secrets: [] });
  });

  it('would show a credential hidden in a payload', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const payload = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify({ headers: { authorization: 'Bearer demo-a.gruber' } })) };
    const leaky = { events: [{ eventId: '1', workflowExecutionStartedEventAttributes: { input: { payloads: [payload] } } }] };
    expect(findSecrets(leaky).sort()).toEqual(['bearer token', 'token of a.gruber']);
  });

  it('convert between JSON and History without loss', () => {
    for (const h of histories) {
      const again = JSON.parse(historyToJson(historyFromJson(h.json)));
      expect({ file: h.file, same: JSON.stringify(again) === JSON.stringify(h.json) }).toEqual({ file: h.file, same: true });
    }
    expect(fs.existsSync(HISTORIES_DIR)).toBe(true);
  });
});

describe('replay against the current workflow code', () => {
  let results: ReplayResult[];
  beforeAll(async () => {
    // the bundle the tests' workers run, built by worker/bundle.ts exactly as production builds it
    results = await replayAll(await workflowBundle());
  });

  it.each(files)('%s replays without non-determinism', (file) => {
    expect(results).toHaveLength(files.length);
    const result = results[files.indexOf(file)];
    expect(result.workflowId).toBe(workflowIdOf(file));
    expect(result.error).toBeUndefined();
  });
});

describe('the check itself', () => {
  it('fails a change that adds a command without patched(), on every history', async () => {
    const results = await replayAll(await fixtureBundle('unpatched-change'));
    expect(results).toHaveLength(files.length);
    for (const result of results) {
      expect(result.error).toBeInstanceOf(DeterminismViolationError);
      expect(result.error!.message).toMatch(/nondetermin/i);
    }
  });

  it('passes the same change behind patched(): old runs replay their old path', async () => {
    const results = await replayAll(await fixtureBundle('patched-change'));
    expect(results.map((r) => ({ id: r.workflowId, error: r.error?.message }))).toEqual(histories.map((h) => ({ id: workflowIdOf(h.file), error: undefined })));
  });
});
