// The mail for a message of a run's conversation (api/routes/messages.ts): a message from the Gemeinde goes to the
// run's lead (and deputy), one from the KU to the Gemeinde's people. Keyed by (message, address): a retry of the
// activity sends nothing twice. The mail names the Gemeinde and the process and carries the message's text — it is
// the Gemeinde's own question or its answer, meant for exactly these readers.
import type { Store } from '../store/store';
import { directoryOfTheMoment, type Directory, type DirectoryOptions } from './directory';
import { runLink, runName } from './mail-texts';
import type { MailTransport } from './mail-transport';
import { runLeads } from './recipients';

export interface MessageMailDeps {
  store: Pick<Store, 'messages' | 'getRun'> & Partial<Pick<Store, 'people'>>;
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
    /** Mails message `id` to the other side; the number of mails sent (0 when the message or run is unknown). */
    async sendMessageMail(id: string): Promise<number> {
      const m = await deps.store.messages.get(id);
      if (!m) return 0;
      const run = await deps.store.getRun(m.runId);
      const directory = await directoryNow();
      const to = (m.side === 'gemeinde' ? runLeads(directory, run) : directory.team('gemeinde', m.ags))
        .filter((r) => r.userId !== m.authorId);
      const name = run ? runName(run.gemeindeName, run.process, run.title) : `Gemeinde ${m.ags}`;
      // the Gemeinde answers on its portal (its start page); the KU on the run page
      const link = m.side === 'gemeinde' ? runLink({ publicUrl, directory }, m.runId) : `${publicUrl}/`;
      const subject = `${name}: Nachricht von ${m.authorName}`;
      const text = `Guten Tag,\n\n${m.authorName} schreibt zum Onboarding ${name}:\n\n${m.text.split('\n').map((l) => `> ${l}`).join('\n')}\n\n`
        + `Antworten und den ganzen Verlauf sehen Sie hier:\n${link}${FOOTER}`;
      const seen = new Set<string>();
      let sent = 0;
      for (const r of to) {
        const address = r.email.toLowerCase();
        if (seen.has(address)) continue;
        seen.add(address);
        await deps.mail.send({ key: `message:${m.id}:${address}`, to: r.email, toName: r.name, subject, text, runId: m.runId, eventType: 'message' });
        sent++;
      }
      return sent;
    },
  };
}

export type MessageMailActivities = ReturnType<typeof createMessageMailActivities>;
