// The store's front door: PostgreSQL as the memory of the engine (event log, run and task read model, portfolio).
// The embedded PGlite and a PostgreSQL server run the same SQL; only openStore tells them apart.
import path from 'node:path';
import type { DomainEvent, RunSnapshot, TaskSnapshot } from '../domain/events';
import { appendEvents, lastSeq } from './append';
import { dashboard, type Dashboard, type DashboardOptions } from './dashboard';
import type { Db } from './db';
import { eventBatch, runAsOf, runEvents, type StoredEvent } from './event-queries';
export { MAX_SEQ } from './event-queries';
import { maintenance, vacuumProjections } from './maintenance';
import { migrate } from './migrate';
import { openPgDb } from './pg-db';
import { openPgliteDb } from './pglite-db';
import { rebuildProjections, type RebuildCounts } from './rebuild';
import { getRun, getRuns, listRuns, type Page, type RunFilter } from './run-queries';
import { closedRunsWithoutFinalState, finalState, saveFinalState } from './final-states';
import { countTasks, getTask, listTasks, type TaskCount, type TaskFilter } from './task-queries';
import { inboundStore, type InboundStore } from './inbound';
import { mailPreferenceStore, type MailPreferenceStore } from './mail-preferences';
import { notificationStore, type NotificationStore } from './notifications';
import { webhookStore, type WebhookStore } from './webhooks';
import { idempotencyStore, type IdempotencyStore } from './idempotency';
import { recordStore, type RecordStore } from './records';
import { peopleStore, type PeopleStore } from './people';
import { documentStore, type DocumentStore } from './documents';
import { messageStore, type MessageStore } from './messages';
import { calendarFeedStore, type CalendarFeedStore } from './calendar-feeds';
import { planningStore, type PlanningStore } from './planning';
import { healthTrend, type HealthAt } from './health-trend';
import { deviceStore, type DeviceStore } from './devices';
import { deviceBatchStore, type DeviceBatchStore } from './device-batches';

export { DuplicateDocumentError, EventGapError, InvalidCursorError, InvalidEventError, StoreUnavailableError } from './errors';
export type { Dashboard, DashboardOptions, OnboardingSummary, TeamLoad } from './dashboard';
export type { StoredEvent } from './event-queries';
export type { RebuildCounts } from './rebuild';
export type { Page, RunFilter } from './run-queries';
export type { TaskCount, TaskFilter } from './task-queries';
export type { CapturedMail, Delivery, DeliveryJob, DeliveryKey, NotificationStore } from './notifications';
export type { WebhookAttempt, WebhookStore, WebhookSubscription, WebhookTarget } from './webhooks';
export type { InboundEventRecord, InboundStore } from './inbound';
export type { IdempotencyClaim, IdempotencyKey, IdempotencyStore, IdempotentResponse } from './idempotency';
export type { CalendarFeedStore, FeedOwner } from './calendar-feeds';
export type { DocumentEvent, DocumentMeta, DocumentStore, NewDocument } from './documents';
export type { MessageSide, MessageStore, RunMessage } from './messages';
export type { CollectionOptions, RecordAccess, RecordRepository, RecordStore } from './records';
export type { BatchProgress, Device, DeviceFilter, DeviceStep, DeviceStepState, DeviceStore, NewDevice } from './devices';
export type { DirectorySyncRecord, PeopleStore, Person, PersonData, SyncCounts } from './people';

