// Who a mail about a run or one of its tasks goes to. The one place for the rule, so new-task mails, reminders and
// escalations cannot drift apart:
//   - work for the role `projektleitung` is the run's own lead (and deputy), not every project lead of the company;
//     only a run that names no lead falls back to the whole Projektleitung, so its work is not left unseen;
//   - work for the role `gemeinde` goes only to that Gemeinde's people (or its mailbox);
//   - every other role is a team: its members, or its shared mailbox.
import type { RunSnapshot } from '../domain/events';
import type { Role } from '../domain/types';
import type { Directory, Recipient } from './directory';

/** The people a run names as its lead; `undefined` when the run is not known (then the role's team is asked). */
export type RunLeads = Pick<RunSnapshot, 'projectLead' | 'deputyLead'> | undefined;

export function person(directory: Directory, userId: unknown): Recipient[] {
  const r = typeof userId === 'string' && userId ? directory.person(userId) : undefined;
  return r ? [r] : [];
}

/** The run's lead and deputy; the whole Projektleitung when the run names neither (or nobody reachable). */
export function runLeads(directory: Directory, run: RunLeads): Recipient[] {
  const named = [...person(directory, run?.projectLead), ...person(directory, run?.deputyLead)];
  return named.length > 0 ? named : directory.team('projektleitung');
}

/** Whoever may act on a task for `roles` of a run in Gemeinde `ags`. */
export function taskRecipients(directory: Directory, roles: readonly Role[], ags: string, run: RunLeads): Recipient[] {
  return roles.flatMap((role) => (role === 'projektleitung' ? runLeads(directory, run) : directory.team(role, ags)));
}

/** The same, team by team (a task for the Gemeinde and the DPO reaches two teams, each of its own size). */
export function teamsOf(directory: Directory, roles: readonly Role[], ags: string, run: RunLeads): Recipient[][] {
  return roles.map((role) => taskRecipients(directory, [role], ags, run));
}
