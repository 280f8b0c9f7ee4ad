// Personen (admins only): everyone the engine can assign and mail, with roles and Gemeinden, whether they are
// active, when they last signed in; the directory's last sync and its result, and a sync on demand.
import { useState } from 'preact/hooks';
import { adminApi, type DirectorySync, type PeopleOverview } from '../api/admin';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { formatDateTime } from '../lib/format';
import { rolesLabel } from '../lib/labels';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';

const SOURCE_TEXT: Record<PeopleOverview['directory'], string> = {
  ldap: 'Personen, Rollen und Gemeinden kommen aus dem Verzeichnis (LDAP), abgeglichen alle 15 Minuten.',
  tokens: 'Kein Verzeichnis eingerichtet: Personen werden mit Rollen und Gemeinden aus ihrer Anmeldung übernommen.',
  demo: 'Demo-Betrieb: die Demo-Benutzer gelten; hier erscheinen nur gespeicherte Personen.',
};

/** What an empty list means, by where people come from: not "nothing to do", but when they will appear. */
const EMPTY_TEXT: Record<PeopleOverview['directory'], string> = {
  ldap: 'Noch keine Personen gespeichert: der nächste Abgleich mit dem Verzeichnis übernimmt sie.',
  tokens: 'Noch keine Personen gespeichert: jede Person erscheint hier nach ihrer ersten Anmeldung.',
  demo: 'Noch keine Personen gespeichert: im Demo-Betrieb melden sich die Demo-Benutzer der Anmeldeseite an, ohne hier zu stehen.',
};

function SyncResult({ sync }: { sync: DirectorySync | null }) {
  if (!sync) return <p>Noch kein Abgleich gelaufen.</p>;
  const when = `${formatDateTime(sync.finishedAt)} (${sync.trigger === 'admin' ? 'von Hand gestartet' : 'planmäßig'})`;
  return sync.ok ? (
    <Notice tone="success" title={`Letzter Abgleich: ${when}`}>
      <p>
        {sync.people} Personen im Verzeichnis, {sync.added} neu, {sync.deactivated} deaktiviert.
      </p>
    </Notice>
  ) : (
    <Notice tone="error" title={`Letzter Abgleich fehlgeschlagen: ${when}`}>
      <p>{sync.error ?? 'Ursache unbekannt.'}</p>
    </Notice>
  );
}

export function PeoplePage() {
  useTitle('Personen');
  const data = useResource(adminApi.people, []);
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<string>();

  const sync = async () => {
    setSyncing(true);
    setSyncError(undefined);
    try {
      await adminApi.syncDirectory();
    } catch (err) {
      setSyncError(problemText(err));
    } finally {
      setSyncing(false);
      await data.reload();
    }
  };

  if (!data.data) {
    return (
      <div class="page">
        <PageTitle>Personen</PageTitle>
        {data.error !== undefined ? <LoadError error={data.error} what="Personenliste" /> : <Loading />}
      </div>
    );
  }
  const { directory, items, lastSync } = data.data;
  return (
    <div class="page">
      <PageTitle sub={SOURCE_TEXT[directory]}>Personen</PageTitle>
      {directory === 'ldap' && (
        <section aria-labelledby="sync-title" class="section">
          <h2 id="sync-title">Verzeichnisabgleich</h2>
          <SyncResult sync={lastSync} />
          {syncError && <Notice tone="error">{syncError}</Notice>}
          <button type="button" class="button button--secondary" disabled={syncing} onClick={() => void sync()}>
            {syncing ? 'Abgleich läuft …' : 'Jetzt abgleichen'}
          </button>
        </section>
      )}
      <section aria-labelledby="people-title" class="section">
        <h2 id="people-title">
          {items.filter((p) => p.active).length} aktiv, {items.filter((p) => !p.active).length} deaktiviert
        </h2>
        {items.length === 0 ? (
          <p class="empty">{EMPTY_TEXT[directory]}</p>
        ) : (
          <table class="table table--compact">
            <caption class="sr-only">Personen mit Rollen, Gemeinden und letzter Anmeldung</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kennung</th>
                <th scope="col">E-Mail</th>
                <th scope="col">Rollen</th>
                <th scope="col">Gemeinden (AGS)</th>
                <th scope="col">Status</th>
                <th scope="col">Zuletzt angemeldet</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.id}</td>
                  <td>{p.email || '–'}</td>
                  <td>{p.roles.length ? rolesLabel(p.roles) : '–'}</td>
                  <td>{p.gemeinden.length ? p.gemeinden.join(', ') : '–'}</td>
                  <td>{p.active ? 'aktiv' : <span class="badge badge--warning">deaktiviert</span>}</td>
                  <td>{p.lastSeenAt ? formatDateTime(p.lastSeenAt) : 'nie'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
