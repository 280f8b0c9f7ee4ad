// The app's reads of the read model start after the answer writes in flight, and never wait long for them.
import { withAnswerWrites } from '../../api/answer-writes';
import type { Store } from '../../store/store';

function fakeStore() {
  const order: string[] = [];
  let finish: () => void = () => undefined;
  const store = {
    appendEvents: () => new Promise<{ appended: number }>((resolve) => (finish = () => {
      order.push('appended');
      resolve({ appended: 1 });
    })),
    listTasks: async () => {
      order.push('read');
      return { items: [] };
    },
  } as unknown as Store;
  return { store, order, finish: () => finish() };
}

it('a read waits for the append in flight', async () => {
  const { store, order, finish } = fakeStore();
  const app = withAnswerWrites(store);
  const append = app.appendEvents([]);
  const read = app.listTasks({});
  await new Promise((r) => setTimeout(r, 20));
  expect(order).toEqual([]);
  finish();
  await Promise.all([append, read]);
  expect(order).toEqual(['appended', 'read']);
});

it('a read goes on after 250 ms when the append hangs (the outbox stores the events anyway)', async () => {
  const { store, order, finish } = fakeStore();
  const app = withAnswerWrites(store);
  void app.appendEvents([]);
  const started = Date.now();
  await app.listTasks({});
  expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  expect(order).toEqual(['read']);
  finish();
});

it('a read without appends in flight does not wait', async () => {
  const { store, order } = fakeStore();
  await withAnswerWrites(store).listTasks({});
  expect(order).toEqual(['read']);
});
