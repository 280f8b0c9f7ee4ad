// Which events become which mails, to whom, with which link.
import { createDirectory, type DirectoryUser } from '../../activities/directory';
import { germanDate, plannedMails, runName } from '../../activities/mail-texts';
import { DEMO_USERS } from '../../config/users';
import type { DomainEvent, RunSnapshot, TaskSnapshot } from '../../domain/events';
import { imagingTask, lifecycle, onboardingRun, onboardingTask, rolloutRun } from '../notifications/events';

const ctx = { directory: createDirectory({ users: DEMO_USERS }), publicUrl: 'https://ku.example' };
const byType = (runId: string) => {
  const { stream, events } = lifecycle(runId);
  // what the delivery does: the run as of each event (task events do not carry it)
  return events.map((e) => ({ type: e.type, seq: e.seq, mails: plannedMails(e, ctx, e.run ?? stream.run) }));
};
const to = (mails: { to: { email: string } }[]) => mails.map((m) => m.to.email).sort();
const taskEvent = (type: DomainEvent['type'], run: RunSnapshot, task: TaskSnapshot, data: Record<string, unknown> = {}): DomainEvent =>
  ({ runId: run.id, seq: 2, at: run.startedAt, type, actor: 'system', data, task });

/** a company with three project leads: the demo's two and one more */
const third: DirectoryUser = { id: 'b.lang', name: 'Bettina Lang', email: 'b.lang@ku-it.example', roles: ['projektleitung'], gemeinden: [] };
const threeLeads = { directory: createDirectory({ users: [...DEMO_USERS, third] }), publicUrl: 'https://ku.example' };

