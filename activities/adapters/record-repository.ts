// The persistence port the stateful activities use: a list of records that only grows.

export interface RecordRepository<T> {
  list(): Promise<T[]>;
  save(record: T): Promise<void>;
}
