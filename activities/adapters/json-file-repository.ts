// Records kept as one JSON array in a file. Writes go to a temp file that is then renamed over the original, so
// a crash leaves either the old or the new list, never half of one. All access to a path is serialised through
// one queue per process; several processes writing the same file are not supported.
import { promises as fs } from 'fs';
import * as path from 'path';
import type { RecordRepository } from './record-repository';
import { createSerialQueue, type SerialQueue } from './serial-queue';

const repositories = new Map<string, RecordRepository<unknown>>();
let tempCounter = 0;

async function readRecords<T>(file: string): Promise<T[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`Datei ${file} enthält kein gültiges JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`Datei ${file} enthält keine Liste.`);
  return parsed as T[];
}

async function writeRecords<T>(file: string, records: T[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify(records, null, 1), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

function open<T>(file: string, queue: SerialQueue): RecordRepository<T> {
  return {
    list: () => queue(() => readRecords<T>(file)),
    save: (record: T) =>
      queue(async () => {
        const records = await readRecords<T>(file);
        records.push(record);
        await writeRecords(file, records);
      }),
    remove: (match: (record: T) => boolean) =>
      queue(async () => {
        const records = await readRecords<T>(file);
        const kept = records.filter((r) => !match(r));
        if (kept.length !== records.length) await writeRecords(file, kept);
        return records.length - kept.length;
      }),
  };
}

/**
 * The same path always yields the same repository object, so its queue (and any lock keyed on the repository)
 * is shared by every caller in the process.
 */
export function createJsonFileRepository<T>(filePath: string): RecordRepository<T> {
  const file = path.resolve(filePath);
  let repo = repositories.get(file);
  if (!repo) {
    repo = open<unknown>(file, createSerialQueue());
    repositories.set(file, repo);
  }
  return repo as RecordRepository<T>;
}