describe('mail texts', () => {
  it('mails a new task to its team, in German, with a link to the task', () => {
    const [opened] = byType('rollout-09181128-charge-1').filter((e) => e.type === 'task.opened');
    expect(to(opened.mails)).toEqual(['j.richter@ku-it.example', 'm.koch@ku-it.example']);
    const mail = opened.mails[0];
    expect(mail.subject).toBe('Kaufering – Arbeitsplatz-Rollout Charge 1 (25 Geräte): Neue Aufgabe „Betankung (Windows 11, BitLocker, Treiber)“');
    expect(mail.text).toContain('für Sie ist eine neue Aufgabe offen');
    expect(mail.text).toContain('Fällig:   07.03.2026'); // 23:00 UTC is the next day in Bavaria
    expect(mail.text).toContain('https://ku.example/aufgaben/rollout-09181128-charge-1%3Aimaging');
  });

  it('names the run by its Gemeinde and process in subject and body, never by its technical id', () => {
    const run = onboardingRun('onboarding-09181128');
    const task = onboardingTask(run, 'gap-analyse', { title: 'Gap-Analyse, Migrations- und Zeitplan', candidateRoles: ['projektleitung'] });
    const [mail] = plannedMails(taskEvent('task.opened', run, task), ctx, run);
    expect(mail.subject).toBe('Kaufering – Gemeinde-Onboarding: Neue Aufgabe „Gap-Analyse, Migrations- und Zeitplan“');
    expect(mail.text).toContain('Vorgang:  Kaufering – Gemeinde-Onboarding');
    // the id stays in the link only, which still leads into the web UI
    expect(mail.text.replace(/https:\/\/\S+/g, '')).not.toContain('onboarding-09181128');
    expect(mail.text).toContain('Zur Aufgabe: https://ku.example/aufgaben/onboarding-09181128%3Agap-analyse');

    const completed = plannedMails({ runId: run.id, seq: 9, at: run.startedAt, type: 'run.completed', data: {}, run: { ...run, status: 'completed' } }, ctx);
    expect(completed[0].subject).toBe('Kaufering – Gemeinde-Onboarding: Vorgang abgeschlossen');
    expect(completed[0].text).toContain('Zum Vorgang: https://ku.example/vorgaenge/onboarding-09181128');
    // an incident names the step as people call it, not its id
    const failed = plannedMails({ runId: run.id, seq: 10, at: run.startedAt, type: 'step.failed', data: { stepId: 'angebot-berechnen', error: 'Katalog fehlt' } }, ctx, run);
    expect(failed[0].subject).toBe('Kaufering – Gemeinde-Onboarding: Störung im Schritt „Angebot und Kostenplan berechnen“');
    expect(failed[0].text).toContain('  Schritt:  Angebot und Kostenplan berechnen');
    // a child run keeps what it is about
    expect(runName('Kaufering', 'verfahren-migration', 'Verfahrensmigration: OK.FIS Finanzwesen')).toBe('Kaufering – Verfahrensmigration OK.FIS Finanzwesen');
    // without the run at hand the task still knows its process
    expect(plannedMails(taskEvent('task.opened', run, task), ctx, undefined)[0].subject).toBe('Kaufering – Gemeinde-Onboarding: Neue Aufgabe „Gap-Analyse, Migrations- und Zeitplan“');
  });

  it('mails a task for the project lead only to the run’s lead and deputy, not to every project lead', () => {
    const task = (run: RunSnapshot) => onboardingTask(run, 'gap-analyse', { candidateRoles: ['projektleitung'] });
    const ledByA = onboardingRun('onboarding-09181128', { projectLead: 'a.gruber' });
    expect(to(plannedMails(taskEvent('task.opened', ledByA, task(ledByA)), threeLeads, ledByA))).toEqual(['a.gruber@ku-it.example']);

    const withDeputy = onboardingRun('onboarding-09181128', { projectLead: 'a.gruber', deputyLead: 'f.maier' });
    const opened = plannedMails(taskEvent('task.opened', withDeputy, task(withDeputy)), threeLeads, withDeputy);
    expect(to(opened)).toEqual(['a.gruber@ku-it.example', 'f.maier@ku-it.example']);

    // reminders and escalations follow the same rule
    const reminded = plannedMails(taskEvent('task.reminded', withDeputy, task(withDeputy), { assignee: null }), threeLeads, withDeputy);
    expect(to(reminded)).toEqual(['a.gruber@ku-it.example', 'f.maier@ku-it.example']);
    const escalated = plannedMails(taskEvent('task.escalated', withDeputy, task(withDeputy), { level: 'projektleitung', projectLead: 'a.gruber' }), threeLeads, withDeputy);
    expect(to(escalated)).toEqual(['a.gruber@ku-it.example', 'f.maier@ku-it.example']);

    // a task shared by the lead and a team reaches both, and only them
    const shared = onboardingTask(ledByA, 'go-no-go', { candidateRoles: ['projektleitung', 'gemeinde'] });
    expect(to(plannedMails(taskEvent('task.opened', ledByA, shared), threeLeads, ledByA))).toEqual([
      'a.gruber@ku-it.example', 'buergermeister-09181128@gemeinde.example', 'geschaeftsleitung-09181128@gemeinde.example',
    ]);
  });

  it('mails a Gemeinde task only to the people of that Gemeinde', () => {
    const run = rolloutRun('rollout-09181128-charge-2');
    const task = imagingTask(run, { candidateRoles: ['gemeinde'] });
    const expected = ['buergermeister-09181128@gemeinde.example', 'geschaeftsleitung-09181128@gemeinde.example'];
    expect(to(plannedMails(taskEvent('task.opened', run, task), ctx, run))).toEqual(expected);
    expect(to(plannedMails(taskEvent('task.reminded', run, task, { assignee: null }), ctx, run))).toEqual(expected);
    // a Gemeinde's mailbox is only ever its own
    const mailboxes = { directory: createDirectory({ users: DEMO_USERS, teams: { 'gemeinde:09181114': 'rathaus@diessen.example' } }), publicUrl: 'https://ku.example' };
    expect(to(plannedMails(taskEvent('task.opened', run, task), mailboxes, run))).toEqual(expected);
  });

  it('sends assignment, reminder, both escalations, milestone and completion to the right people', () => {
    const got = byType('rollout-09181128-charge-3').map((e) => [e.type, to(e.mails)]);
    expect(got).toEqual([
      ['run.started', []],
      ['task.opened', ['j.richter@ku-it.example', 'm.koch@ku-it.example']],
      ['task.claimed', []],
      ['task.assigned', ['j.richter@ku-it.example']],
      ['task.reminded', ['j.richter@ku-it.example']],
      ['task.escalated', ['a.gruber@ku-it.example']],
      ['task.escalated', ['j.bauer@ku-it.example', 'm.huber@ku-it.example']],
      ['step.done', []],
      ['step.done', ['a.gruber@ku-it.example']],
      ['run.completed', ['a.gruber@ku-it.example']],
    ]);
    const texts = byType('rollout-09181128-charge-3').flatMap((e) => e.mails.map((m) => m.subject));
    const name = 'Kaufering – Arbeitsplatz-Rollout Charge 1 (25 Geräte)';
    expect(texts).toEqual(expect.arrayContaining([
      `${name}: Aufgabe zugewiesen „Betankung (Windows 11, BitLocker, Treiber)“`,
      `${name}: Erinnerung – „Betankung (Windows 11, BitLocker, Treiber)“ ist am 07.03.2026 fällig`,
      `${name}: Eskalation – „Betankung (Windows 11, BitLocker, Treiber)“ ist überfällig`,
      `${name}: Meilenstein erreicht „Übergabe mit Übergabeprotokoll“`,
      `${name}: Vorgang abgeschlossen`,
    ]));
  });

  it('escalates to all project leads when the run has none, and uses team mailboxes when configured', () => {
    const run = rolloutRun('rollout-09181128-charge-4', { projectLead: undefined });
    const task = imagingTask(run);
    const escalated = taskEvent('task.escalated', run, task, { level: 'projektleitung', projectLead: null });
    expect(to(plannedMails(escalated, ctx, run))).toEqual(['a.gruber@ku-it.example', 'f.maier@ku-it.example']);

    const teams = { directory: createDirectory({ users: DEMO_USERS, teams: { arbeitsplatz: 'arbeitsplatz@ku.example' } }), publicUrl: 'https://ku.example' };
    expect(plannedMails(taskEvent('task.opened', run, task), teams, run).map((m) => m.to.email)).toEqual(['arbeitsplatz@ku.example']);
  });

  it('mentions the reason of a cancellation and formats dates in Bavarian time', () => {
    const run = rolloutRun('rollout-09181128-charge-5', { status: 'cancelled' });
    const [mail] = plannedMails({ runId: run.id, seq: 9, at: run.startedAt, type: 'run.cancelled', data: { reason: 'Gemeinderat hat abgelehnt' }, run }, ctx);
    expect(mail.subject).toBe('Kaufering – Arbeitsplatz-Rollout Charge 1 (25 Geräte): Vorgang abgebrochen');
    expect(mail.text).toContain('Grund:    Gemeinderat hat abgelehnt');
    expect(mail.text).toContain('https://ku.example/vorgaenge/rollout-09181128-charge-5');
    expect(germanDate('2026-12-31T23:30:00.000Z')).toBe('01.01.2027');
  });
});

