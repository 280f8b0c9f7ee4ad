// The persistence port the stateful activities use: a list of records; removal only undoes a reservation
// (compensation of a cancelled run). Read-decide-write sequences (list, pick the next free range, save) run inside
// `exclusive`, which keeps every other worker process out until they are done. In production the collections live
// in the application's PostgreSQL (store/records.ts); tests may use the in-memory repository.
export type { RecordAccess, RecordRepository } from '../../store/records';
