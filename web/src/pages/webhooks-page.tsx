// Webhooks (administration): which other systems (CMDB, ticket system, a Fachverfahren) receive the onboarding's
// events, subscribing a new one (its secret is shown once, in the answer), deleting one, and each subscription's
// latest delivery attempts. The API decides who may (webhook.manage, api/policy.ts); the navigation offers the page
// to the administration only.
import { useState } from 'preact/hooks';
import { adminApi, type CreatedWebhook, type NewWebhook as NewWebhookBody, type Webhook } from '../api/admin';
import { usePeople } from '../api/people';
import { Field, FieldErrors } from '../components/field';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { fieldErrors } from '../lib/field-errors';
import { useFocusFirstInvalid } from '../lib/use-focus-invalid';
import { formatDateTime } from '../lib/format';
import { EVENT_LABELS } from '../lib/labels';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';

/** The event families a subscription chooses from, each as a whole (`task.*`) or type by type. */
const FAMILIES: { prefix: string; title: string }[] = [
  { prefix: 'run', title: 'Vorgang' },
  { prefix: 'step', title: 'Schritte' },
  { prefix: 'task', title: 'Aufgaben' },
  { prefix: 'document', title: 'Dokumente' },
  { prefix: 'message', title: 'Nachrichten' },
];
const typesOf = (prefix: string) => Object.keys(EVENT_LABELS).filter((t) => t.startsWith(`${prefix}.`));