describe('four eyes and returned tasks', () => {
  it('mails the person who submitted rejected data, naming the reviewer by name', () => {
    const run = onboardingRun('onboarding-09181128');
    // the task's assignee is someone else by now: the submitter named by the engine gets the mail
    const task = onboardingTask(run, 'abnahme', { title: 'Abnahme', assignee: 'f.maier' });
    const rejected = { ...taskEvent('task.rejected', run, task, { reason: 'Protokoll fehlt', submittedBy: 'a.gruber' }), actor: 'm.huber' };
    const [mail, ...rest] = plannedMails(rejected, ctx, run);
    expect(rest).toEqual([]);
    expect(mail.to.email).toBe('a.gruber@ku-it.example');
    expect(mail.subject).toBe('Kaufering – Gemeinde-Onboarding: Prüfung abgelehnt „Abnahme“');
    expect(mail.text).toContain('Grund: Protokoll fehlt');
    expect(mail.text).toContain('Abgelehnt von: Maria Huber');
    // whoever rejects their own submission needs no mail
    expect(plannedMails({ ...rejected, actor: 'a.gruber' }, ctx, run)).toEqual([]);
  });

  it('mails the data submitted for review to those who may still approve it, not to the submitter', () => {
    const run = onboardingRun('onboarding-09181128');
    const given = [{ user: 'p.fischer', role: 'verfahren' as const, at: run.startedAt }];
    const task = onboardingTask(run, 'abnahme', { title: 'Abnahme', candidateRoles: ['verfahren', 'projektleitung'], state: 'review', approvals: { required: 2, given } });
    const submitted = { ...taskEvent('task.submitted', run, task), actor: 'p.fischer' };
    const mails = plannedMails(submitted, ctx, run);
    expect(to(mails)).toEqual(['a.gruber@ku-it.example', 'c.schneider@ku-it.example']);
    expect(mails[0].subject).toBe('Kaufering – Gemeinde-Onboarding: Zur Prüfung „Abnahme“');
    expect(mails[0].text).toContain('Eingegeben von: Peter Fischer');
    expect(mails[0].kind).toBe('newTask');
    // a rule naming the roles that must approve: only the roles still missing
    const byRole = onboardingTask(run, 'abnahme', { title: 'Abnahme', candidateRoles: ['verfahren', 'projektleitung'], state: 'review', approvals: { required: 2, roles: ['verfahren', 'projektleitung'], given } });
    expect(to(plannedMails({ ...submitted, task: byRole }, ctx, run))).toEqual(['a.gruber@ku-it.example']);
  });

  it('counts each team of a task for several on its own: a small team gets the new task at once', () => {
    const run = onboardingRun('onboarding-09181128');
    const task = onboardingTask(run, 'vvt', { title: 'VVT', candidateRoles: ['gemeinde', 'datenschutz'] });
    const mails = plannedMails(taskEvent('task.opened', run, task), ctx, run);
    expect(mails.map((m) => [m.to.email, m.audience]).sort()).toEqual([
      ['b.wolf@ku-it.example', 2], ['buergermeister-09181128@gemeinde.example', 2], ['geschaeftsleitung-09181128@gemeinde.example', 2], ['h.neumann@ku-it.example', 2],
    ]);
  });

  it('asks the Gemeinde by mail for a paper it signs when its step opens, once, and not where it is a candidate itself', () => {
    const run = onboardingRun('onboarding-09181128');
    const avv = onboardingTask(run, 'avv', { title: 'AVV', candidateRoles: ['datenschutz'] });
    const mails = plannedMails(taskEvent('task.opened', run, avv), ctx, run);
    const asked = mails.filter((m) => m.kind === 'gemeinde');
    expect(to(asked)).toEqual(['buergermeister-09181128@gemeinde.example', 'geschaeftsleitung-09181128@gemeinde.example']);
    expect(asked[0].subject).toBe('Kaufering: Bitte unterschrieben zurücksenden – AVV');
    expect(asked[0].text).toContain('möglichst bis 06.03.2026');
    expect(asked[0].text).toContain('https://ku.example/');
    expect(to(mails.filter((m) => m.kind === 'newTask'))).toEqual(['b.wolf@ku-it.example', 'h.neumann@ku-it.example']);
    // reopened after a return: no second request; a step the Gemeinde works itself: its new-task mail is enough
    expect(plannedMails(taskEvent('task.opened', run, avv, { reopened: true }), ctx, run).filter((m) => m.kind === 'gemeinde')).toEqual([]);
    const abnahme = onboardingTask(run, 'abnahme', { title: 'Abnahme', candidateRoles: ['projektleitung', 'gemeinde'] });
    expect(plannedMails(taskEvent('task.opened', run, abnahme), ctx, run).map((m) => m.kind)).not.toContain('gemeinde');
    // a paper from the KU (the destruction certificate) asks nobody at the town hall
    const certificate = onboardingTask(run, 'stilllegung', { title: 'Stilllegung', candidateRoles: ['arbeitsplatz', 'isb'] });
    expect(plannedMails(taskEvent('task.opened', run, certificate), ctx, run).map((m) => m.kind)).not.toContain('gemeinde');
  });

  it('names who gave a task back by name', () => {
    const run = onboardingRun('onboarding-09181128');
    const task = onboardingTask(run, 'vvt', { title: 'VVT' });
    const returned = { ...taskEvent('task.returned', run, task, { reason: 'Urlaub', before: { assignee: 'b.wolf' } }), actor: 'a.gruber' };
    const [mail] = plannedMails(returned, ctx, run);
    expect(mail.to.email).toBe('b.wolf@ku-it.example');
    expect(mail.text).toContain('Zurückgegeben von: Andrea Gruber');
  });
});
