// Which events become which mails, to whom, with which link.
import { createDirectory } from '../../activities/directory';
import { germanDate, plannedMails } from '../../activities/mail-texts';
import { DEMO_USERS } from '../../config/users';
import { imagingTask, lifecycle, rolloutRun } from './events';

const ctx = { directory: createDirectory({ users: DEMO_USERS }), publicUrl: 'https://ku.example' };
const byType = (runId: string) => {
  const { events } = lifecycle(runId);
  return events.map((e) => ({ type: e.type, seq: e.seq, mails: plannedMails(e, ctx) }));
};

describe('mail texts', () => {
  it('mails a new task to its team, in German, with a link to the task', () => {
    const [opened] = byType('rollout-09181128-charge-1').filter((e) => e.type === 'task.opened');
    expect(opened.mails.map((m) => m.to.email).sort()).toEqual(['j.richter@ku-it.example', 'm.koch@ku-it.example']);
    const mail = opened.mails[0];
    expect(mail.subject).toBe('Neue Aufgabe: Betankung (Windows 11, BitLocker, Treiber) (Kaufering)');
    expect(mail.text).toContain('für Ihr Team ist eine neue Aufgabe offen');
    expect(mail.text).toContain('Fällig:   07.03.2026'); // 23:00 UTC is the next day in Bavaria
    expect(mail.text).toContain('https://ku.example/aufgaben/rollout-09181128-charge-1%3Aimaging');
  });

  it('mails a Gemeinde task only to the people of that Gemeinde', () => {
    const run = rolloutRun('rollout-09181128-charge-2');
    const task = imagingTask(run, { candidateRoles: ['gemeinde'] });
    const mails = plannedMails({ runId: run.id, seq: 2, at: run.startedAt, type: 'task.opened', data: {}, task }, ctx);
    expect(mails.map((m) => m.to.email).sort()).toEqual([
      'buergermeister-09181128@gemeinde.example', 'geschaeftsleitung-09181128@gemeinde.example',
    ]);
  });

  it('sends assignment, reminder, both escalations, milestone and completion to the right people', () => {
    const got = byType('rollout-09181128-charge-3').map((e) => [e.type, e.mails.map((m) => m.to.email).sort()]);
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
    expect(texts).toEqual(expect.arrayContaining([
      'Aufgabe zugewiesen: Betankung (Windows 11, BitLocker, Treiber) (Kaufering)',
      'Erinnerung: Betankung (Windows 11, BitLocker, Treiber) ist am 07.03.2026 fällig',
      'Eskalation: Betankung (Windows 11, BitLocker, Treiber) (Kaufering) ist überfällig',
      'Meilenstein erreicht: Übergabe mit Übergabeprotokoll (Kaufering)',
      'Vorgang abgeschlossen: Arbeitsplatz-Rollout Kaufering, Charge 1',
    ]));
  });

  it('escalates to all project leads when the run has none, and uses team mailboxes when configured', () => {
    const run = rolloutRun('rollout-09181128-charge-4', { projectLead: undefined });
    const task = imagingTask(run);
    const escalated = { runId: run.id, seq: 3, at: run.startedAt, type: 'task.escalated' as const, data: { level: 'projektleitung', projectLead: null }, task };
    expect(plannedMails(escalated, ctx).map((m) => m.to.email).sort()).toEqual(['a.gruber@ku-it.example', 'f.maier@ku-it.example']);

    const teams = { directory: createDirectory({ users: DEMO_USERS, teams: { arbeitsplatz: 'arbeitsplatz@ku.example' } }), publicUrl: 'https://ku.example' };
    const opened = { runId: run.id, seq: 2, at: run.startedAt, type: 'task.opened' as const, data: {}, task };
    expect(plannedMails(opened, teams).map((m) => m.to.email)).toEqual(['arbeitsplatz@ku.example']);
  });

  it('mentions the reason of a cancellation and formats dates in Bavarian time', () => {
    const run = rolloutRun('rollout-09181128-charge-5', { status: 'cancelled' });
    const [mail] = plannedMails({ runId: run.id, seq: 9, at: run.startedAt, type: 'run.cancelled', data: { reason: 'Gemeinderat hat abgelehnt' }, run }, ctx);
    expect(mail.subject).toBe('Vorgang abgebrochen: Arbeitsplatz-Rollout Kaufering, Charge 1');
    expect(mail.text).toContain('Grund:    Gemeinderat hat abgelehnt');
    expect(mail.text).toContain('https://ku.example/vorgaenge/rollout-09181128-charge-5');
    expect(germanDate('2026-12-31T23:30:00.000Z')).toBe('01.01.2027');
  });
});