/** "task.*" → "Aufgaben (alle, auch künftige)"; a type by its label. */
function patternText(pattern: string): string {
  const family = FAMILIES.find((f) => pattern === `${f.prefix}.*`);
  if (family) return `${family.title} (alle, auch künftige)`;
  if (pattern === '*') return 'alle, auch künftige';
  return EVENT_LABELS[pattern] ?? pattern;
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const data = useResource(() => adminApi.webhookDeliveries(webhook.id), [webhook.id]);
  if (!data.data) return data.error !== undefined ? <LoadError error={data.error} what="Zustellungen" /> : <Loading />;
  const reload = <button type="button" class="button button--secondary button--small" onClick={() => void data.reload()}>Aktualisieren</button>;
  if (data.data.length === 0) return <p class="empty">Noch keine Zustellung versucht. {reload}</p>;
  return (
    <>
      <div class="table-wrap">
        <table class="table table--compact">
          <caption>Letzte Zustellversuche an {webhook.url}</caption>
          <thead>
            <tr><th scope="col">Zeit</th><th scope="col">Ereignis</th><th scope="col">Vorgang</th><th scope="col">Versuch</th><th scope="col">Ergebnis</th><th scope="col">Dauer</th></tr>
          </thead>
          <tbody>
            {data.data.map((d) => (
              <tr key={d.id}>
                <td>{formatDateTime(d.at)}</td>
                <td>{EVENT_LABELS[d.type] ?? d.type}</td>
                <td>{d.run ? <Link href={paths.run(d.run.id)}>{d.run.name}</Link> : '–'}</td>
                <td>{d.attempt}</td>
                <td>{d.error ? <span class="badge badge--warning">{d.error}</span> : `HTTP ${d.statusCode}`}</td>
                <td>{d.durationMs.toLocaleString('de-DE')} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {reload}
    </>
  );
}

function NewWebhook({ onCreated }: { onCreated: (created: CreatedWebhook) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const { form: formRef, refused } = useFocusFirstInvalid();
  const toggle = (pattern: string) => setChosen((c) => {
    const next = new Set(c);
    if (!next.delete(pattern)) next.add(pattern);
    return next;
  });
  // a whole family stands for its types: they are not sent beside it
  const events = [...chosen].filter((p) => !chosen.has(`${p.split('.')[0]}.*`) || p.endsWith('.*'));

  const submit = async (ev: Event) => {
    ev.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      // an empty field is left out, so that the server says it is missing rather than malformed
      const body = { ...(url.trim() ? { url: url.trim() } : {}), events, ...(description.trim() ? { description: description.trim() } : {}) };
      onCreated(await adminApi.createWebhook(body as NewWebhookBody));
      setUrl('');
      setDescription('');
      setChosen(new Set());
    } catch (err) {
      setError(err);
      refused();
    } finally {
      setBusy(false);
    }
  };
  const unplaced = error !== undefined && !errors.url && !errors.events && !errors.description;
  return (
    <form class="card" ref={formRef} onSubmit={(ev) => void submit(ev)} noValidate>
      <Field id="webhook-url" label="Ziel-URL" required hint="https://… des empfangenden Systems" errors={errors.url}>
        {(aria) => <input {...aria} type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />}
      </Field>
      <Field id="webhook-description" label="Beschreibung" hint="wofür das empfangende System die Ereignisse nutzt" errors={errors.description}>
        {(aria) => <input {...aria} type="text" maxLength={500} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}
      </Field>
      <fieldset class={`field${errors.events ? ' field--invalid' : ''}`} aria-describedby={errors.events ? 'webhook-events-error' : undefined}>
        <legend class="field__label">Ereignisse</legend>
        <div class="event-choice">
          {FAMILIES.map((f) => {
            const whole = chosen.has(`${f.prefix}.*`);
            return (
              <div key={f.prefix} role="group" aria-labelledby={`events-${f.prefix}`} class="picker__group">
                <p id={`events-${f.prefix}`} class="picker__category">{f.title}</p>
                <div class="check">
                  <input id={`ev-${f.prefix}`} type="checkbox" checked={whole} onChange={() => toggle(`${f.prefix}.*`)} />
                  <label for={`ev-${f.prefix}`}>alle, auch künftige <span class="muted">({f.prefix}.*)</span></label>
                </div>
                {typesOf(f.prefix).map((t) => (
                  <div key={t} class="check">
                    <input id={`ev-${t}`} type="checkbox" checked={whole || chosen.has(t)} disabled={whole} onChange={() => toggle(t)} />
                    <label for={`ev-${t}`}>{EVENT_LABELS[t]}</label>
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        <FieldErrors id="webhook-events-error" errors={errors.events} />
      </fieldset>
      {unplaced && <Notice tone="error">{problemText(error)}</Notice>}
      <div class="button-row">
        <button type="submit" class="button button--primary" disabled={busy}>{busy ? 'Wird angelegt …' : 'Abonnieren'}</button>
      </div>
    </form>
  );
}

export function WebhooksPage() {
  useTitle('Webhooks');
  const data = useResource(adminApi.webhooks, []);
  const [created, setCreated] = useState<CreatedWebhook>();
  const [open, setOpen] = useState<string>();
  const [deleteError, setDeleteError] = useState<string>();
  const people = usePeople();

  const remove = async (w: Webhook) => {
    if (!window.confirm(`Webhook an ${w.url} löschen? Ausstehende Zustellungen entfallen.`)) return;
    setDeleteError(undefined);
    try {
      await adminApi.deleteWebhook(w.id);
      if (created?.id === w.id) setCreated(undefined);
    } catch (err) {
      setDeleteError(problemText(err));
    }
    await data.reload();
  };

  return (
    <div class="page">
      <PageTitle sub="Andere Systeme erhalten Ereignisse des Onboardings per HTTP-POST, signiert mit dem Geheimnis ihres Abonnements">Webhooks</PageTitle>
      <section aria-labelledby="webhooks-title" class="section">
        <h2 id="webhooks-title">Abonnements</h2>
        {created && (
          <Notice tone="success" title={`Abonniert: ${created.url}`}>
            <p>
              Geheimnis, nur jetzt sichtbar: <code>{created.secret}</code>
            </p>
            <p>
              Bitte im empfangenden System hinterlegen. Jede Zustellung trägt <code>X-Signature: sha256=…</code>, den
              HMAC-SHA256 des Inhalts mit diesem Geheimnis, dazu <code>X-Event-Id</code> und <code>X-Timestamp</code>.
            </p>
          </Notice>
        )}
        {deleteError && <Notice tone="error">{deleteError}</Notice>}
        {!data.data ? (data.error !== undefined ? <LoadError error={data.error} what="Webhooks" /> : <Loading />) : data.data.length === 0 ? (
          <p class="empty">Noch kein System abonniert.</p>
        ) : (
          <ul class="plain">
            {data.data.map((w) => (
              <li key={w.id} class="card">
                <p><strong>{w.url}</strong>{w.description ? ` – ${w.description}` : ''}</p>
                <p>Ereignisse: {w.events.map(patternText).join(', ')}</p>
                <p class="muted">Angelegt am {formatDateTime(w.createdAt)} von {people.name(w.createdBy)}</p>
                {w.waiting && (
                  <Notice tone="warning" title={`Zustellung gestört: ${w.waiting.deliveries} ${w.waiting.deliveries === 1 ? 'Ereignis wartet' : 'Ereignisse warten'} seit ${formatDateTime(w.waiting.since)}`}>
                    <p>
                      {w.waiting.lastError ? `Letzter Fehler: ${w.waiting.lastError}. ` : ''}Der Server versucht es jede Minute erneut, in der
                      Reihenfolge der Ereignisse, bis 24 Stunden nach einem Ereignis; Mails und andere Empfänger warten nicht darauf.
                    </p>
                  </Notice>
                )}
                <div class="button-row">
                  <button type="button" class="button button--secondary button--small" aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? undefined : w.id)}>
                    Zustellungen
                  </button>
                  <button type="button" class="button button--secondary button--small" onClick={() => void remove(w)}>Löschen</button>
                </div>
                {open === w.id && <Deliveries webhook={w} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-webhook-title" class="section">
        <h2 id="new-webhook-title">Neues Abonnement</h2>
        <NewWebhook onCreated={(c) => { setCreated(c); void data.reload(); }} />
      </section>
    </div>
  );
}
