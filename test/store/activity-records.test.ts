// The activities' records in the store (store/records.ts): what two worker processes allocating at the same time
// must never get wrong. On a PostgreSQL server each "worker" is a store of its own (its own pg pool, its own
// sessions), exactly as two worker containers; PGlite allows one store per directory, so there both workers share it.
import { createStepActivities, RECORD_COLLECTIONS } from '../../activities';
import { yearInBavaria } from '../../activities/inventory';
import { openStore, type Store } from '../../store/store';
import { stepInput } from '../activities/helpers';
import { backends, type TestStore } from './backends';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
  expect(condition()).toBe(true);
}

/** 20 Gemeinden with AGS of their own (tenants 101 … 120) */
const GEMEINDEN = Array.from({ length: 20 }, (_, i) => ({ ags: `09181${101 + i}`, gemeindeName: `Gemeinde ${i + 1}` }));

describe.each(backends())('activity records (%s)', (name, backend) => {
  let t: TestStore;
  let second: Store | undefined;
  /** the store a second worker process would have */
  let otherWorker: Store;

  beforeEach(async () => {
    t = await backend.open();
    second = name === 'postgres' ? await openStore(t.location) : undefined;
    otherWorker = second ?? t.store;
  });
  afterEach(async () => {
    await second?.close();
    await t?.destroy();
  });

  describe('a collection', () => {
    it('lists in saving order, removes what matches and keeps collections apart', async () => {
      const a = t.store.records.collection<{ n: number; tags?: string[] }>('a');
      await a.save({ n: 1, tags: ['x', 'y'] });
      await a.save({ n: 2 });
      await a.save({ n: 3 });
      await t.store.records.collection<{ n: number }>('b').save({ n: 1 });
      expect(await a.list()).toEqual([{ n: 1, tags: ['x', 'y'] }, { n: 2 }, { n: 3 }]);
      expect(await otherWorker.records.collection('a').remove((r) => (r as { n: number }).n !== 2)).toBe(2);
      expect(await a.list()).toEqual([{ n: 2 }]);
      expect(await a.remove(() => false)).toBe(0);
      expect(await t.store.records.collection('b').list()).toEqual([{ n: 1 }]);
    });

    it('refuses a second record with the same unique key, within one collection only', async () => {
      const options = { uniqueKey: (r: { cidr: string }) => r.cidr };
      const nets = t.store.records.collection('nets', options);
      await nets.save({ cidr: '10.81.0.0/22' });
      await expect(otherWorker.records.collection('nets', options).save({ cidr: '10.81.0.0/22' })).rejects.toThrow(/unique|duplicate/i);
      await t.store.records.collection('other', options).save({ cidr: '10.81.0.0/22' });
      expect(await nets.list()).toEqual([{ cidr: '10.81.0.0/22' }]);
    });

    it('keeps out a second exclusive sequence until the first has committed, and rolls back one that throws', async () => {
      const mine = t.store.records.collection<{ n: number }>('c');
      const theirs = otherWorker.records.collection<{ n: number }>('c');
      const log: string[] = [];
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const first = mine.exclusive(async (records) => {
        log.push('first in');
        await gate;
        await records.save({ n: 1 });
        log.push('first out');
      });
      await until(() => log.includes('first in'));
      const secondSeq = theirs.exclusive(async (records) => {
        log.push('second in');
        return (await records.list()).length;
      });
      try {
        await sleep(200);
        expect(log).toEqual(['first in']);
      } finally {
        open();
      }
      await first;
      // it waited, and then saw what the first one saved
      expect(await secondSeq).toBe(1);
      expect(log).toEqual(['first in', 'first out', 'second in']);

      await expect(mine.exclusive(async (records) => {
        await records.save({ n: 2 });
        throw new Error('abgebrochen');
      })).rejects.toThrow('abgebrochen');
      expect(await theirs.list()).toEqual([{ n: 1 }]);
    });

    if (name === 'postgres') {
      it('locks per collection: another collection is not held up', async () => {
        let open!: () => void;
        const gate = new Promise<void>((resolve) => (open = resolve));
        let inside = false;
        const held = t.store.records.collection('d').exclusive(async () => {
          inside = true;
          await gate;
        });
        await until(() => inside);
        await expect(otherWorker.records.collection('e').exclusive(async () => 'frei')).resolves.toBe('frei');
        open();
        await held;
      });
    }

    it('keeps its records across a restart on the same database', async () => {
      await t.store.records.collection('f').save({ n: 1 });
      await second?.close();
      second = undefined;
      await t.store.close();
      const again = await openStore(t.location);
      try {
        expect(await again.records.collection('f').list()).toEqual([{ n: 1 }]);
      } finally {
        await again.close();
      }
    });
  });

  describe('two workers allocating at once', () => {
    it('give 20 Gemeinden 20 different network ranges; a repeat returns the same range; release frees it', async () => {
      const workers = [createStepActivities({ store: t.store }), createStepActivities({ store: otherWorker })];
      const results = await Promise.all(
        GEMEINDEN.map((g, i) => workers[i % 2].allocateNetworkPlan(stepInput({}, { ...g, runId: `onboarding-${g.ags}` }))),
      );
      const cidrs = results.map((r) => r.result.cidr as string);
      expect(new Set(cidrs).size).toBe(20);
      // the first 20 /22 blocks of the pool, none skipped
      expect([...cidrs].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `10.81.${i * 4}.0/22`).sort());
      expect(results.every((r) => r.result.newlyAllocated === true)).toBe(true);
      const stored = await t.store.records.collection<{ cidr: string }>(RECORD_COLLECTIONS.networkAllocations).list();
      expect(stored.map((a) => a.cidr).sort()).toEqual([...cidrs].sort());

      // the activity retried after a crash, on the other worker: same range, nothing new stored
      const [g] = GEMEINDEN;
      const again = await workers[1].allocateNetworkPlan(stepInput({}, { ...g, runId: `onboarding-${g.ags}` }));
      expect(again.result).toEqual({ ...results[0].result, newlyAllocated: false });

      // cancelled: the range goes back to the pool, and the next Gemeinde gets it
      const released = await workers[1].releaseNetworkPlan(stepInput({}, { ...g, runId: `onboarding-${g.ags}` }));
      expect(released.result).toEqual({ released: 1 });
      const next = await workers[0].allocateNetworkPlan(stepInput({}, { ags: '09181199', gemeindeName: 'Nachzügler', runId: 'late' }));
      expect(next.result.cidr).toBe(cidrs[0]);
      expect(await t.store.records.collection(RECORD_COLLECTIONS.networkAllocations).list()).toHaveLength(20);
    });

    it('hand out every inventory number once across 20 concurrent batches; a repeat returns the same numbers', async () => {
      const workers = [createStepActivities({ store: t.store }), createStepActivities({ store: otherWorker })];
      // one Gemeinde (one tenant), 20 rollout batches of different sizes at the same time
      const sizes = Array.from({ length: 20 }, (_, i) => 1 + (i % 5));
      const results = await Promise.all(
        sizes.map((devices, i) => workers[i % 2].registerDevices(stepInput({ devices }, { runId: `rollout-${i}` }))),
      );
      const year = yearInBavaria(new Date());
      const ranges = results
        .map((r) => ({ first: Number(String(r.result.erste).slice(-5)), last: Number(String(r.result.letzte).slice(-5)) }))
        .sort((a, b) => a.first - b.first);
      // consecutive, without gaps or overlaps: 1 … sum of all batches
      let expected = 1;
      for (const r of ranges) {
        expect(r.first).toBe(expected);
        expected = r.last + 1;
      }
      expect(expected - 1).toBe(sizes.reduce((a, b) => a + b, 0));
      expect(results.every((r) => String(r.result.erste).startsWith(`LL-128-${year}-`))).toBe(true);

      const again = await workers[1].registerDevices(stepInput({ devices: sizes[0] }, { runId: 'rollout-0' }));
      expect(again.result).toEqual(results[0].result);
      expect(await t.store.records.collection(RECORD_COLLECTIONS.inventory).list()).toHaveLength(20);
    });
  });
});