export interface Store {
  readonly kind: Db['kind'];
  /** idempotent on (runId, seq); throws EventGapError when a run's first new event does not follow its last */
  appendEvents(events: DomainEvent[]): Promise<{ appended: number }>;
  /** 0 for a run without events */
  lastSeq(runId: string): Promise<number>;
  listRuns(filter: RunFilter): Promise<Page<RunSnapshot>>;
  getRun(id: string): Promise<RunSnapshot | undefined>;
  getRuns(ids: readonly string[]): Promise<RunSnapshot[]>;
  /** a closed run's last state as its workflow answered getState (stored when its closing event was) */
  saveFinalState(runId: string, state: object): Promise<void>;
  finalState(runId: string): Promise<object | undefined>;
  /** closed runs (closed since `closedSince`, ids after `afterId`) that have no stored state: the backfill's list */
  closedRunsWithoutFinalState(o: { closedSince: Date; afterId?: string; limit: number }): Promise<string[]>;
  listTasks(filter: TaskFilter): Promise<Page<TaskSnapshot>>;
  /** how many tasks `listTasks(filter)` would hold, counted up to `cap` */
  countTasks(filter: TaskFilter, cap: number): Promise<TaskCount>;
  getTask(id: string): Promise<TaskSnapshot | undefined>;
  runEvents(runId: string, opts?: { afterSeq?: number; limit?: number }): Promise<StoredEvent[]>;
  /** the run as of event `seq` (its latest snapshot at or before it) */
  runAsOf(runId: string, seq: number): Promise<RunSnapshot | undefined>;
  /** the stored events fromSeq..toSeq of a run, whole (snapshots included), in seq order */
  eventBatch(runId: string, fromSeq: number, toSeq: number): Promise<DomainEvent[]>;
  dashboard(opts?: DashboardOptions): Promise<Dashboard>;
  rebuildProjections(): Promise<RebuildCounts>;
  /** mail and webhook delivery jobs, captured mail */
  readonly notifications: NotificationStore;
  /** mail preferences per person, mails held for the daily digest */
  readonly mailPreferences: MailPreferenceStore;
  readonly webhooks: WebhookStore;
  readonly inbound: InboundStore;
  /** first answers of API requests with an Idempotency-Key */
  readonly idempotency: IdempotencyStore;
  /** records of the stateful step activities (network allocations, inventory), exclusive across processes */
  readonly records: RecordStore;
  /** people who can be assigned, mailed and named (directory or sign-ins), and the directory syncs */
  readonly people: PeopleStore;
  /** documents of runs (uploaded and generated) with their own append-only trail */
  readonly documents: DocumentStore;
  /** secrets of the personal calendar feeds */
  readonly calendarFeeds: CalendarFeedStore;
  /** the year plan: planned onboardings, team capacity and absences */
  readonly planning: PlanningStore;
  /** each run's health at the given instants, from the audit trail (the portfolio's trend) */
  healthTrend(runIds: string[], instants: string[]): Promise<HealthAt[]>;
  /** the conversation of each run between its Gemeinde and the project lead */
  readonly messages: MessageStore;
  /** devices of the Gemeinden (inventory import), their rollout batch and state per per-device step */
  readonly devices: DeviceStore;
  /** an onboarding's batches (Chargen) formed from those devices, editable until its rollouts start */
  readonly deviceBatches: DeviceBatchStore;
  /** resolves when the database answers; throws StoreUnavailableError when it does not */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** embedded PGlite under `<dataDir>/pgdata` (used when no databaseUrl is given) */
  dataDir?: string;
  /** a PostgreSQL server */
  databaseUrl?: string;
  /** server only: limit per query in ms (default 30 s) */
  queryTimeoutMs?: number;
  /** server only: connect timeout in ms (default 2 s) */
  connectTimeoutMs?: number;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  return storeOn(await openMigratedDb(opts));
}

/** The database openStore reads and writes, migrated; for diagnostics that need SQL beside the Store (benchmarks). */
export async function openMigratedDb(opts: StoreOptions): Promise<Db> {
  const db = opts.databaseUrl
    ? openPgDb({
      connectionString: opts.databaseUrl,
      queryTimeoutMs: opts.queryTimeoutMs,
      connectTimeoutMs: opts.connectTimeoutMs,
    })
    : await openPgliteDb(path.join(opts.dataDir ?? 'data', 'pgdata'));
  try {
    await migrate(db);
    if (db.kind === 'pglite') await vacuumProjections(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

/** A Store over an open, migrated Db. */
export function storeOn(db: Db): Store {
  const upkeep = maintenance(db);
  return {
    kind: db.kind,
    appendEvents: async (events) => {
      const result = await appendEvents(db, events);
      upkeep.appended(result.appended);
      return result;
    },
    lastSeq: (runId) => lastSeq(db, runId),
    listRuns: (filter) => listRuns(db, filter),
    getRun: (id) => getRun(db, id),
    getRuns: (ids) => getRuns(db, ids),
    saveFinalState: (runId, state) => saveFinalState(db, runId, state),
    finalState: (runId) => finalState(db, runId),
    closedRunsWithoutFinalState: (o) => closedRunsWithoutFinalState(db, o),
    listTasks: (filter) => listTasks(db, filter),
    countTasks: (filter, cap) => countTasks(db, filter, cap),
    getTask: (id) => getTask(db, id),
    runEvents: (runId, opts) => runEvents(db, runId, opts),
    runAsOf: (runId, seq) => runAsOf(db, runId, seq),
    eventBatch: (runId, fromSeq, toSeq) => eventBatch(db, runId, fromSeq, toSeq),
    dashboard: (opts) => dashboard(db, opts),
    rebuildProjections: async () => {
      const counts = await rebuildProjections(db);
      // every row is new: fresh statistics now rather than whenever autovacuum gets round to it
      await vacuumProjections(db);
      return counts;
    },
    notifications: notificationStore(db),
    mailPreferences: mailPreferenceStore(db),
    webhooks: webhookStore(db),
    inbound: inboundStore(db),
    idempotency: idempotencyStore(db),
    records: recordStore(db),
    people: peopleStore(db),
    documents: documentStore(db),
    calendarFeeds: calendarFeedStore(db),
    planning: planningStore(db),
    healthTrend: (runIds, instants) => healthTrend(db, runIds, instants),
    messages: messageStore(db),
    devices: deviceStore(db),
    deviceBatches: deviceBatchStore(db),
    ping: async () => {
      await db.query('SELECT 1');
    },
    close: async () => {
      await upkeep.settle();
      await db.close();
    },
  };
}
