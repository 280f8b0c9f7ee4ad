// Calendars: the personal feed (a secret address for Outlook or Thunderbird, shown once; asking again renews it and
// ends the old one) and a run's milestones as an .ics download.
import { useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import { Notice, problemText } from './notice';

export function CalendarSubscription() {
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  return (
    <details class="calendar-subscription">
      <summary>Aufgaben und Meilensteine im eigenen Kalender (Outlook, Thunderbird)</summary>
      <p class="muted small">
        Die Adresse ist persönlich und geheim. Eine neue Adresse ersetzt die alte; die alte zeigt dann nichts mehr.
      </p>
      <button
        type="button"
        class="button button--secondary button--small"
        onClick={async () => {
          try {
            setUrl((await api.renewCalendar()).url);
            setError(undefined);
          } catch (err) {
            setError(problemText(err));
          }
        }}
      >
        {url ? 'Neue Adresse erzeugen' : 'Kalender-Adresse erzeugen'}
      </button>
      {url && (
        <p>
          <label>
            Abo-Adresse (im Kalenderprogramm als Internetkalender hinzufügen)
            <input type="text" readOnly value={url} class="calendar-subscription__url" onFocus={(e) => (e.target as HTMLInputElement).select()} />
          </label>
        </p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </details>
  );
}

export function RunCalendarDownload({ runId }: { runId: string }) {
  const [error, setError] = useState<string>();
  return (
    <>
      <button
        type="button"
        class="button button--secondary button--small"
        onClick={async () => {
          try {
            const blob = await api.runCalendar(runId);
            const href = URL.createObjectURL(blob);
            const a = document.createElement('a');
            a.href = href;
            a.download = `termine-${runId}.ics`;
            document.body.append(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(href), 10_000);
            setError(undefined);
          } catch (err) {
            setError(problemText(err));
          }
        }}
      >
        Termine als Kalenderdatei (.ics)
      </button>
      {error && <Notice tone="error">{error}</Notice>}
    </>
  );
}
