// The persistence port the stateful activities use: a list of records; removal only undoes a reservation
// (compensation of a cancelled run).

export interface RecordRepository<T> {
  list(): Promise<T[]>;
  save(record: T): Promise<void>;
  /** removes every record that matches; returns how many */
  remove(match: (record: T) => boolean): Promise<number>;
}
