// The people store's version (migration 019) on every backend: every write to people changes it, once per
// statement (a sync of many people counts once), and reads leave it alone — the worker keeps its directory of
// people for as long as the number stays the same (activities/directory.ts).
import { backends, type TestStore } from './backends';

const person = (id: string, roles: string[] = ['projektleitung'], gemeinden: string[] = []) => ({
  id, name: `Person ${id}`, email: `${id}@ku.example`, roles: roles as never, gemeinden,
});

describe.each(backends())('people store version (%s)', (_name, backend) => {
  let t: TestStore;
  beforeEach(async () => { t = await backend.open(); });
  afterEach(async () => { await t?.destroy(); });

  it('changes with every write to people and with none of the reads', async () => {
    const people = t.store.people;
    const v0 = await people.version();

    await people.list();
    await people.find('a.gruber');
    await people.withRole('projektleitung');
    expect(await people.version()).toBe(v0);

    // a sync of three people: one statement per person and one to deactivate the rest, each counted
    await people.replaceFromDirectory([person('a'), person('b'), person('c', ['gemeinde'], ['09181128'])]);
    const v1 = await people.version();
    expect(v1).toBeGreaterThan(v0);

    await people.seen(person('d'), 'learn');
    const v2 = await people.version();
    expect(v2).toBeGreaterThan(v1);

    await people.seen(person('a'), 'touch');
    expect(await people.version()).toBeGreaterThan(v2);
  });
});
