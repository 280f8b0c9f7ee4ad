// Which domain events become mail, to whom, and in what words. Pure: the same event (with the run as of that event)
// always gives the same mails, so a retried delivery queues exactly the jobs of its first attempt.
import type { DomainEvent, RunSnapshot, TaskSnapshot } from '../domain/events';
import { paperName, requiredDocument } from '../domain/required-documents';
import { documentKindLabel } from '../domain/document-kinds';
import { templateFor } from '../domain/templates';
import type { MailKind } from '../domain/mail-preferences';
import type { ProcessId } from '../domain/types';
import type { Directory, Recipient } from './directory';
import { person, runLeads, teamsOf } from './recipients';

export interface PlannedMail {
  to: Recipient;
  subject: string;
  text: string;
  /** what the mail is about: each person chooses per kind how it reaches them */
  kind: MailKind;
  /** how many people the same mail goes to (a new task for a large team defaults to the digest) */
  audience: number;
  /** the link the mail leads to, for its line in a digest */
  link: string;
  /** the run's newest document of this kind goes along as an attachment (the released offer's PDF) */
  attach?: string;
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

/**
 * A run as people call it: "Kaufering – Gemeinde-Onboarding", "Kaufering – Verfahrensmigration OK.FIS Finanzwesen".
 * Never the technical id (`onboarding-09181128`): that is for links. A plan titles its children
 * "<process>: <detail>"; the colon is dropped here because the mail subject puts its own after the name.
 */
export function runName(gemeindeName: string, process: ProcessId, title?: string): string {
  const processTitle = templateFor(process).title;
  const detail = title?.startsWith(`${processTitle}: `) ? title.slice(processTitle.length + 2) : undefined;
  const name = detail ? `${processTitle} ${detail}` : title || processTitle;
  return `${gemeindeName} – ${name}`;
}

function taskLines(task: TaskSnapshot, name: string): string[] {
  const due = germanDate(task.dueAt);
  return [
    `  Aufgabe:  ${task.title}`,
    `  Gemeinde: ${task.gemeindeName} (AGS ${task.ags})`,
    `  Vorgang:  ${name}`,
    ...(due ? [`  Fällig:   ${due}`] : []),
  ];
}

/**
 * One mail per address. `to` is the recipients, or their teams when a task is for several: each person's audience is
 * then their own team's size (the Gemeinde's two people are not a team of four because the DPO's two share the task).
 */
function mail(kind: MailKind, to: Recipient[] | Recipient[][], subject: string, body: string[], link: string): PlannedMail[] {
  const text = `Guten Tag,\n\n${body.join('\n')}\n\n${link}${FOOTER}`;
  const teams = to.length > 0 && Array.isArray(to[0]) ? (to as Recipient[][]) : [to as Recipient[]];
  const all = teams.length === 1 ? teams[0].length : undefined;
  // several roles can lead to one person (or one shared mailbox): one mail per address, as their first team has it
  const seen = new Set<string>();
  return teams.flatMap((team) => team
    .filter((r) => {
      const key = r.email.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => ({ to: r, subject, text, kind, audience: all ?? team.length, link: link.replace(/^[^:]+: /, '') })));
}

/** A person as a mail names them: by name from the directory, else by their user id. */
const personName = (directory: Directory, userId: string): string => directory.person(userId)?.name ?? userId;

function taskMail(event: DomainEvent, task: TaskSnapshot, run: RunSnapshot | undefined, ctx: MailContext): PlannedMail[] {
  const { directory } = ctx;
  const name = runName(task.gemeindeName, task.process, run?.title);
  const lines = taskLines(task, name);
  const link = `Zur Aufgabe: ${taskLink(ctx, task.id)}`;
  // a task.rejected event comes from the four-eyes review
  if (event.type === 'task.rejected') {
    // the engine names who submitted the data (handlers-review.ts); older events fall back to the task's people
    const submitter = event.data.submittedBy ?? task.completedBy ?? task.assignee;
    if (submitter === event.actor) return [];
    const reason = typeof event.data.reason === 'string' ? event.data.reason : undefined;
    return mail('returned', person(directory, submitter), `${name}: Prüfung abgelehnt „${task.title}“`, [
      'Ihre erledigte Aufgabe wurde in der Prüfung (Vier-Augen-Prinzip) abgelehnt und muss überarbeitet werden:', '', ...lines,
      ...(reason ? ['', `Grund: ${reason}`] : []), ...(event.actor ? ['', `Abgelehnt von: ${personName(directory, event.actor)}`] : []),
    ], link);
  }
  switch (event.type) {
    case 'task.opened': {
      const reopened = event.data.reopened === true;
      return mail('newTask', teamsOf(directory, task.candidateRoles, task.ags, run), `${name}: ${reopened ? 'Aufgabe erneut offen' : 'Neue Aufgabe'} „${task.title}“`, [
        reopened ? 'eine Aufgabe für Sie ist erneut offen:' : 'für Sie ist eine neue Aufgabe offen:',
        '',
        ...lines,
        ...(task.returnReason ? ['', `Grund: ${task.returnReason}`] : []),
        ...(task.description ? ['', task.description] : []),
      ], link);
    }
    case 'task.submitted': {
      // four eyes: whoever may still approve learns that the data waits for them; the submitter does not
      const given = task.approvals.given;
      const roles = task.approvals.roles?.filter((r) => !given.some((g) => g.role === r)) ?? task.candidateRoles;
      const reviewers = teamsOf(directory, roles, task.ags, run).map((team) => team.filter((r) => !given.some((g) => g.user === r.userId)));
      return mail('newTask', reviewers, `${name}: Zur Prüfung „${task.title}“`, [
        'eine Aufgabe wartet auf Ihre Prüfung (Vier-Augen-Prinzip): bitte die eingegebenen Daten prüfen und freigeben oder mit Grund ablehnen.',
        '', ...lines, ...(event.actor ? ['', `Eingegeben von: ${personName(directory, event.actor)}`] : []),
      ], link);
    }
    case 'task.assigned': {
      const assignee = (event.data.assignee as { after?: unknown } | undefined)?.after;
      // whoever assigns a task to themselves needs no mail about it
      if (assignee === event.actor) return [];
      return mail('assigned', person(directory, assignee), `${name}: Aufgabe zugewiesen „${task.title}“`, [
        'Ihnen wurde eine Aufgabe zugewiesen:', '', ...lines,
      ], link);
    }
    case 'task.returned': {
      // the person who had the task learns that it went back to the team; returning one's own task needs no mail
      const had = (event.data.before as { assignee?: unknown } | undefined)?.assignee;
      if (!had || had === event.actor) return [];
      const reason = typeof event.data.reason === 'string' ? event.data.reason : undefined;
      return mail('returned', person(directory, had), `${name}: Aufgabe zurückgegeben „${task.title}“`, [
        'eine Aufgabe, die Sie bearbeitet haben, wurde an das Team zurückgegeben:', '', ...lines,
        ...(reason ? ['', `Grund: ${reason}`] : []), ...(event.actor ? ['', `Zurückgegeben von: ${personName(directory, event.actor)}`] : []),
      ], link);
    }
    case 'task.reminded': {
      const assignee = (event.data.assignee as string | null | undefined) ?? task.assignee;
      const to = assignee ? person(directory, assignee) : teamsOf(directory, task.candidateRoles, task.ags, run);
      return mail('reminder', to, `${name}: Erinnerung – „${task.title}“ ist am ${germanDate(task.dueAt) ?? 'Fälligkeitstag'} fällig`, [
        'diese Aufgabe ist bald fällig und noch nicht erledigt:', '', ...lines,
      ], link);
    }
    case 'task.escalated': {
      const toBoard = event.data.level === 'vorstand';
      // the run as of this event names its lead; the event's own note of the lead serves if the run is unknown
      const leads = run ?? { projectLead: typeof event.data.projectLead === 'string' ? event.data.projectLead : undefined };
      const to = toBoard ? directory.team('vorstand') : runLeads(directory, leads);
      return mail('escalation', to, `${name}: Eskalation – „${task.title}“ ist überfällig`, [
        toBoard
          ? 'eine überfällige Aufgabe wurde an den Vorstand eskaliert, weil sie auch nach der Eskalation an die Projektleitung nicht erledigt wurde:'
          : 'eine Aufgabe in Ihrem Vorgang ist überfällig und wird an Sie als Projektleitung eskaliert:',
        '',
        ...lines,
        ...(task.assignee ? [`  Zuständig: ${task.assignee}`] : [`  Zuständig: Team ${task.candidateRoles.join(', ')}`]),
      ], link);
    }
    default:
      return [];
  }
}

/** The step whose end releases the offer to the Gemeinde (its PDF is stored by the step, activities/offer-pdf.ts). */
export const OFFER_RELEASE_STEP = 'angebot-ausstellen';

/** Whether a run event may mail without carrying its run (then the delivery looks up the run as of the event). */
export function needsRunAsOf(event: DomainEvent): boolean {
  return TASK_MAIL_EVENTS.includes(event.type) || (event.type === 'step.done' && event.data.stepId === OFFER_RELEASE_STEP);
}

/** Mails to the town hall itself: the welcome at the start of its onboarding and the released offer. */
function gemeindeMail(event: DomainEvent, ctx: MailContext, run: RunSnapshot): PlannedMail[] {
  if (run.process !== 'gemeinde-onboarding') return [];
  const to = ctx.directory.team('gemeinde', run.ags);
  const portal = `Ihre Übersicht: ${ctx.publicUrl}/`;
  const lead = person(ctx.directory, run.projectLead)[0];
  const contact = lead ? [`Ihre Ansprechperson im KU: ${lead.name ?? lead.email} (${lead.email})`] : [];
  if (event.type === 'run.started') {
    const goLive = germanDate(run.targetGoLive);
    return mail('gemeinde', to, `Willkommen: das Onboarding ${run.gemeindeName} hat begonnen`, [
      `das Kommunalunternehmen hat das Onboarding Ihrer Gemeinde ${run.gemeindeName} gestartet. Schön, dass Sie dabei sind!`,
      '',
      'In Ihrer Übersicht sehen Sie jederzeit, wo wir stehen, was wir als Nächstes von Ihnen brauchen und bis wann.',
      'Dort finden Sie auch Ihre Unterlagen und können uns Fragen stellen.',
      ...(goLive ? ['', `Ihr Wunschtermin für den Start im neuen Betrieb: ${goLive}`] : []),
      ...(contact.length ? ['', ...contact] : []),
    ], portal);
  }
  if (event.type === 'step.done' && event.data.stepId === OFFER_RELEASE_STEP) {
    return mail('gemeinde', to, `Ihr Angebot für das Onboarding ${run.gemeindeName}`, [
      `anbei erhalten Sie das Angebot des Kommunalunternehmens für das Onboarding Ihrer Gemeinde ${run.gemeindeName} (PDF).`,
      '',
      'Als Nächstes berät Ihr Gemeinderat darüber. Sobald der Beschluss vorliegt, tragen Sie ihn bitte in Ihrer Übersicht ein.',
      'Fragen zum Angebot stellen Sie am einfachsten dort.',
      ...(contact.length ? ['', ...contact] : []),
    ], portal).map((m) => ({ ...m, attach: 'angebot' }));
  }
  return [];
}

function runMail(event: DomainEvent, ctx: MailContext, asOf: RunSnapshot | undefined): PlannedMail[] {
  const run = event.run ?? asOf;
  if (!run) return [];
  const forGemeinde = gemeindeMail(event, ctx, run);
  // news of the run itself is for the people the run names; a run without a lead has nobody to tell
  const to = [...person(ctx.directory, run.projectLead), ...person(ctx.directory, run.deputyLead)];
  const name = runName(run.gemeindeName, run.process, run.title);
  const link = `Zum Vorgang: ${runLink(ctx, run.id)}`;
  const head = [`  Vorgang:  ${name}`, `  Gemeinde: ${run.gemeindeName} (AGS ${run.ags})`];
  switch (event.type) {
    case 'step.failed': {
      // an automated step failed for good: the run waits for someone to look (an incident); its lead must know
      // the step as people call it (its template's title), not its id
      const stepId = String(event.data.stepId);
      const step = templateFor(run.process).steps.find((s) => s.id === stepId)?.title ?? stepId;
      const error = typeof event.data.error === 'string' ? event.data.error : undefined;
      return mail('incident', runLeads(ctx.directory, run), `${name}: Störung im Schritt „${step}“`, [
        'ein automatischer Schritt Ihres Vorgangs ist endgültig fehlgeschlagen; der Vorgang wartet, bis jemand ihn prüft und wiederholt:',
        '', `  Schritt:  ${step}`, ...head, ...(error ? [`  Fehler:   ${error.slice(0, 300)}`] : []),
      ], link);
    }
    case 'step.done': {
      if (event.data.milestone !== true) return forGemeinde;
      const title = typeof event.data.title === 'string' ? event.data.title : String(event.data.stepId);
      const goLive = germanDate(run.projectedGoLive);
      return [...mail('runNews', to, `${name}: Meilenstein erreicht „${title}“`, [
        'ein Meilenstein Ihres Vorgangs ist erreicht:', '', `  Meilenstein: ${title}`, ...head,
        `  Fortschritt: ${Math.round(run.progress * 100)} %`, ...(goLive ? [`  Voraussichtlicher Go-live: ${goLive}`] : []),
      ], link), ...forGemeinde];
    }
    case 'run.completed':
      return mail('runNews', to, `${name}: Vorgang abgeschlossen`, ['der Vorgang ist abgeschlossen:', '', ...head], link);
    case 'run.cancelled': {
      const reason = typeof event.data.reason === 'string' ? event.data.reason : undefined;
      return mail('runNews', to, `${name}: Vorgang abgebrochen`, [
        'der Vorgang wurde abgebrochen:', '', ...head, ...(reason ? [`  Grund:    ${reason}`] : []),
      ], link);
    }
    default:
      return forGemeinde;
  }
}

/** Events that may become mail but carry no run: for these the delivery looks up the run as of the event (its lead, its name). */
export const TASK_MAIL_EVENTS: readonly string[] = [
  'task.opened', 'task.submitted', 'task.assigned', 'task.returned', 'task.rejected', 'task.reminded', 'task.escalated', 'step.failed',
];

/**
 * The mails `event` calls for. `run` is the run as of the event (its latest snapshot at or before the event's seq):
 * a task event does not carry it, and a later change of the lead must not change whom an earlier event mails.
 */
export function plannedMails(event: DomainEvent, ctx: MailContext, run: RunSnapshot | undefined = event.run): PlannedMail[] {
  if (event.type.startsWith('task.')) return event.task ? [...taskMail(event, event.task, run, ctx), ...paperRequest(event, event.task, ctx)] : [];
  return runMail(event, ctx, run);
}

/**
 * A task whose step needs a paper the Gemeinde signs (the contract, the AVV …) asks the town hall for it when it
 * opens: the portal lists it, and the portal promises a mail when something is needed. Not when the Gemeinde is a
 * candidate of the task itself (then its new-task mail says so), nor when the task opens again after a return.
 */
function paperRequest(event: DomainEvent, task: TaskSnapshot, ctx: MailContext): PlannedMail[] {
  const need = requiredDocument(task.process, task.stepId);
  if (event.type !== 'task.opened' || event.data.reopened === true || !need?.fromGemeinde || task.candidateRoles.includes('gemeinde')) return [];
  const due = germanDate(task.dueAt);
  return mail('gemeinde', ctx.directory.team('gemeinde', task.ags), `${task.gemeindeName}: Bitte unterschrieben zurücksenden – ${documentKindLabel(need.kind)}`, [
    `für den nächsten Schritt des Onboardings Ihrer Gemeinde ${task.gemeindeName} brauchen wir von Ihnen: ${paperName(need)}.`,
    // whether the KU's draft is there already is not known here: the sentence holds either way (its upload is mailed)
    `Bitte laden Sie das Dokument in Ihrer Übersicht unter „Unterlagen“ hoch${due ? `, möglichst bis ${due}` : ''}. Die Vorlage zum Unterschreiben finden Sie dort neben dem Hochladen; fehlt sie noch, stellen wir sie bereit und sagen Ihnen per E-Mail Bescheid.`,
  ], `Ihre Übersicht: ${ctx.publicUrl}/`);
}
