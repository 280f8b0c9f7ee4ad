// Mail people want: each person's choice per kind of mail (immediately, daily digest, none), the defaults, the
// new mails (broken step, returned and rejected task) and the digest — its activity called directly, and its
// Temporal Schedule created against the dev server and triggered once.
import request from 'supertest';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDigestActivities, digestMail } from '../../activities/digest';
import { createDirectory, type DirectoryUser } from '../../activities/directory';
import { captureTransport } from '../../activities/mail-transport';
import { createNotificationActivities } from '../../activities/notifications';
import { DEMO_USERS } from '../../config/users';
import type { DomainEvent } from '../../domain/events';
import { mailMode } from '../../domain/mail-preferences';
import type { Store } from '../../store/store';
import { DIGEST_SCHEDULE_ID, ensureDigestSchedule } from '../../worker/digest-schedule';
import { lightApp } from '../api/support/light-app';
import { startTestEnv, workflowBundle } from '../helpers/temporal-env';
import { RunStream } from '../store/fixtures';
import { onboardingRun, onboardingTask } from './events';
import { openTempStore, PUBLIC_URL } from './helpers';

let store: Store;
let closeStore: () => Promise<void>;
beforeAll(async () => {
  ({ store, close: closeStore } = await openTempStore());
});
afterAll(async () => {
  await closeStore?.();
});

// the demo users plus three more network colleagues: a team of five, as in the real directory
const FIVE_NETWORKERS: DirectoryUser[] = [
  ...DEMO_USERS,
  ...['n.eins', 'n.zwei', 'n.drei'].map((id) => ({ id, name: id, email: `${id}@ku-it.example`, roles: ['netzwerk' as const], gemeinden: [] })),
];

function deliver() {
  return createNotificationActivities({
    store, directory: createDirectory({ users: FIVE_NETWORKERS }), mail: captureTransport(store.notifications), publicUrl: PUBLIC_URL,
  }).deliverNotifications;
}

async function mailsOf(runId: string) {
  // the Gemeinde's welcome at the start (test/notifications/gemeinde-mails.test.ts) is not what these tests count
  return (await store.notifications.captured({ limit: 500 })).filter((m) => m.runId === runId && m.eventType !== 'run.started');
}

/** An onboarding led by a.gruber with a network task (team of five) and a Gemeinde task (two people). */
function onboarding(runId: string) {
  const run = onboardingRun(runId, { projectLead: 'a.gruber' });
  const s = new RunStream(run);
  s.emit('run.started', run.startedAt, { actor: 'a.gruber', run });
  const net = onboardingTask(run, 'netzplan', { title: 'Netzplan', candidateRoles: ['netzwerk'] });
  const form = onboardingTask(run, 'fragebogen', { title: 'Grob-Fragebogen', candidateRoles: ['gemeinde'] });
  return { run, s, net, form };
}

describe('defaults', () => {
  it('sends personal matters at once; new tasks and reminders to a team of more than three and news of a run in the digest', () => {
    for (const kind of ['assigned', 'reminder', 'escalation', 'returned', 'incident'] as const) expect(mailMode(undefined, kind, 1)).toBe('immediately');
    // an escalation to the whole board is still urgent; a reminder of an unclaimed task to a team of five is not personal
    for (const kind of ['escalation', 'incident'] as const) expect(mailMode(undefined, kind, 5)).toBe('immediately');
    expect(mailMode(undefined, 'reminder', 5)).toBe('digest');
    expect(mailMode(undefined, 'newTask', 3)).toBe('immediately');
    expect(mailMode(undefined, 'newTask', 4)).toBe('digest');
    expect(mailMode(undefined, 'runNews', 1)).toBe('digest');
    expect(mailMode({ newTask: 'immediately' }, 'newTask', 10)).toBe('immediately');
    expect(mailMode({ assigned: 'none' }, 'assigned', 1)).toBe('none');
  });
});

