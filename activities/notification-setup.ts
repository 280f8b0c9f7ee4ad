// Turns settings into the notification activity's adapters, so worker start-up wires it in one line:
//   ...createNotificationActivities(notificationDeps(store, { smtpUrl: config.SMTP_URL, … }))
// The worker passes the settings in from its configuration (worker/start-worker.ts); activities read no config/.
import type { Store } from '../store/store';
import { createDirectory, type DirectoryUser } from './directory';
import { captureTransport, smtpTransport } from './mail-transport';
import type { NotificationDeps } from './notifications';

export interface NotificationSettings {
  /** SMTP_URL: send through this server; without it mail is captured in the database */
  smtpUrl?: string;
  /** MAIL_FROM */
  mailFrom: string;
  /** MAIL_TEAMS: team mailboxes by role or `gemeinde:<AGS>` */
  mailTeams?: Record<string, string>;
  /** MAIL_USER_DOMAIN: `<userId>@<domain>` for people not in `users` */
  mailUserDomain?: string;
  /** PUBLIC_URL, or the API's own address */
  publicUrl: string;
  /** people with their addresses (the demo users in embedded mode) */
  users?: DirectoryUser[];
  /** WEBHOOK_ALLOW_LOOPBACK */
  webhookAllowLoopback?: boolean;
  log?: NotificationDeps['log'];
}

export function notificationDeps(store: Store, s: NotificationSettings): NotificationDeps {
  const directoryOptions = { users: s.users, teams: s.mailTeams, userDomain: s.mailUserDomain };
  return {
    store,
    directory: createDirectory(directoryOptions),
    // the people store (directory sync, sign-ins) joins the configured users for every mail
    directoryOptions,
    mail: s.smtpUrl ? smtpTransport({ url: s.smtpUrl, from: s.mailFrom }) : captureTransport(store.notifications),
    publicUrl: s.publicUrl,
    webhookAllowLoopback: s.webhookAllowLoopback,
    log: s.log,
  };
}
