// The outbox outside a workflow: recording and notifying are plain functions here whose promises the test settles.
import type { DomainEvent } from '../../../domain/events';
import { EventOutbox } from '../../../workflows/engine/outbox';

interface Call {
  events: DomainEvent[];
  settle(): void;
}

function outbox(coalesce: boolean) {
  const recorded: Call[] = [];
  const notified: Call[] = [];
  const fake = (calls: Call[]) => (events: DomainEvent[]) => new Promise<void>((resolve) => calls.push({ events, settle: resolve }));
  const box = new EventOutbox('run-1', fake(recorded), fake(notified), () => undefined, 0, [], coalesce);
  const event = () => box.add({ type: 'task.opened', actor: 'system', data: {} } as unknown as Omit<DomainEvent, 'runId' | 'seq' | 'at'>);
  return { box, recorded, notified, event };
}

const tick = () => new Promise((r) => setImmediate(r));
const seqs = (c: Call) => c.events.map((e) => e.seq);

describe('EventOutbox', () => {
  it('coalesced: one notification in flight; batches stored meanwhile go out together, in order', async () => {
    const { box, recorded, notified, event } = outbox(true);
    for (let batch = 0; batch < 3; batch++) {
      event();
      box.flush();
      recorded[batch].settle();
      await tick();
    }
    // the first batch's notification is still on its way: the second and third wait for it
    expect(notified.map(seqs)).toEqual([[1]]);
    notified[0].settle();
    await tick();
    expect(notified.map(seqs)).toEqual([[1], [2, 3]]);
    notified[1].settle();
    await tick();
    expect(notified).toHaveLength(2);
  });

  it('before the patch: one notification per stored batch, at once', async () => {
    const { box, recorded, notified, event } = outbox(false);
    for (let batch = 0; batch < 3; batch++) {
      event();
      box.flush();
      recorded[batch].settle();
      await tick();
    }
    expect(notified.map(seqs)).toEqual([[1], [2], [3]]);
  });

  it('unstored: every event given out and not yet stored, the batch in flight included', async () => {
    const { box, recorded, event } = outbox(true);
    event();
    box.flush();
    event();
    expect(box.unstored().map((e) => e.seq)).toEqual([1, 2]);
    recorded[0].settle();
    await tick();
    expect(box.unstored().map((e) => e.seq)).toEqual([2]);
  });
});
