import { createInMemoryRepository } from '../../../activities/adapters/in-memory-repository';

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

  it('runs exclusive sequences one at a time, in order, even when one fails', async () => {
    const repo = createInMemoryRepository<{ n: number }>();
    const log: string[] = [];
    const step = (n: number, fail = false) => () =>
      repo.exclusive(async (records) => {
        log.push(`start ${n}`);
        const seen = (await records.list()).length;
        await new Promise((r) => setTimeout(r, 5));
        log.push(`end ${n}`);
        if (fail) throw new Error(String(n));
        await records.save({ n: seen });
        return seen;
      });
    const results = await Promise.allSettled([step(1)(), step(2, true)(), step(3)()]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // every sequence saw what the one before it saved
    expect(repo.records).toEqual([{ n: 0 }, { n: 1 }]);
  });
});
