// Jahresplanung → "Was wäre, wenn …": can the teams take Gemeinde X with a go-live in a given quarter? The server
// answers with the earliest go-live that fits every team, the bottleneck, and what moving another onboarding would do.
import { useState } from 'preact/hooks';
import { planningApi, type WhatIfResult } from '../../api/planning-types';
import { Field } from '../../components/field';
import { Notice, problemText } from '../../components/notice';
import { formatDate, formatHours } from '../../lib/format';
import { fieldErrors } from '../../lib/field-errors';
import { useFocusFirstInvalid } from '../../lib/use-focus-invalid';
import { GemeindeAndVariant } from './gemeinde-fields';
import { readNumber } from '../../lib/number';

/** The end of a quarter of this or the next year, as the question is asked ("Go-live im Q3"). */
/** Why a quarter does not fit: the template's own lead time, or else the teams' capacity. */
function noFitText(earliestByTemplate: string, quarter: string): string {
  return earliestByTemplate > quarterEnd(quarter)
    ? `Nein: für einen Go-live im ${quarterLabel(quarter)} reicht die Zeit nicht – nach Vorlage ist der ${formatDate(earliestByTemplate)} der früheste Go-live.`
    : `Nein: für einen Go-live im ${quarterLabel(quarter)} reicht die Kapazität nicht.`;
}

const hoursText = (h: number) => `${formatHours(h)} h`;

/** What moving another onboarding by a month would do to the candidate's earliest go-live, either way. */
function effectText(e: WhatIfResult['effects'][number]): string {
  const weeks = Math.abs(e.weeksEarlier);
  const span = weeks === 1 ? '1 Woche' : `${weeks} Wochen`;
  if (e.weeksEarlier > 0) return `${formatDate(e.earliestGoLive ?? undefined)}, ${span} früher`;
  if (e.weeksEarlier < 0) return e.earliestGoLive ? `${formatDate(e.earliestGoLive)}, ${span} später` : 'nicht mehr innerhalb von drei Jahren';
  return 'unverändert';
}

function quarterEnd(q: string): string {
  const [year, quarter] = q.split('-Q').map(Number);
  return `${year}-${['03-31', '06-30', '09-30', '12-31'][quarter - 1]}`;
}

/** "Q3 2027" for 2027-Q3. */
const quarterLabel = (q: string) => `Q${q.slice(-1)} ${q.slice(0, 4)}`;

/** The next ten quarters: an onboarding takes months, so a go-live in the quarter under way is never within reach. */
function quarterOptions(): string[] {
  const now = new Date();
  const out: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const q = Math.floor(now.getMonth() / 3) + i;
    out.push(`${now.getFullYear() + Math.floor(q / 4)}-Q${(q % 4) + 1}`);
  }
  return out;
}

