// The mail for one message of a run's conversation, started by the API (POST /runs/{id}/messages) with the workflow
// id `message-mail-<message id>`. Only the id goes into history; the text stays in PostgreSQL.
import { proxyActivities } from '@temporalio/workflow';
import type { MessageMailActivities } from '../activities/message-mail';

const { sendMessageMail } = proxyActivities<MessageMailActivities>({
  startToCloseTimeout: '1 minute',
  // a mail server outage delays the mail, loses none
  retry: { initialInterval: '10 seconds', maximumInterval: '15 minutes' },
});

export async function messageMail(messageId: string): Promise<void> {
  await sendMessageMail(messageId);
}
