// The mail about a document that crosses sides (api/routes/documents.ts decides which do): a paper the Gemeinde
// uploads goes to the run's lead (and deputy), a draft the KU provides for signing goes to the Gemeinde's people.
// Keyed by (document, address): a retry of the activity sends nothing twice. The mail names the paper's kind, its
// file name and the task it belongs to, never its content: the readers open it where they may, behind sign-in.
import { documentKindLabel, signedKindOf, type DocumentMailInput } from '../domain/document-kinds';
import type { RunSnapshot } from '../domain/events';
import { stepRequiring } from '../domain/required-documents';
import { MAX_SEQ, type DocumentMeta, type Store } from '../store/store';
import { directoryOfTheMoment, type Directory, type DirectoryOptions } from './directory';
import { runLink, runName } from './mail-texts';
import { sendToEach, type MailTransport } from './mail-transport';
import { runLeads } from './recipients';

export interface DocumentMailDeps {
  store: Pick<Store, 'documents' | 'runAsOf' | 'getTask'> & Partial<Pick<Store, 'people'>>;
  directory: Directory;
  directoryOptions?: DirectoryOptions;
  mail: MailTransport;
  publicUrl: string;
}

const FOOTER = '\n\n-- \nDiese Nachricht wurde vom Onboarding-System des Kommunalunternehmens automatisch versandt.';

const ASKED = 'Bitte laden Sie sie in Ihrem Portal herunter und das unterschriebene Dokument dort wieder hoch:';
const NOT_YET = 'Sie finden sie in Ihrem Portal unter „Unterlagen“ zum Herunterladen. Das unterschriebene Dokument laden Sie dort '
  + 'hoch, sobald der Schritt ansteht: Wir bitten Sie dann per E-Mail darum.';

export function createDocumentMailActivities(deps: DocumentMailDeps) {
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const directoryNow = directoryOfTheMoment({ ...deps, people: deps.store.people });
  /** Whether the step the draft is for already asks for the signed paper (a draft may come before its step). */
  async function signedPaperAsked(doc: DocumentMeta, run: RunSnapshot | undefined): Promise<boolean> {
    const step = run && doc.kind ? stepRequiring(run.process, signedKindOf(doc.kind)) : undefined;
    // a task's id is its run's and its step's (workflows/messages.ts taskIdOf)
    return !step || (await deps.store.getTask(`${doc.runId}:${step.id}`))?.state === 'open';
  }

  return {
    /** Mails the document's audience; the number of mails sent (0 when the document was deleted meanwhile). */
    async sendDocumentMail(input: DocumentMailInput): Promise<number> {
      const doc = await deps.store.documents.meta(input.documentId);
      if (!doc) return 0;
      const [run, task, directory] = await Promise.all([
        // the run's latest snapshot from its trail: the read model's row names the lead but not the deputy
        deps.store.runAsOf(doc.runId, MAX_SEQ), doc.taskId ? deps.store.getTask(doc.taskId) : undefined, directoryNow(),
      ]);
      const toLeads = input.audience === 'leads';
      const to = (toLeads ? runLeads(directory, run) : directory.team('gemeinde', doc.ags)).filter((r) => r.userId !== doc.by);
      const name = run ? runName(run.gemeindeName, run.process, run.title) : `Gemeinde ${doc.ags}`;
      const by = directory.person(doc.by)?.name ?? (toLeads ? 'Die Gemeinde' : 'Das Kommunalunternehmen');
      const paper = [`  ${documentKindLabel(doc.kind)}: ${doc.name}`, ...(task ? [`  zur Aufgabe „${task.title}“`] : [])].join('\n');
      // the KU opens the run's documents; the Gemeinde its portal, where the draft waits beside the paper's upload
      const text = toLeads
        ? `Guten Tag,\n\n${by} hat zu „${name}“ ein Dokument hochgeladen:\n\n${paper}\n\n`
          + `Sie finden es unter „Dokumente“ des Vorgangs:\n${runLink({ publicUrl, directory }, doc.runId)}${FOOTER}`
        : `Guten Tag,\n\n${by} hat Ihnen zu „${name}“ eine Vorlage zum Unterschreiben bereitgestellt:\n\n${paper}\n\n`
          + `${(await signedPaperAsked(doc, run)) ? ASKED : NOT_YET}\n${publicUrl}/${FOOTER}`;
      const subject = toLeads ? `${name}: Dokument von ${by}` : `${name}: Vorlage zum Unterschreiben`;
      return sendToEach(deps.mail, to, `document:${doc.id}`, { subject, text, runId: doc.runId, eventType: 'document' });
    },
  };
}

export type DocumentMailActivities = ReturnType<typeof createDocumentMailActivities>;
