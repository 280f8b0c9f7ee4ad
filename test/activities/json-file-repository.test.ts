import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createJsonFileRepository } from '../../activities/adapters/json-file-repository';
import { createInMemoryRepository } from '../../activities/adapters/in-memory-repository';
import { createSerialQueue } from '../../activities/adapters/serial-queue';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'json-repo-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('createJsonFileRepository', () => {
  it('starts empty when the file does not exist and creates missing directories on save', async () => {
    const file = path.join(dir, 'a', 'b', 'records.json');
    const repo = createJsonFileRepository<{ n: number }>(file);
    expect(await repo.list()).toEqual([]);
    await repo.save({ n: 1 });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual([{ n: 1 }]);
  });

  it('persists across repository instances (a restarted worker sees earlier records)', async () => {
    const file = path.join(dir, 'records.json');
    await createJsonFileRepository<{ n: number }>(file).save({ n: 1 });
    expect(await createJsonFileRepository<{ n: number }>(path.join(dir, '.', 'records.json')).list()).toEqual([{ n: 1 }]);
  });

  it('loses no record when many saves run concurrently, and leaves no temp files', async () => {
    const file = path.join(dir, 'records.json');
    const repo = createJsonFileRepository<{ n: number }>(file);
    const other = createJsonFileRepository<{ n: number }>(file);
    await Promise.all(Array.from({ length: 50 }, (_, n) => (n % 2 ? repo : other).save({ n })));
    const stored = await repo.list();
    expect(stored.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(await fs.readdir(dir)).toEqual(['records.json']);
  });

  it('reports a corrupt file instead of overwriting it', async () => {
    const file = path.join(dir, 'records.json');
    await fs.writeFile(file, '{kaputt');
    const repo = createJsonFileRepository<{ n: number }>(file);
    await expect(repo.list()).rejects.toThrow(/kein gültiges JSON/);
    await expect(repo.save({ n: 1 })).rejects.toThrow(/kein gültiges JSON/);
    expect(await fs.readFile(file, 'utf8')).toBe('{kaputt');
    // a failure does not jam the queue for later calls
    await fs.writeFile(file, '[]');
    await repo.save({ n: 2 });
    expect(await repo.list()).toEqual([{ n: 2 }]);
  });
});

describe('createInMemoryRepository', () => {
  it('stores copies, not references', async () => {
    const repo = createInMemoryRepository<{ n: number }>();
    const record = { n: 1 };
    await repo.save(record);
    record.n = 99;
    const listed = await repo.list();
    listed[0].n = 42;
    expect(await repo.list()).toEqual([{ n: 1 }]);
  });
});

describe('createSerialQueue', () => {
  it('runs tasks one at a time in order, even when one fails', async () => {
    const run = createSerialQueue();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([run(task('a')), run(task('b', true)), run(task('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