describe('GET/PUT /me/mail-preferences', () => {
  it("keeps each person's own choices and answers a wrong mode with a German field error", async () => {
    const app = lightApp({ store });
    const as = (user: string) => ({ authorization: `Bearer demo-${user}` });
    const bad = await request(app).put('/api/v1/me/mail-preferences').set(as('p.fischer')).send({ preferences: { newTask: 'bald' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'preferences.newTask', message: expect.stringMatching(/^Erlaubt sind/) })]);
    const put = await request(app).put('/api/v1/me/mail-preferences').set(as('p.fischer')).send({ preferences: { runNews: 'none', assigned: 'digest' } });
    expect(put.status).toBe(200);
    const mode = (body: { kinds: { kind: string; mode: string }[] }, kind: string) => body.kinds.find((i) => i.kind === kind)!.mode;
    expect(mode(put.body, 'runNews')).toBe('none');
    expect(mode(put.body, 'assigned')).toBe('digest');
    expect(mode(put.body, 'escalation')).toBe('immediately');
    // a colleague's stay the defaults
    const other = await request(app).get('/api/v1/me/mail-preferences').set(as('c.schneider')).expect(200);
    expect(mode(other.body, 'runNews')).toBe('digest');
    expect(mode(other.body, 'assigned')).toBe('immediately');
    // the demo's teams have two people: a new task reaches them at once, as delivery sends it, and the page says so
    expect(mode(other.body, 'newTask')).toBe('immediately');
    // the Gemeinde's own mails are a choice for its staff alone
    expect(other.body.kinds.map((k: { kind: string }) => k.kind)).not.toContain('gemeinde');
    const staff = (await request(app).get('/api/v1/me/mail-preferences').set(as('geschaeftsleitung-09181121')).expect(200)).body;
    expect(mode(staff, 'newTask')).toBe('immediately');
    expect(mode(staff, 'gemeinde')).toBe('immediately');
  });
});

describe('delivery by preference', () => {
  it("holds a large team's new task for the digest, sends a small team's at once, and respects 'none' and 'immediately'", async () => {
    const runId = 'onboarding-09181128-prefs-1';
    const { s, net, form } = onboarding(runId);
    await store.mailPreferences.set('k.hofmann', { newTask: 'immediately' });
    await store.mailPreferences.set('geschaeftsleitung-09181128', { newTask: 'none' });
    s.emit('task.opened', s.run.startedAt, { actor: 'system', data: {}, task: net });
    s.emit('task.opened', s.run.startedAt, { actor: 'system', data: {}, task: form });
    await store.appendEvents(s.events);
    await deliver()(s.events);
    await deliver()(s.events); // a retry changes nothing

    const mails = await mailsOf(runId);
    // network team of five: only k.hofmann wants it at once; the Gemeinde (two people) at once, but not the one who said none
    expect(mails.map((m) => m.to).sort()).toEqual(['buergermeister-09181128@gemeinde.example', 'k.hofmann@ku-it.example']);
    const held = (await store.mailPreferences.digestOf('2099-01-01')).filter((i) => i.runId === runId);
    expect(held.map((i) => i.recipient).sort()).toEqual(['l.weber@ku-it.example', 'n.drei@ku-it.example', 'n.eins@ku-it.example', 'n.zwei@ku-it.example']);
    expect(held[0]).toMatchObject({ kind: 'newTask', subject: 'Kaufering – Gemeinde-Onboarding: Neue Aufgabe „Netzplan“', link: `${PUBLIC_URL}/aufgaben/${encodeURIComponent(net.id)}` });
  });

  it('mails a broken step to the lead, a returned task to whoever had it, a rejected review to the submitter — at once', async () => {
    const runId = 'onboarding-09181128-prefs-2';
    const { run, s, net } = onboarding(runId);
    // a large team's new tasks in the digest must not take a personal matter with them
    await store.mailPreferences.set('l.weber', { newTask: 'digest' });
    s.emit('step.failed', run.startedAt, { actor: 'system', data: { stepId: 'ip-vergabe', error: 'Adresspool erschöpft', attempts: 5 } });
    s.emit('task.returned', run.startedAt, {
      actor: 'a.gruber', data: { reason: 'Falsches Subnetz', before: { assignee: 'l.weber', approvals: 0 }, after: { assignee: null, approvals: 0 } }, task: net,
    });
    // returning one's own task needs no mail
    s.emit('task.returned', run.startedAt, {
      actor: 'k.hofmann', data: { reason: 'Urlaub', before: { assignee: 'k.hofmann', approvals: 0 }, after: { assignee: null, approvals: 0 } }, task: net,
    });
    const rejected = { ...s.emit('task.completed', run.startedAt, { actor: 'k.hofmann', data: {}, task: { ...net, completedBy: 'k.hofmann' } }) };
    // the review's rejection (an event type added by the four-eyes work): keyed on the type only
    const rejection = { ...rejected, seq: rejected.seq + 1, type: 'task.rejected', actor: 'a.gruber', data: { stepId: 'netzplan', reason: 'VLAN fehlt' } } as unknown as DomainEvent;
    const events = [...s.events, rejection];
    await store.appendEvents(s.events);
    await deliver()(events);

    const mails = await mailsOf(runId);
    const to = (subject: RegExp) => mails.filter((m) => subject.test(m.subject)).map((m) => m.to);
    expect(to(/Störung im Schritt „ip-vergabe“/)).toEqual(['a.gruber@ku-it.example']);
    expect(mails.find((m) => /Störung/.test(m.subject))!.subject).toMatch(/^Kaufering – Gemeinde-Onboarding: /);
    expect(mails.find((m) => /Störung/.test(m.subject))!.text).toContain('Adresspool erschöpft');
    expect(to(/Aufgabe zurückgegeben „Netzplan“/)).toEqual(['l.weber@ku-it.example']);
    expect(mails.find((m) => /zurückgegeben/.test(m.subject))!.text).toContain('Grund: Falsches Subnetz');
    expect(to(/Prüfung abgelehnt „Netzplan“/)).toEqual(['k.hofmann@ku-it.example']);
    expect(mails.find((m) => /abgelehnt/.test(m.subject))!.text).toContain('Grund: VLAN fehlt');
    expect(mails).toHaveLength(3);
  });
});

