// Records workflow histories from real runs for the replay test (test/replay/replay.test.ts): a real Temporal dev
// server, the real worker with the real activities and the HTTP API, driven the way people and systems would drive
// them. Each run's history is written as proto3 JSON (test/replay/history-json.ts) to
// test/replay/histories/<workflowType>-<scenario>.json and listed in test/replay/manifest.json.
//
//   npm run record-histories                      # refuses to overwrite existing histories
//   npm run record-histories -- --tag v2          # writes <workflowType>-<scenario>-v2.json next to the old ones
//   npm run record-histories -- --replace         # overwrites (only when no run of the old code is still open)
//   npm run record-histories -- --only four-eyes  # one scenario group: completed, cancelled, four-eyes, deadline, digest, report, message, document
//
// Keep the runs small (one or two Verfahren, a few devices): every file is replayed on every `npm test`.
import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startSystem } from '../test/helpers/system';
import { HISTORIES_DIR, type ManifestEntry } from '../test/replay/history-files';
import { GROUPS, OUTPUTS, type Group, type Recorded } from './record-histories/outputs';
import { fileName, log } from './record-histories/log';
import { recordCancelled, recordCompleted, recordDigest, recordDocument, recordFourEyes, recordMessage, recordReport } from './record-histories/scenarios';
import { recordDeadline, recordDirectory } from './record-histories/timed-scenarios';
import { gitCommit, write } from './record-histories/write';

const ROOT = path.resolve(__dirname, '..');

// ---- command line ---------------------------------------------------------------------------------------------

/** A mistake in how the script was called: reported without a stack trace. */
class UsageError extends Error {}

function parseArgs(argv: string[]): { tag?: string; replace: boolean; only: Group[] } {
  let tag: string | undefined;
  let replace = false;
  let only: Group[] = [...GROUPS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--replace') replace = true;
    else if (arg === '--tag') tag = argv[++i];
    else if (arg === '--only') only = (argv[++i] ?? '').split(',') as Group[];
    else throw new UsageError(`unknown argument ${arg} (use --tag NAME, --replace, --only ${GROUPS.join(',')})`);
  }
  if (tag !== undefined && !/^[a-z0-9][a-z0-9.-]*$/i.test(tag)) throw new UsageError(`--tag must be letters, digits, . and - (got ${JSON.stringify(tag)})`);
  const unknown = only.filter((g) => !GROUPS.includes(g));
  if (unknown.length) throw new UsageError(`--only: unknown group(s) ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
  return { tag, replace, only };
}


async function main(): Promise<void> {
  const { tag, replace, only } = parseArgs(process.argv.slice(2));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const existing = only.flatMap((g) => OUTPUTS[g]).map(([type, scenario]) => fileName(type, scenario, tag)).filter((f) => fs.existsSync(path.join(HISTORIES_DIR, f)));
  if (existing.length && !replace) {
    throw new UsageError(
      `these histories exist already: ${existing.join(', ')}.\n` +
        'Keep them while runs of that code may still be open (onboardings run for months) and record next to them with ' +
        '--tag NAME; overwrite with --replace only when no such run is left (docs/workflow-versioning.md).',
    );
  }
  const commit = gitCommit();
  const t0 = Date.now();
  const entries: ManifestEntry[] = [];

  if (only.some((g) => g !== 'deadline' && g !== 'directory')) {
    log('starting the Temporal dev server, the worker with the real activities and the API');
    const sys = await startSystem();
    try {
      const recorded: Recorded[] = [];
      if (only.includes('completed')) recorded.push(...(await recordCompleted(sys)));
      if (only.includes('cancelled')) recorded.push(...(await recordCancelled(sys)));
      if (only.includes('four-eyes')) recorded.push(...(await recordFourEyes(sys)));
      if (only.includes('digest')) recorded.push(...(await recordDigest(sys)));
      if (only.includes('report')) recorded.push(...(await recordReport(sys)));
      if (only.includes('message')) recorded.push(...(await recordMessage(sys)));
      if (only.includes('document')) recorded.push(...(await recordDocument(sys)));
      for (const r of recorded) entries.push(write(r, await sys.env.client.workflow.getHandle(r.workflowId).fetchHistory(), tag, commit));
    } finally {
      await sys.stop();
    }
  }
  if (only.includes('deadline')) {
    const { recorded, histories } = await recordDeadline();
    for (const r of recorded) entries.push(write(r, histories.get(r.workflowId), tag, commit));
  }
  if (only.includes('directory')) {
    const { recorded, histories } = await recordDirectory();
    for (const r of recorded) entries.push(write(r, histories.get(r.workflowId), tag, commit));
  }

  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${entries.length} histories in ${path.relative(ROOT, HISTORIES_DIR)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);

