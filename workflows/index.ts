// Entry point of the workflow bundle: every workflow type the worker registers.
export { gemeindeOnboarding } from './gemeinde-onboarding';
export { verfahrenMigration } from './verfahren-migration';
export { arbeitsplatzRollout } from './arbeitsplatz-rollout';
export { directorySync } from './directory-sync';
export { mailDigest } from './mail-digest';
export { monthlyPortfolioReport } from './monthly-report';
export { messageMail } from './message-mail';
export { documentMail } from './document-mail';
