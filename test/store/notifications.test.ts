// The notification tables on every backend (PGlite always, PostgreSQL with TEST_DATABASE_URL): jobs are queued
// once, leased by one attempt at a time, and a deleted subscription's pending jobs are cancelled.
import { InvalidCursorError } from '../../store/store';
import { backends, type TestStore } from './backends';

describe.each(backends())('notification store (%s)', (_name, backend) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t?.destroy());

  const job = (seq: number, recipient: string, channel: 'mail' | 'webhook' = 'mail') => ({
    runId: 'r1', seq, channel, recipient, eventType: 'task.opened', payload: { to: recipient, subject: `s${seq}`, text: 't' },
  });

  it('queues each job once and leases it to one attempt at a time', async () => {
    const n = t.store.notifications;
    await n.queue([job(1, 'a@x.example'), job(1, 'b@x.example'), job(2, 'a@x.example')]);
    await n.queue([job(1, 'a@x.example'), { ...job(2, 'a@x.example'), payload: { changed: true } }]);
    const all = await n.list({ runId: 'r1' });
    expect(all).toHaveLength(3);
    expect(all[2].payload).toEqual({ to: 'a@x.example', subject: 's2', text: 't' }); // the first attempt's bytes stay

    const first = await n.claim([{ runId: 'r1', seq: 1 }, { runId: 'r1', seq: 2 }], 60_000);
    expect(first.map((d) => `${d.seq}:${d.recipient}`)).toEqual(['1:a@x.example', '1:b@x.example', '2:a@x.example']);
    expect(await n.claim([{ runId: 'r1', seq: 1 }], 60_000)).toEqual([]); // leased elsewhere
    await n.finish(first[0], 'sent');
    await n.release(first[1], { error: 'ECONNREFUSED', tried: true });
    await n.release(first[2], { tried: false });
    expect(await n.pending([{ runId: 'r1', seq: 1 }, { runId: 'r1', seq: 2 }])).toBe(2);
    const again = await n.claim([{ runId: 'r1', seq: 1 }, { runId: 'r1', seq: 2 }], 60_000);
    expect(again.map((d) => [d.recipient, d.attempts, d.lastError ?? null])).toEqual([['b@x.example', 1, 'ECONNREFUSED'], ['a@x.example', 0, null]]);
    const sent = (await n.list({ runId: 'r1' })).find((d) => d.state === 'sent')!;
    expect(sent).toMatchObject({ seq: 1, recipient: 'a@x.example', attempts: 1, sentAt: expect.any(String) });
  });

  it('keeps subscription secrets out of listings and cancels pending jobs on delete', async () => {
    const w = t.store.webhooks;
    await w.create({ id: 'wh-1', url: 'https://x.example/h', eventTypes: ['task.*'], secret: 's3cr3t-s3cr3t-s3cr3t', createdBy: 'admin' });
    expect(JSON.stringify(await w.list({ limit: 50 }))).not.toContain('s3cr3t');
    expect((await w.forDelivery())[0]).toMatchObject({ id: 'wh-1', secret: 's3cr3t-s3cr3t-s3cr3t', eventTypes: ['task.*'] });
    await t.store.notifications.queue([job(1, 'wh-1', 'webhook')]);
    await w.recordAttempt({ subscriptionId: 'wh-1', eventId: 'r1:1', eventType: 'task.opened', attempt: 1, statusCode: 502, error: 'HTTP 502', durationMs: 12.4 });
    expect(await w.delete('wh-1')).toBe(true);
    expect(await w.delete('wh-1')).toBe(false);
    expect(await w.get('wh-1')).toBeUndefined();
    expect((await w.target('wh-1'))?.deleted).toBe(true);
    expect((await t.store.notifications.list({ channel: 'webhook' }))[0].state).toBe('cancelled');
    expect(await w.attempts('wh-1', { limit: 10 })).toEqual([expect.objectContaining({ attempt: 1, statusCode: 502, durationMs: 12 })]);
  });

  it('pages subscriptions in creation order, each once', async () => {
    const w = t.store.webhooks;
    for (const id of ['wh-p3', 'wh-p1', 'wh-p2']) {
      await w.create({ id, url: 'https://x.example/h', eventTypes: ['task.*'], secret: 's3cr3t-s3cr3t-s3cr3t', createdBy: 'admin' });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await w.list({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s) => s.id).filter((id) => id.startsWith('wh-p')));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['wh-p3', 'wh-p1', 'wh-p2']);
    await expect(w.list({ limit: 2, cursor: Buffer.from('["x","wh-p1"]').toString('base64url') })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('keeps the first result of an inbound event and captured mail once per key', async () => {
    const first = await t.store.inbound.save({ id: 'e1', sender: 'swv', subject: 'r1', type: 'geraete.betankt', result: { stepId: 'imaging' } });
    const second = await t.store.inbound.save({ id: 'e1', sender: 'swv', subject: 'r1', type: 'geraete.betankt', result: { stepId: 'anders' } });
    expect(second).toEqual(first);
    await t.store.notifications.capture({ key: 'r1:1:a@x.example', to: 'A@x.example', subject: 's', text: 't' });
    await t.store.notifications.capture({ key: 'r1:1:a@x.example', to: 'A@x.example', subject: 's', text: 't' });
    expect(await t.store.notifications.captured({ to: 'a@x.example', limit: 10 })).toHaveLength(1);
  });
});
