// The recorded workflow histories the replay test runs against the current code: where they live, the manifest that
// says where each came from, and the check that none of them carries a credential. Shared by the test and by
// scripts/record-histories.ts, so both read and write the same layout.
import fs from 'node:fs';
import path from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import { EMBEDDED_INBOUND_SECRETS } from '../../api/inbound-auth';
import { DEMO_USERS } from '../../config/users';
import { historyFromJson } from './history-json';

/** `<workflowType>-<scenario>.json` in proto3 JSON (history-json.ts), the format `temporal workflow show --output json` uses. */
export const HISTORIES_DIR = path.join(__dirname, 'histories');
export const MANIFEST_PATH = path.join(__dirname, 'manifest.json');

export interface ManifestEntry {
  file: string;
  workflowType: string;
  workflowId: string;
  runId: string;
  scenario: string;
  /** how the run closed: completed, cancelled, failed, terminated */
  closedAs: string;
  events: number;
  recordedAt: string;
  /** the commit whose workflow code produced the history */
  commit: string;
  /** the runs of this version that may still be open in production are the reason to keep the file */
  note?: string;
}

export function historyFiles(): string[] {
  if (!fs.existsSync(HISTORIES_DIR)) return [];
  return fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();
}

export function readManifest(): ManifestEntry[] {
  if (!fs.existsSync(MANIFEST_PATH)) return [];
  return JSON.parse(fs.readFileSync(MANIFEST_PATH, 'utf8')) as ManifestEntry[];
}

export function writeManifest(entries: ManifestEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.file.localeCompare(b.file));
  fs.writeFileSync(MANIFEST_PATH, `${JSON.stringify(sorted, null, 2)}\n`);
}

export interface LoadedHistory {
  file: string;
  /** the file's JSON as stored (proto3 JSON: payloads base64) */
  json: unknown;
  history: History;
  workflowType: string;
  /** from the start event (servers since 1.25 write it; the time-skipping test server does not) */
  workflowId: string | undefined;
  closedAs: string | undefined;
}

export function loadHistory(file: string): LoadedHistory {
  const json: unknown = JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8'));
  const history = historyFromJson(json);
  const events = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const workflowType = started?.workflowType?.name;
  if (!workflowType) throw new Error(`${file}: the first event is not WorkflowExecutionStarted`);
  return { file, json, history, workflowType, workflowId: started.workflowId || undefined, closedAs: closeOf(events.at(-1)) };
}

type HistoryEvent = NonNullable<History['events']>[number];

function closeOf(event: HistoryEvent | undefined): string | undefined {
  if (!event) return undefined;
  if (event.workflowExecutionCompletedEventAttributes) return 'completed';
  if (event.workflowExecutionCanceledEventAttributes) return 'cancelled';
  if (event.workflowExecutionFailedEventAttributes) return 'failed';
  if (event.workflowExecutionTerminatedEventAttributes) return 'terminated';
  if (event.workflowExecutionTimedOutEventAttributes) return 'timed out';
  if (event.workflowExecutionContinuedAsNewEventAttributes) return 'continued as new';
  return undefined;
}

/**
 * Every string of a history, payloads decoded: inputs, Update arguments, activity results, failures. The payload
 * bytes are base64 in the JSON, so a plain text search of the file would miss what they hold.
 */
export function historyTexts(json: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key?: string): void => {
    if (typeof value === 'string') out.push(key === 'data' || key === 'encoding' ? Buffer.from(value, 'base64').toString('utf8') : value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(json);
  return out;
}

const SECRET_PATTERNS: [string, RegExp][] = [
  ['bearer token', /\bBearer\s+[\w.~+/-]{8,}/i],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['URL with a password', /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^/\s:@]{1,100}:[^/\s@]{1,100}@/i],
  ['password assignment', /\bpass(word|wort)\s*[:=]\s*\S/i],
  ['signature header', /sha256=[0-9a-f]{64}/i],
];

/** What in a history looks like a credential (empty: nothing). Personal data of the demo users is expected. */
export function findSecrets(json: unknown): string[] {
  const known = [
    ...DEMO_USERS.map((u) => [`token of ${u.id}`, u.token] as const),
    ...Object.entries(EMBEDDED_INBOUND_SECRETS).map(([sender, secret]) => [`inbound secret of ${sender}`, secret] as const),
  ];
  const text = historyTexts(json).join('\n');
  const found = new Set<string>();
  for (const [what, secret] of known) if (text.includes(secret)) found.add(what);
  for (const [what, pattern] of SECRET_PATTERNS) if (pattern.test(text)) found.add(what);
  return [...found];
}