export function WhatIfSection({ gemeinden }: { gemeinden: { ags: string; name: string }[] }) {
  const [form, setForm] = useState({ ags: '', variant: 'dienstleistung', quarter: '', verfahrenCount: '3', workstations: '20' });
  const [result, setResult] = useState<WhatIfResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // a field changed since the answer no longer shows its error (another Gemeinde is not "already running")
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const refusedFields = fieldErrors(error);
  const errors = Object.fromEntries(Object.entries(refusedFields).filter(([field]) => !edited.has(field)));
  const { form: formRef, refused } = useFocusFirstInvalid();
  const set = (k: string, v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setEdited((fields) => new Set([...fields, k === 'quarter' ? 'targetGoLive' : k]));
  };
  const name = gemeinden.find((g) => g.ags === form.ags)?.name ?? 'die Gemeinde';

  const ask = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    setError(undefined);
    setEdited(new Set());
    setResult(undefined);
    try {
      setResult(await planningApi.whatIf({
        ags: form.ags, variant: form.variant as 'mitglied' | 'dienstleistung',
        ...(form.quarter ? { targetGoLive: quarterEnd(form.quarter) } : {}),
        verfahrenCount: readNumber(form.verfahrenCount) ?? Number.NaN,
        workstations: readNumber(form.workstations) ?? Number.NaN,
      }));
    } catch (err) {
      setError(err);
      refused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="whatif-title" class="section">
      <h2 id="whatif-title">Was wäre, wenn …</h2>
      <p class="muted">
        Gerechnet wird mit den Stunden, die laufende und geplante Onboardings den Teams lassen. Die Arbeit eines Schritts
        darf in jeder Woche seiner Dauer liegen, wie ein Team sie sich einteilt.
      </p>
      <form class="card" ref={formRef} onSubmit={(ev) => void ask(ev)} noValidate>
        <p class="form-legend">Können wir Gemeinde X mit Go-live im Q3 aufnehmen?</p>
        {/* a refusal without fields (the server away) is said above the form; field errors stay at their fields */}
        {error !== undefined && !Object.keys(refusedFields).length && <Notice tone="error">{problemText(error)}</Notice>}
        <div class="form-grid">
          <GemeindeAndVariant idPrefix="whatif" gemeinden={gemeinden} form={form} errors={errors} set={set} />
          <Field id="whatif-quarter" label="Go-live im Quartal" errors={errors.targetGoLive}>
            {(aria) => (
              <select {...aria} value={form.quarter} onChange={(e) => set('quarter', e.currentTarget.value)}>
                <option value="">so früh wie möglich</option>
                {quarterOptions().map((q) => <option key={q} value={q}>{quarterLabel(q)}</option>)}
              </select>
            )}
          </Field>
          <Field id="whatif-verfahren" label="Verfahren (Anzahl)" required errors={errors.verfahrenCount}>
            {(aria) => <input {...aria} type="text" inputMode="numeric" class="input--number" value={form.verfahrenCount} onInput={(e) => set('verfahrenCount', e.currentTarget.value)} />}
          </Field>
          <Field id="whatif-workstations" label="Arbeitsplätze" required errors={errors.workstations}>
            {(aria) => <input {...aria} type="text" inputMode="numeric" class="input--number" value={form.workstations} onInput={(e) => set('workstations', e.currentTarget.value)} />}
          </Field>
        </div>
        <div class="button-row">
          <button type="submit" class="button button--primary" disabled={busy}>{busy ? 'Wird berechnet …' : 'Prüfen'}</button>
        </div>
      </form>
      {result && (
        <div class="card" id="whatif-result" aria-live="polite">
          {result.replacesPlanned && (
            <Notice tone="info" title={`${name} ist bereits geplant (gewünschter Go-live ${formatDate(result.replacesPlanned.desiredGoLive)}).`}>
              Gerechnet ist mit dieser Anfrage an Stelle des geplanten Eintrags.
            </Notice>
          )}
          {result.targetFits !== undefined && (
            <Notice tone={result.targetFits ? 'success' : 'warning'} title={result.targetFits ? `Ja: ${name} passt mit Go-live im ${quarterLabel(form.quarter)}.` : noFitText(result.earliestByTemplate, form.quarter)} />
          )}
          <p>
            Frühester Go-live, bei dem jedes Team Platz hat: <strong>{result.earliestGoLive ? formatDate(result.earliestGoLive) : 'nicht innerhalb von drei Jahren'}</strong>
            {' '}(nach Vorlage frühestens {formatDate(result.earliestByTemplate)}).
          </p>
          {result.beyondTeam ? (
            <p>
              Engpass: <strong>{result.beyondTeam.title}</strong>. Dieses Onboarding allein braucht dort in einer Woche{' '}
              {hoursText(result.beyondTeam.hours)}, das Team hat insgesamt {hoursText(result.beyondTeam.capacity)} je Woche: so passt es zu keinem
              Zeitpunkt. Mehr Kapazität trägt die Administration unter „Kapazität“ ein; sonst die Arbeit auf mehr Wochen verteilen.
            </p>
          ) : result.bottleneck && (
            // the bottleneck is that of a start today by the template: an overload there is why the go-live is later
            <p>
              {result.bottleneck.overloadHours > 0 ? 'Bei Beginn heute fehlte Platz: ' : 'Engpass: '}
              <strong>{result.bottleneck.title}</strong> in der Woche ab {formatDate(result.bottleneck.week)}
              {result.bottleneck.overloadHours > 0 ? ` (${hoursText(result.bottleneck.overloadHours)} zu viel) – deshalb der spätere Go-live` : ' (dort bleibt am wenigsten Luft)'}.
            </p>
          )}
          {result.effects.length > 0 && (
            <>
              {/* the dates are the request's own go-live, not the other onboarding's (which the walkers read them as) */}
              <h3>Wenn ein anderes Onboarding einen Monat später käme: der Go-live dieser Anfrage</h3>
              <ul>
                {result.effects.map((e) => (
                  <li key={e.id}>
                    {e.name} ({e.kind === 'run' ? 'läuft' : 'geplant'}) einen Monat später: {effectText(e)}
                  </li>
                ))}
              </ul>
              {result.effects.some((e) => e.weeksEarlier < 0) && (
                <p class="muted">
                  Später kann es werden, weil die Arbeit des verschobenen Onboardings dann in die Wochen fällt, in denen diese
                  Anfrage die Teams am dringendsten braucht.
                </p>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
