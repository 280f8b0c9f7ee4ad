// Mail goes to the people the people store knows (filled by the LDAP sync or sign-ins), beside the configured users:
// a Gemeinde contact the directory sync brought in gets the welcome; one it deactivated no longer does.
import { createNotificationActivities } from '../../activities/notifications';
import { notificationDeps } from '../../activities/notification-setup';
import type { Store } from '../../store/store';
import { RunStream } from '../store/fixtures';
import { onboardingRun } from './events';
import { openTempStore, PUBLIC_URL } from './helpers';

let store: Store;
let closeStore: () => Promise<void>;
beforeAll(async () => {
  ({ store, close: closeStore } = await openTempStore());
});
afterAll(async () => {
  await closeStore?.();
});

it('addresses the people of the people store: synced in, mailed; synced out, not', async () => {
  // production wiring without demo users: only the store knows anyone
  const deliver = createNotificationActivities(notificationDeps(store, { mailFrom: 'onboarding@ku-it.example', publicUrl: PUBLIC_URL, users: [] })).deliverNotifications;
  await store.people.replaceFromDirectory([
    { id: 'kaemmerin', name: 'Eva Kämmerer', email: 'eva.kaemmerer@kaufering.example', roles: ['gemeinde'], gemeinden: ['09181128'] },
    { id: 'a.gruber', name: 'Andrea Gruber', email: 'andrea.gruber@ku.example', roles: ['projektleitung'], gemeinden: [] },
  ]);
  const first = onboardingRun('onboarding-09181128-people-1');
  const s1 = new RunStream(first);
  s1.emit('run.started', '2026-03-02T08:00:00.000Z', { actor: 'a.gruber', data: {}, run: first });
  await store.appendEvents(s1.events);
  await deliver(s1.events);
  const welcome = (await store.notifications.captured({ limit: 50 })).filter((m) => m.runId === first.id);
  expect(welcome.map((m) => m.to)).toEqual(['eva.kaemmerer@kaufering.example']);
  expect(welcome[0].text).toContain('Ihre Ansprechperson im KU: Andrea Gruber (andrea.gruber@ku.example)');

  // the next sync no longer lists her: the next onboarding's welcome reaches nobody at the town hall
  await store.people.replaceFromDirectory([{ id: 'a.gruber', name: 'Andrea Gruber', email: 'andrea.gruber@ku.example', roles: ['projektleitung'], gemeinden: [] }]);
  const second = onboardingRun('onboarding-09181128-people-2');
  const s2 = new RunStream(second);
  s2.emit('run.started', '2026-03-03T08:00:00.000Z', { actor: 'a.gruber', data: {}, run: second });
  await store.appendEvents(s2.events);
  await deliver(s2.events);
  expect((await store.notifications.captured({ limit: 50 })).filter((m) => m.runId === second.id)).toEqual([]);
});

it('keeps its directory between deliveries and sees a person learned from a sign-in on the next one', async () => {
  const deliver = createNotificationActivities(notificationDeps(store, { mailFrom: 'onboarding@ku-it.example', publicUrl: PUBLIC_URL, users: [] })).deliverNotifications;
  await store.people.replaceFromDirectory([{ id: 'a.gruber', name: 'Andrea Gruber', email: 'andrea.gruber@ku.example', roles: ['projektleitung'], gemeinden: [] }]);
  const welcomeOf = async (id: string, at: string) => {
    const run = onboardingRun(id);
    const s = new RunStream(run);
    s.emit('run.started', at, { actor: 'a.gruber', data: {}, run });
    await store.appendEvents(s.events);
    await deliver(s.events);
    return (await store.notifications.captured({ limit: 50 })).filter((m) => m.runId === id).map((m) => m.to);
  };
  expect(await welcomeOf('onboarding-09181128-people-3', '2026-03-04T08:00:00.000Z')).toEqual([]);
  expect(await welcomeOf('onboarding-09181128-people-4', '2026-03-05T08:00:00.000Z')).toEqual([]);

  // without a directory, a Gemeinde's person is learned from their sign-in: the next welcome reaches them
  await store.people.seen({ id: 'buergermeister', name: 'Hans Maier', email: 'hans.maier@kaufering.example', roles: ['gemeinde'], gemeinden: ['09181128'] }, 'learn');
  expect(await welcomeOf('onboarding-09181128-people-5', '2026-03-06T08:00:00.000Z')).toEqual(['hans.maier@kaufering.example']);
});
