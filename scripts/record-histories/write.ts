// Writing a recorded history and its manifest entry (scripts/record-histories.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findSecrets, HISTORIES_DIR, loadHistory, readManifest, writeManifest, type ManifestEntry } from '../../test/replay/history-files';
import { historyToJson } from '../../test/replay/history-json';
import type { Recorded } from './outputs';
import { fileName, log } from './log';

const ROOT = path.resolve(__dirname, '..', '..');

// ---- writing ---------------------------------------------------------------------------------------------------

export function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'workflows', 'domain'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${commit}+uncommitted workflows/domain changes` : commit;
  } catch {
    return 'unknown';
  }
}

/** The same JSON with one event per line: a fifth smaller than indented, and a diff still shows which events changed. */
export function onePerLine(json: string): string {
  const { events, ...rest } = JSON.parse(json) as { events: unknown[] };
  if (Object.keys(rest).length) return `${json}\n`;
  return `{"events": [\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}

export function write(recorded: Recorded, history: unknown, tag: string | undefined, commit: string): ManifestEntry {
  const file = fileName(recorded.workflowType, recorded.scenario, tag);
  const json = historyToJson(history as Parameters<typeof historyToJson>[0]);
  const secrets = findSecrets(JSON.parse(json));
  if (secrets.length) throw new Error(`${file} would contain ${secrets.join(', ')}; not written`);
  fs.writeFileSync(path.join(HISTORIES_DIR, file), onePerLine(json));
  const loaded = loadHistory(file);
  if (loaded.workflowType !== recorded.workflowType) throw new Error(`${file}: history is of ${loaded.workflowType}`);
  const events = loaded.history.events?.length ?? 0;
  log(`wrote ${file}: ${events} events, ${(fs.statSync(path.join(HISTORIES_DIR, file)).size / 1024).toFixed(0)} KiB, ${loaded.closedAs}`);
  const entry: ManifestEntry = {
    file,
    workflowType: recorded.workflowType,
    workflowId: recorded.workflowId,
    runId: String(loaded.history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId ?? ''),
    scenario: recorded.scenario,
    closedAs: loaded.closedAs ?? 'open',
    events,
    recordedAt: new Date().toISOString(),
    commit,
  };
  // the manifest follows each file at once, so an interrupted recording leaves both consistent
  writeManifest([...readManifest().filter((e) => e.file !== file), entry]);
  return entry;
}

