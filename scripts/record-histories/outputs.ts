// What `npm run record-histories` records (scripts/record-histories.ts): the scenario groups and the files each
// writes.

// ---- what gets recorded ---------------------------------------------------------------------------------------

export const GROUPS = ['completed', 'cancelled', 'four-eyes', 'deadline', 'directory', 'digest', 'report', 'message', 'document'] as const;
export type Group = (typeof GROUPS)[number];

/** The files each group writes (workflow type, scenario), known up front so an overwrite is refused before any run. */
export const OUTPUTS: Record<Group, [string, string][]> = {
  completed: [
    ['gemeindeOnboarding', 'completed-with-run-changes'],
    ['verfahrenMigration', 'completed-as-child'],
    ['verfahrenMigration', 'removed-from-onboarding'],
    ['arbeitsplatzRollout', 'completed-with-inbound-event'],
  ],
  cancelled: [
    ['gemeindeOnboarding', 'incident-retried-then-cancelled'],
    ['arbeitsplatzRollout', 'cancelled-with-onboarding'],
  ],
  'four-eyes': [['verfahrenMigration', 'returned-under-four-eyes']],
  deadline: [['verfahrenMigration', 'deadline-reminded-escalated']],
  directory: [['directorySync', 'synced-from-ldap']],
  digest: [['mailDigest', 'daily-digest-sent']],
  report: [['monthlyPortfolioReport', 'monthly-report-sent']],
  message: [['messageMail', 'question-mailed-to-lead']],
  document: [['documentMail', 'paper-mailed-to-lead']],
};

export interface Recorded {
  workflowId: string;
  workflowType: string;
  scenario: string;
}

