// Appends a run's domain events to the audit log and projections. Idempotent on (run, seq), so a retried delivery
// changes nothing; while the database is away this fails and Temporal retries it (the run goes on meanwhile).
import type { DomainEvent } from '../domain/events';
import type { Store } from '../store/store';

export function createEventActivities(store: Store) {
  return {
    async recordEvents(events: DomainEvent[]): Promise<void> {
      await store.appendEvents(events);
    },
  };
}
