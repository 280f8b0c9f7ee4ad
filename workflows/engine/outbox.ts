// The run's domain events on their way to the audit log. Events get contiguous sequence numbers here; one batch
// is in flight at a time, and the activity retries until the database takes it, so the log has neither gaps nor
// duplicates (the store ignores a (run, seq) it already has). The run itself never waits for the database.
// Once a batch is stored, its mails and webhooks go out through a second activity of their own, so a mail server
// outage delays notifications without holding back the audit log.
// Coalesced notification (patch OUTBOX_NOTIFY_COALESCE, issue 19): one notification activity in flight at a time;
// batches stored meanwhile go out together in the next one. Under load that saves an activity and a workflow task
// per stored batch. It keeps every guarantee: at least once (the activity is retried, the store's jobs are keyed
// by event (run, seq), so a repeat queues nothing twice), and order (a later batch's mails and webhooks never start
// before an earlier one's, which the concurrent deliveries before did not promise).
// Notified by seqs (patch NOTIFY_STORED_RANGE, issue 19): the notification activity gets the stored batch's run and
// seqs and reads the events back from the audit log, instead of the events themselves. They were in the history
// twice, once for each activity: a quarter of an onboarding's history bytes.
import { condition, isCancellation } from '@temporalio/workflow';
import type { DomainEvent, StoredRange, TaskSnapshot } from '../../domain/events';
import type { DeliverNotifications, RecordEvents, Task } from '../messages';

const MAX_BATCH = 200;
export const OUTBOX_NOTIFY_COALESCE = 'outbox-notify-coalesce';
export const NOTIFY_STORED_RANGE = 'notify-stored-range';

/** A stored batch by its seqs. Batches are cut from contiguous seqs and stored in order, so a gap is a bug. */
export function storedRange(batch: DomainEvent[]): StoredRange {
  const { runId, seq: fromSeq } = batch[0];
  const toSeq = batch[batch.length - 1].seq;
  if (toSeq - fromSeq + 1 !== batch.length) throw new Error(`outbox: batch ${fromSeq}..${toSeq} of ${runId} holds ${batch.length} events`);
  return { runId, fromSeq, toSeq };
}

export class EventOutbox {
  private readonly pending: DomainEvent[] = [];
  private readonly notifying = new Set<Promise<void>>();
  /** stored events whose notification waits for the one in flight (coalesced only) */
  private readonly toNotify: DomainEvent[] = [];
  private inFlight = false;
  private seq: number;

  constructor(
    private readonly runId: string,
    private readonly record: RecordEvents,
    private readonly notify: DeliverNotifications,
    private readonly onSettled: () => void,
    startSeq = 0,
    carried: DomainEvent[] = [],
    /** patched(OUTBOX_NOTIFY_COALESCE), decided by the workflow when the run starts */
    private readonly coalesce = false,
  ) {
    this.seq = startSeq;
    this.pending.push(...carried);
  }

  add(event: Omit<DomainEvent, 'runId' | 'seq' | 'at'>): void {
    this.pending.push({ runId: this.runId, seq: ++this.seq, at: new Date().toISOString(), ...event });
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** A batch or its notifications still on their way (a run does not continue as new then). */
  get busy(): boolean {
    return this.inFlight || this.notifying.size > 0 || this.toNotify.length > 0;
  }

  /** Every event given out and not yet stored (the batch in flight included), in seq order. */
  unstored(): DomainEvent[] {
    return [...this.pending];
  }

  /** What a run continued as new takes over: the last seq given out and the events not yet stored. */
  carry(): { seq: number; pending: DomainEvent[] } {
    return { seq: this.seq, pending: [...this.pending] };
  }

  /** Sends the next batch unless one is already on its way. */
  flush(): void {
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending.slice(0, MAX_BATCH);
    this.inFlight = true;
    this.record(batch).then(
      () => {
        this.pending.splice(0, batch.length);
        this.inFlight = false;
        if (this.coalesce) {
          this.toNotify.push(...batch);
          this.notifyNext();
        } else void this.deliver(batch);
        this.onSettled();
      },
      (err: unknown) => {
        this.inFlight = false;
        // Only cancellation ends an unlimited retry (drain() then sends the rest from a non-cancellable scope);
        // anything else is a bug that must fail the workflow task visibly rather than spin.
        if (!isCancellation(err)) throw err;
        this.onSettled();
      },
    );
  }

  private deliver(batch: DomainEvent[]): Promise<void> {
    const delivery = this.notify(batch).catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
    this.notifying.add(delivery);
    void delivery.finally(() => this.notifying.delete(delivery));
    return delivery;
  }

  /** Coalesced: notifies everything stored so far unless a notification is already on its way. */
  private notifyNext(): void {
    if (this.notifying.size > 0 || this.toNotify.length === 0) return;
    void this.deliver(this.toNotify.splice(0, MAX_BATCH)).then(() => this.notifyNext());
  }

  /** Waits until every event is stored and notified (before the run closes). */
  async drain(): Promise<void> {
    while (this.pending.length > 0) {
      this.flush();
      await condition(() => !this.inFlight);
    }
    // coalesced, a notification's end may start the next one
    while (this.notifying.size > 0) await Promise.all([...this.notifying]);
  }
}

/** Multi-line or long form fields (staff lists, exports) are logged by size only: bulk personal data stays out of
 * the audit log, which is kept for years. */
const MAX_LOGGED_LENGTH = 300;

export function redact(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    out[key] = typeof value === 'string' && (value.length > MAX_LOGGED_LENGTH || value.includes('\n')) ? `[${value.length} Zeichen, nicht protokolliert]` : value;
  }
  return out;
}

export function taskSnapshot(task: Task, rootId: string): TaskSnapshot {
  // form data, the submitted data and the shown step result stay out of events: they may be large or personal
  const { data: _data, context: _context, submission, incident, ...rest } = task;
  return {
    ...rest,
    ...(submission ? { submission: { by: submission.by, at: submission.at } } : {}),
    ...(task.reviews?.length ? { reviews: task.reviews.map((r) => ({ ...r })) } : {}),
    ...(incident ? { incident: { stepId: incident.stepId, error: incident.error } } : {}),
    rootId,
    candidateRoles: [...task.candidateRoles],
    approvals: { ...task.approvals, given: task.approvals.given.map((a) => ({ ...a })) },
    comments: task.comments.map((c) => ({ ...c })),
  };
}
