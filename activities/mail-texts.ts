// Which domain events become mail, to whom, and in what words. Pure: the same event always gives the same mails,
// so a retried delivery queues exactly the jobs of its first attempt.
import type { DomainEvent, TaskSnapshot } from '../domain/events';
import type { Role } from '../domain/types';
import type { Directory, Recipient } from './directory';

export interface PlannedMail {
  to: Recipient;
  subject: string;
  text: string;
}

export interface MailContext {
  directory: Directory;
  /** base of the links in mails, e.g. https://onboarding.ku-it.example (no trailing slash) */
  publicUrl: string;
}

const GERMAN_DATE = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });

/** "2027-03-05T…" → "05.03.2027" in Bavarian local time (a due date at midnight UTC is still that day here). */
export function germanDate(iso: string | undefined): string | undefined {
  if (!iso || Number.isNaN(Date.parse(iso))) return undefined;
  const parts = Object.fromEntries(GERMAN_DATE.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year}`;
}

export const taskLink = (ctx: MailContext, taskId: string) => `${ctx.publicUrl}/aufgaben/${encodeURIComponent(taskId)}`;
export const runLink = (ctx: MailContext, runId: string) => `${ctx.publicUrl}/vorgaenge/${encodeURIComponent(runId)}`;

const FOOTER = '\n\n-- \nDiese Nachricht wurde vom Onboarding-System des Kommunalunternehmens automatisch versandt.';

function teamOf(ctx: MailContext, roles: Role[], ags: string): Recipient[] {
  return roles.flatMap((r) => ctx.directory.team(r, ags));
}

function taskLines(task: TaskSnapshot): string[] {
  const due = germanDate(task.dueAt);
  return [
    `  Aufgabe:  ${task.title}`,
    `  Gemeinde: ${task.gemeindeName} (AGS ${task.ags})`,
    `  Vorgang:  ${task.runId}`,
    ...(due ? [`  Fällig:   ${due}`] : []),
  ];
}

function mail(to: Recipient[], subject: string, body: string[]): PlannedMail[] {
  const text = `Guten Tag,\n\n${body.join('\n')}${FOOTER}`;
  // several roles can lead to one person (or one shared mailbox): one mail per address
  const seen = new Set<string>();
  return to
    .filter((r) => {
      const key = r.email.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => ({ to: r, subject, text }));
}

const person = (ctx: MailContext, id: unknown): Recipient[] => {
  const r = typeof id === 'string' && id ? ctx.directory.person(id) : undefined;
  return r ? [r] : [];
};

function taskMail(event: DomainEvent, task: TaskSnapshot, ctx: MailContext): PlannedMail[] {
  const link = `Zur Aufgabe: ${taskLink(ctx, task.id)}`;
  switch (event.type) {
    case 'task.opened': {
      const reopened = event.data.reopened === true;
      return mail(teamOf(ctx, task.candidateRoles, task.ags), `${reopened ? 'Aufgabe erneut offen' : 'Neue Aufgabe'}: ${task.title} (${task.gemeindeName})`, [
        reopened ? 'eine Aufgabe für Ihr Team ist erneut offen:' : 'für Ihr Team ist eine neue Aufgabe offen:',
        '',
        ...taskLines(task),
        ...(task.returnReason ? ['', `Grund: ${task.returnReason}`] : []),
        ...(task.description ? ['', task.description] : []),
        '',
        link,
      ]);
    }
    case 'task.assigned': {
      const assignee = (event.data.assignee as { after?: unknown } | undefined)?.after;
      // whoever assigns a task to themselves needs no mail about it
      if (assignee === event.actor) return [];
      return mail(person(ctx, assignee), `Aufgabe zugewiesen: ${task.title} (${task.gemeindeName})`, [
        'Ihnen wurde eine Aufgabe zugewiesen:', '', ...taskLines(task), '', link,
      ]);
    }
    case 'task.reminded': {
      const assignee = (event.data.assignee as string | null | undefined) ?? task.assignee;
      const to = assignee ? person(ctx, assignee) : teamOf(ctx, task.candidateRoles, task.ags);
      return mail(to, `Erinnerung: ${task.title} ist am ${germanDate(task.dueAt) ?? 'Fälligkeitstag'} fällig`, [
        'diese Aufgabe ist bald fällig und noch nicht erledigt:', '', ...taskLines(task), '', link,
      ]);
    }
    case 'task.escalated': {
      const toBoard = event.data.level === 'vorstand';
      const lead = person(ctx, event.data.projectLead ?? event.run?.projectLead);
      // a run without a named lead (a rollout started on its own) must not let an overdue task go unnoticed
      const to = toBoard ? ctx.directory.team('vorstand') : lead.length > 0 ? lead : ctx.directory.team('projektleitung');
      return mail(to, `Eskalation: ${task.title} (${task.gemeindeName}) ist überfällig`, [
        toBoard
          ? 'eine überfällige Aufgabe wurde an den Vorstand eskaliert, weil sie auch nach der Eskalation an die Projektleitung nicht erledigt wurde:'
          : 'eine Aufgabe in Ihrem Vorgang ist überfällig und wird an Sie als Projektleitung eskaliert:',
        '',
        ...taskLines(task),
        ...(task.assignee ? [`  Zuständig: ${task.assignee}`] : [`  Zuständig: Team ${task.candidateRoles.join(', ')}`]),
        '',
        link,
      ]);
    }
    default:
      return [];
  }
}

function runMail(event: DomainEvent, ctx: MailContext): PlannedMail[] {
  const run = event.run;
  if (!run) return [];
  const lead = person(ctx, run.projectLead);
  const link = `Zum Vorgang: ${runLink(ctx, run.id)}`;
  const head = [`  Vorgang:  ${run.title}`, `  Gemeinde: ${run.gemeindeName} (AGS ${run.ags})`];
  switch (event.type) {
    case 'step.done': {
      if (event.data.milestone !== true) return [];
      const title = typeof event.data.title === 'string' ? event.data.title : String(event.data.stepId);
      const goLive = germanDate(run.projectedGoLive);
      return mail(lead, `Meilenstein erreicht: ${title} (${run.gemeindeName})`, [
        'ein Meilenstein Ihres Vorgangs ist erreicht:', '', `  Meilenstein: ${title}`, ...head,
        `  Fortschritt: ${Math.round(run.progress * 100)} %`, ...(goLive ? [`  Voraussichtlicher Go-live: ${goLive}`] : []), '', link,
      ]);
    }
    case 'run.completed':
      return mail(lead, `Vorgang abgeschlossen: ${run.title}`, ['der Vorgang ist abgeschlossen:', '', ...head, '', link]);
    case 'run.cancelled': {
      const reason = typeof event.data.reason === 'string' ? event.data.reason : undefined;
      return mail(lead, `Vorgang abgebrochen: ${run.title}`, [
        'der Vorgang wurde abgebrochen:', '', ...head, ...(reason ? [`  Grund:    ${reason}`] : []), '', link,
      ]);
    }
    default:
      return [];
  }
}

export function plannedMails(event: DomainEvent, ctx: MailContext): PlannedMail[] {
  if (event.type.startsWith('task.')) return event.task ? taskMail(event, event.task, ctx) : [];
  return runMail(event, ctx);
}
