// The mail for a message of a run's conversation (api/routes/messages.ts): a message from the Gemeinde goes to the
// run's lead (and deputy), one from the KU to the Gemeinde's people, and the author's own side gets a copy. Keyed by
// (message, address): a retry of the activity sends nothing twice. The mail names the Gemeinde and the process and
// carries the message's text — it is the Gemeinde's own question or its answer, meant for exactly these readers.
import { MAX_SEQ, type Store } from '../store/store';
import { directoryOfTheMoment, type Directory, type DirectoryOptions } from './directory';
import { runLink, runName } from './mail-texts';
import { sendToEach, type MailTransport } from './mail-transport';
import { runLeads } from './recipients';

export interface MessageMailDeps {
  store: Pick<Store, 'messages' | 'runAsOf'> & Partial<Pick<Store, 'people'>>;
  directory: Directory;
  directoryOptions?: DirectoryOptions;
  mail: MailTransport;
  publicUrl: string;
}

const FOOTER = '\n\n-- \nDiese Nachricht wurde vom Onboarding-System des Kommunalunternehmens automatisch versandt.'
  + '\nBitte antworten Sie über den Link oben, nicht auf diese Mail: so sehen alle Beteiligten den ganzen Verlauf.';

export function createMessageMailActivities(deps: MessageMailDeps) {
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const directoryNow = directoryOfTheMoment({ ...deps, people: deps.store.people });
  return {
    /** Mails message `id` to both sides but its author; the number of mails sent (0 when the message is unknown). */
    async sendMessageMail(id: string): Promise<number> {
      const m = await deps.store.messages.get(id);
      if (!m) return 0;
      // the run's latest snapshot from its trail: the read model's row names the lead but not the deputy
      const run = await deps.store.runAsOf(m.runId, MAX_SEQ);
      const directory = await directoryNow();
      const name = run ? runName(run.gemeindeName, run.process, run.title) : `Gemeinde ${m.ags}`;
      const quoted = m.text.split('\n').map((l) => `> ${l}`).join('\n');
      // the KU answers on the run page, the Gemeinde on its portal (its start page); the author's own colleagues get
      // a copy, so nobody on either side answers a question already asked or answered
      const sides = [
        { to: runLeads(directory, run), link: runLink({ publicUrl, directory }, m.runId), own: m.side === 'ku' },
        { to: directory.team('gemeinde', m.ags), link: `${publicUrl}/`, own: m.side === 'gemeinde' },
      ];
      let sent = 0;
      for (const side of sides) {
        const to = side.to.filter((r) => r.userId !== m.authorId);
        const subject = `${name}: Nachricht von ${m.authorName}${side.own ? ` an ${m.side === 'ku' ? 'die Gemeinde' : 'die Projektleitung'} (Kopie)` : ''}`;
        const text = `Guten Tag,\n\n${m.authorName} schreibt zu „${name}“${side.own ? ` (an ${m.side === 'ku' ? 'die Gemeinde' : 'die Projektleitung'})` : ''}:\n\n${quoted}\n\n`
          + `Antworten und den ganzen Verlauf sehen Sie hier:\n${side.link}${FOOTER}`;
        sent += await sendToEach(deps.mail, to, `message:${m.id}`, { subject, text, runId: m.runId, eventType: 'message' });
      }
      return sent;
    },
  };
}

export type MessageMailActivities = ReturnType<typeof createMessageMailActivities>;
