// Appends a run's domain events to the audit log and projections. Idempotent on (run, seq), so a retried delivery
// changes nothing; while the database is away this fails and Temporal retries it (the run goes on meanwhile).
// An acceptance among them also gets its protocol as a PDF document (activities/acceptance-pdf.ts), and a run's
// closing event its final state (store/final-states.ts), after the events are stored: a failure there is retried with
// the (then idempotent) append.
import { RUN_CLOSING_EVENTS, type DomainEvent } from '../domain/events';
import type { Store } from '../store/store';
import { storeAcceptanceProtocols } from './acceptance-pdf';

export interface EventActivityOptions {
  /** a person's name for the protocols (the user directory); the id alone without it */
  nameOf?: (userId: string) => string | undefined;
  /** the run's state as its workflow answers getState (the worker asks Temporal); without it none is stored */
  finalStateOf?: (runId: string) => Promise<object>;
}

export function createEventActivities(store: Store, options: EventActivityOptions = {}) {
  return {
    async recordEvents(events: DomainEvent[]): Promise<void> {
      await store.appendEvents(events);
      await storeAcceptanceProtocols(events, { documents: store.documents, runAsOf: (runId, seq) => store.runAsOf(runId, seq), nameOf: options.nameOf });
      // the run waits for this batch before it closes, so its state is already final and it still answers at once
      const { finalStateOf } = options;
      if (!finalStateOf) return;
      for (const runId of new Set(events.filter((e) => RUN_CLOSING_EVENTS.has(e.type)).map((e) => e.runId))) {
        await store.saveFinalState(runId, await finalStateOf(runId));
      }
    },
  };
}
