// The people store's list on every backend: kept while nobody changes people, read again after every write to
// them (migration 019's version, kept by a statement trigger) — by this store or by another process's.
import { openStore } from '../../store/store';
import { backends, type TestStore } from './backends';

const person = (id: string, roles: string[] = ['projektleitung'], gemeinden: string[] = []) => ({
  id, name: `Person ${id}`, email: `${id}@ku.example`, roles: roles as never, gemeinden,
});

describe.each(backends())('people store list (%s)', (name, backend) => {
  let t: TestStore;
  beforeEach(async () => { t = await backend.open(); });
  afterEach(async () => { await t?.destroy(); });

  it('is the same list while nobody writes to people, and a new one after every write', async () => {
    const people = t.store.people;
    const first = await people.list();
    await people.find('a');
    await people.withRole('projektleitung');
    expect(await people.list()).toBe(first);

    await people.replaceFromDirectory([person('a'), person('b'), person('c', ['gemeinde'], ['09181128'])]);
    const synced = await people.list();
    expect(synced).not.toBe(first);
    expect(synced.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(Object.isFrozen(synced)).toBe(true);

    await people.seen(person('d'), 'learn');
    const learned = await people.list();
    expect(learned.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);

    // a sign-in with a directory only touches last_seen_at: shown on the admin page, so read again too
    await people.seen(person('a'), 'touch');
    const touched = await people.list();
    expect(touched).not.toBe(learned);
    expect(touched.find((p) => p.id === 'a')?.lastSeenAt).toBeDefined();

    // the next sync leaves b out: deactivated, still listed
    await people.replaceFromDirectory([person('a'), person('c', ['gemeinde'], ['09181128']), person('d')]);
    expect((await people.list()).find((p) => p.id === 'b')?.active).toBe(false);
  });

  it('takes a state-wide directory in one sync and counts what it added and deactivated', async () => {
    const people = t.store.people;
    const staff = Array.from({ length: 3000 }, (_, i) => person(`g${i}`, ['gemeinde'], [`0997${String(i % 1000).padStart(4, '0')}`]));
    expect(await people.replaceFromDirectory([...staff, person('lead')])).toEqual({ people: 3001, added: 3001, deactivated: 0 });

    // the next sync: one left, one new, and an id listed twice is taken as its last entry
    const next = [...staff.slice(1), person('lead'), person('new'), { ...person('lead'), name: 'Leitung neu' }];
    expect(await people.replaceFromDirectory(next)).toEqual({ people: 3002, added: 1, deactivated: 1 });
    const all = await people.list();
    expect(all.filter((p) => p.active)).toHaveLength(3001);
    expect(all.find((p) => p.id === 'g0')?.active).toBe(false);
    expect(all.find((p) => p.id === 'lead')?.name).toBe('Leitung neu');
    expect(all.find((p) => p.id === 'g5')).toMatchObject({ roles: ['gemeinde'], gemeinden: ['09970005'], source: 'directory' });
  });

  if (name === 'postgres') {
    it('reads again after another process has written to people', async () => {
      const other = await openStore(t.location);
      try {
        const before = await t.store.people.list();
        await other.people.seen(person('e'), 'learn');
        const after = await t.store.people.list();
        expect(after).not.toBe(before);
        expect(after.map((p) => p.id)).toContain('e');
      } finally {
        await other.close();
      }
    });
  }
});
