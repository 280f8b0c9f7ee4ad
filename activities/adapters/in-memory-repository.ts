// Repository for tests and throwaway runs. Copies on the way in and out, like a real store would. `exclusive` is a
// promise queue: exclusive within this one repository object, which is all there is of it. Unlike the store it does
// not roll back what a throwing `exclusive` saved.
import type { RecordAccess, RecordRepository } from './record-repository';

export interface InMemoryRepository<T> extends RecordRepository<T> {
  /** records as stored, for assertions */
  readonly records: readonly T[];
}

export function createInMemoryRepository<T>(initial: T[] = []): InMemoryRepository<T> {
  const records: T[] = initial.map((r) => structuredClone(r));
  const access: RecordAccess<T> = {
    list: async () => {
      // Yield once so callers see the same interleaving as with real I/O.
      await Promise.resolve();
      return records.map((r) => structuredClone(r));
    },
    save: async (record: T) => {
      await Promise.resolve();
      records.push(structuredClone(record));
    },
    remove: async (match: (record: T) => boolean) => {
      await Promise.resolve();
      let removed = 0;
      for (let i = records.length - 1; i >= 0; i--) {
        if (match(records[i])) {
          records.splice(i, 1);
          removed++;
        }
      }
      return removed;
    },
  };
  let tail: Promise<unknown> = Promise.resolve();
  return {
    records,
    ...access,
    exclusive: <R>(fn: (a: RecordAccess<T>) => Promise<R>): Promise<R> => {
      const run = tail.then(() => fn(access));
      // A failed call must not block the ones queued after it.
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
