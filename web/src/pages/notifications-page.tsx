// "Benachrichtigungen": each person chooses per kind of mail whether it comes at once, in the daily overview at
// 08:00, or not at all (GET/PUT /me/mail-preferences; the server keeps the kinds, labels and defaults).
import { useState } from 'preact/hooks';
import { getJson, request } from '../api/client';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';

type Mode = 'immediately' | 'digest' | 'none';
interface Preference {
  kind: string;
  label: string;
  mode: Mode;
  personal: boolean;
}
interface Preferences {
  kinds: Preference[];
}

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'immediately', label: 'Sofort' },
  { mode: 'digest', label: 'Täglich um 8 Uhr gesammelt' },
  { mode: 'none', label: 'Gar nicht' },
];

const load = () => getJson<Preferences>('/me/mail-preferences');

export function NotificationsPage() {
  useTitle('Benachrichtigungen');
  const prefs = useResource(load, []);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();

  async function choose(kind: string, mode: Mode) {
    setBusy(true);
    setMessage(undefined);
    // shown at once, as chosen; the server's answer (or a reload after an error) has the last word
    if (prefs.data) prefs.set({ kinds: prefs.data.kinds.map((p) => (p.kind === kind ? { ...p, mode } : p)) });
    try {
      const res = await request('/me/mail-preferences', { method: 'PUT', body: { preferences: { [kind]: mode } } });
      prefs.set((await res.json()) as Preferences);
      setMessage({ tone: 'success', text: 'Gespeichert.' });
    } catch (err) {
      setMessage({ tone: 'error', text: problemText(err) });
      void prefs.reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="page">
      <PageTitle sub="Welche Mails Sie sofort, einmal täglich um 8 Uhr gesammelt oder gar nicht erhalten">Benachrichtigungen</PageTitle>
      {prefs.error !== undefined && !prefs.data && <LoadError error={prefs.error} what="Benachrichtigungen" />}
      {!prefs.data && prefs.error === undefined && <Loading />}
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {prefs.data && (
        <form class="section" onSubmit={(e) => e.preventDefault()}>
          {prefs.data.kinds.map((p) => (
            <fieldset key={p.kind} class="field radio-group" disabled={busy}>
              <legend class="field__label">{p.label}</legend>
              {p.personal && <p class="field__hint">Betrifft Sie persönlich; voreingestellt: sofort.</p>}
              {p.kind === 'newTask' && <p class="field__hint">Voreingestellt: sofort, bei Teams mit mehr als drei Personen täglich gesammelt.</p>}
              {MODES.map((m) => (
                <div class="radio" key={m.mode}>
                  <input
                    type="radio"
                    id={`mail-${p.kind}-${m.mode}`}
                    name={`mail-${p.kind}`}
                    checked={p.mode === m.mode}
                    onChange={() => void choose(p.kind, m.mode)}
                  />
                  <label for={`mail-${p.kind}-${m.mode}`}>{m.label}</label>
                </div>
              ))}
            </fieldset>
          ))}
        </form>
      )}
    </div>
  );
}