describe('daily digest', () => {
  const digests = () => createDigestActivities({ store, mail: captureTransport(store.notifications) }).sendMailDigests;

  it("groups a day's held mails into one mail per person, once, however often it runs", async () => {
    const runId = 'onboarding-09181128-digest-1';
    const { s, net } = onboarding(runId);
    const second = onboardingTask(s.run, 'vlan', { title: 'VLAN einrichten', candidateRoles: ['netzwerk'] });
    s.emit('task.opened', s.run.startedAt, { actor: 'system', data: {}, task: net });
    s.emit('task.opened', s.run.startedAt, { actor: 'system', data: {}, task: second });
    s.emit('step.done', s.run.startedAt, { actor: 'system', data: { stepId: 'vertrag', milestone: true, title: 'Vertrag unterzeichnet' }, run: { ...s.run, progress: 0.3 } });
    await store.appendEvents(s.events);
    await deliver()(s.events);

    // 07:00 UTC on 5 March 2031 is 08:00 in Bavaria: the schedule's start time names the day
    const first = await digests()('2031-03-05T07:00:00.000Z');
    expect(first.day).toBe('2031-03-05');
    const again = await digests()('2031-03-05T07:00:00.000Z');
    expect(again).toEqual({ day: '2031-03-05', digests: 0, items: 0 });

    const got = (await store.notifications.captured({ limit: 500 })).filter((m) => m.eventType === 'digest' && /05\.03\.2031/.test(m.subject));
    const byTo = new Map(got.map((m) => [m.to, m]));
    expect(got).toHaveLength(byTo.size);
    // every networker who wants new tasks in the digest gets both in one mail; the lead gets the milestone
    const weber = byTo.get('l.weber@ku-it.example')!;
    expect(weber.subject).toBe('Tägliche Übersicht vom 05.03.2031: 2 Benachrichtigungen');
    expect(weber.text).toContain('Neue Aufgaben für mein Team (2):');
    expect(weber.text).toContain('Kaufering – Gemeinde-Onboarding: Neue Aufgabe „Netzplan“');
    expect(weber.text).toContain('Kaufering – Gemeinde-Onboarding: Neue Aufgabe „VLAN einrichten“');
    expect(byTo.get('a.gruber@ku-it.example')!.text).toContain('Meilenstein erreicht „Vertrag unterzeichnet“');
    expect(byTo.has('k.hofmann@ku-it.example')).toBe(false); // chose immediately
    for (const m of got) expect(got.filter((x) => x.to === m.to)).toHaveLength(1);
  });

  it('keeps a failed digest for the retry and sends it once', async () => {
    const runId = 'onboarding-09181128-digest-2';
    const { s, net } = onboarding(runId);
    s.emit('task.opened', s.run.startedAt, { actor: 'system', data: {}, task: net });
    await store.appendEvents(s.events);
    await deliver()(s.events);
    let down = true;
    const sent: string[] = [];
    const flaky = createDigestActivities({
      store,
      mail: { kind: 'smtp', close: () => undefined, async send(m) { if (down) throw new Error('ECONNREFUSED'); sent.push(m.key); } },
    }).sendMailDigests;
    await expect(flaky('2031-03-06T07:00:00.000Z')).rejects.toThrow(/Tagesübersicht\(en\) noch nicht zugestellt/);
    down = false;
    await flaky('2031-03-06T07:00:00.000Z');
    await flaky('2031-03-06T07:00:00.000Z');
    expect(sent.sort()).toEqual(['l.weber', 'n.drei', 'n.eins', 'n.zwei'].map((u) => `digest:${u}@ku-it.example:2031-03-06`));
  });

  it('leaves out a task finished after its mail was held; nobody gets a digest of finished tasks only', async () => {
    const runId = 'onboarding-09181128-digest-4';
    const { s, net } = onboarding(runId);
    const second = onboardingTask(s.run, 'vlan', { title: 'VLAN einrichten', candidateRoles: ['netzwerk'] });
    s.emit('task.opened', s.run.startedAt, { actor: 'system', data: {}, task: net });
    s.emit('task.opened', s.run.startedAt, { actor: 'system', data: {}, task: second });
    await store.appendEvents(s.events);
    await deliver()(s.events);
    // the network plan is done before the digest goes out; the VLAN is still open
    const done = s.emit('task.completed', s.run.startedAt, { actor: 'k.hofmann', data: {}, task: { ...net, state: 'done', completedBy: 'k.hofmann' } });
    await store.appendEvents([done]);

    await digests()('2031-03-07T07:00:00.000Z');
    const got = (await store.notifications.captured({ limit: 500 })).filter((m) => m.eventType === 'digest' && /07\.03\.2031/.test(m.subject));
    expect(got.map((m) => m.to).sort()).toEqual(['l.weber', 'n.drei', 'n.eins', 'n.zwei'].map((u) => `${u}@ku-it.example`));
    for (const m of got) {
      expect(m.text).toContain('Neue Aufgabe „VLAN einrichten“');
      expect(m.text).not.toContain('Netzplan');
    }

    // once the VLAN is done too, the next day's digest has nothing left for them
    const runId2 = 'onboarding-09181128-digest-5';
    const other = onboarding(runId2);
    other.s.emit('task.opened', other.s.run.startedAt, { actor: 'system', data: {}, task: other.net });
    await store.appendEvents(other.s.events);
    await deliver()(other.s.events);
    await store.appendEvents([other.s.emit('task.completed', other.s.run.startedAt, { actor: 'k.hofmann', data: {}, task: { ...other.net, state: 'done', completedBy: 'k.hofmann' } })]);
    expect(await digests()('2031-03-08T07:00:00.000Z')).toMatchObject({ digests: 0 });
  });

  it('words a digest by kind with every line naming Gemeinde and process', () => {
    const { subject, text } = digestMail('2031-03-29', [
      { runId: 'r', seq: 1, recipient: 'x@y.example', kind: 'runNews', subject: 'Kaufering – Gemeinde-Onboarding: Vorgang abgeschlossen', link: 'https://x/vorgaenge/r' },
    ]);
    expect(subject).toBe('Tägliche Übersicht vom 29.03.2031: 1 Benachrichtigung');
    expect(text).toContain('Meilensteine und Abschluss meiner Vorgänge (1):\n  • Kaufering – Gemeinde-Onboarding: Vorgang abgeschlossen\n    https://x/vorgaenge/r');
  });
});

