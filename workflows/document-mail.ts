// The mail about one uploaded paper, started by the API (POST /runs/{id}/documents) with the workflow id
// `document-mail-<document id>`. Only the document's id and the audience go into history; the paper stays in PostgreSQL.
import { proxyActivities } from '@temporalio/workflow';
import type { DocumentMailActivities } from '../activities/document-mail';
import type { DocumentMailInput } from '../domain/document-kinds';

const { sendDocumentMail } = proxyActivities<DocumentMailActivities>({
  startToCloseTimeout: '1 minute',
  // a mail server outage delays the mail, loses none
  retry: { initialInterval: '10 seconds', maximumInterval: '15 minutes' },
});

export async function documentMail(input: DocumentMailInput): Promise<void> {
  await sendDocumentMail(input);
}