describe('digest schedule', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('is created once at 08:00 Europe/Berlin and its run sends the digest', async () => {
    const taskQueue = 'digest-schedule-test';
    expect(await ensureDigestSchedule(env.client, taskQueue)).toBe('created');
    expect(await ensureDigestSchedule(env.client, taskQueue)).toBe('exists');
    const handle = env.client.schedule.getHandle(DIGEST_SCHEDULE_ID);
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Europe/Berlin');
    expect(described.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 8, end: 8, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] })]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'mailDigest', taskQueue });

    // a held mail, then one run of the schedule through a worker with the real digest activity
    const runId = 'onboarding-09181128-digest-3';
    const { s, net } = onboarding(runId);
    s.emit('task.opened', s.run.startedAt, { actor: 'system', data: {}, task: net });
    await store.appendEvents(s.events);
    await deliver()(s.events);
    const worker = await Worker.create({
      connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(),
      activities: createDigestActivities({ store, mail: captureTransport(store.notifications) }),
    });
    await worker.runUntil(async () => {
      await handle.trigger();
      for (let i = 0; i < 300; i++) {
        const recent = (await handle.describe()).info.recentActions;
        const wf = recent.at(-1)?.action.workflow;
        if (wf) {
          await env.client.workflow.getHandle(wf.workflowId, wf.firstExecutionRunId).result();
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    const got = (await store.notifications.captured({ limit: 500 })).filter((m) => m.eventType === 'digest' && m.to === 'n.eins@ku-it.example');
    expect(got.some((m) => m.text.includes('Neue Aufgabe „Netzplan“') && m.text.includes(encodeURIComponent(net.id)))).toBe(true);
    await handle.delete();
  }, 120_000);
});
