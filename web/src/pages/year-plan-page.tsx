// Jahresplanung: how loaded each team is over the next 18 months (heat map from the running and planned
// onboardings), the planned onboardings (Anfrage, Angebot, Beschluss), and the what-if "Können wir Gemeinde X mit
// Go-live im Q3 aufnehmen?". The teams' capacity and absences it reckons with are kept on their own page
// (capacity-page.tsx). The server decides who may do what (api/policy.ts); the page only hides what would be refused.
import { useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import {
  PIPELINE_STATUSES, planningApi, type Capacity, type CapacityWeek, type PlannedOnboarding, type PlannedOnboardingInput,
} from '../api/planning-types';
import type { User } from '../api/types';
import { mayKeepCapacity } from '../auth/session';
import { Field } from '../components/field';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { addDays, formatDate, formatHours } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';
import { fieldErrors } from '../lib/field-errors';
import { GemeindeAndVariant } from './year-plan/gemeinde-fields';
import { WhatIfSection } from './year-plan/what-if';
import { readNumber } from '../lib/number';
import { useOverflowsSideways } from '../lib/use-overflow';
import { useFocusFirstInvalid } from '../lib/use-focus-invalid';

const MONTHS = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];
/** Hours as the tooltip says them: small loads with a decimal, so that "< 1 %" is not "0 von 365 h". */
const hours = (h: number) => (h < 10 ? (Math.round(h * 10) / 10).toLocaleString('de-DE') : String(Math.round(h)));
/** "2027-01" → "Jan 2027" */
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;


interface MonthCell {
  month: string;
  load: number;
  capacity: number;
  peak: CapacityWeek | undefined;
}

/** Weeks summed per month (a week counts in the month of its Thursday, as ISO weeks do). */
function byMonth(weeks: CapacityWeek[]): MonthCell[] {
  const months = new Map<string, MonthCell>();
  for (const w of weeks) {
    const key = addDays(w.week, 3).slice(0, 7);
    const cell = months.get(key) ?? { month: key, load: 0, capacity: 0, peak: undefined };
    cell.load += w.load;
    cell.capacity += w.capacity;
    if (!cell.peak || w.load - w.capacity > cell.peak.load - cell.peak.capacity) cell.peak = w;
    months.set(key, cell);
  }
  return [...months.values()];
}

const level = (share: number) => (share <= 0 ? 0 : share < 0.5 ? 1 : share < 0.85 ? 2 : share <= 1 ? 3 : 4);
const LEVEL_TEXT = ['frei', 'unter 50 %', '50–85 %', '85–100 %', 'überlastet'];

function HeatMap({ capacity }: { capacity: Capacity }) {
  const rows = capacity.teams.map((t) => ({ team: t, months: byMonth(capacity.weeks.filter((w) => w.role === t.role)) }));
  const months = rows[0]?.months.map((m) => m.month) ?? [];
  const { ref, overflows } = useOverflowsSideways<HTMLDivElement>();
  return (
    <>
      {overflows && <p class="heatmap__scroll-hint muted">Nicht alle 18 Monate passen auf den Bildschirm: die Tabelle seitlich scrollen.</p>}
      <div class="heatmap-wrap" ref={ref}>
        <table class="table table--compact heatmap" aria-describedby="heatmap-legend">
          <caption class="sr-only">Auslastung je Team und Monat (Last aus laufenden und geplanten Onboardings gegen die Kapazität)</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              {months.map((m) => (
                <th scope="col" key={m}>
                  {MONTHS[Number(m.slice(5, 7)) - 1]} {m.slice(2, 4)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ team, months: cells }) => (
              <tr key={team.role} data-team={team.role}>
                <th scope="row">
                  {team.title}
                  <span class="heatmap__team">
                    {team.people} × {formatHours(team.hoursPerWeek)} h
                  </span>
                </th>
                {cells.map((c) => {
                  const share = c.capacity > 0 ? c.load / c.capacity : c.load > 0 ? 2 : 0;
                  const over = c.peak && c.peak.load > c.peak.capacity ? `; Spitze: Woche ab ${formatDate(c.peak.week)} mit ${formatHours(c.peak.load)} von ${formatHours(c.peak.capacity)} h` : '';
                  return (
                    <td key={c.month} class={`heat heat--${level(share)}`} title={`${team.title}, ${monthName(c.month)}: ${hours(c.load)} von ${hours(c.capacity)} h${over}`}>
                      {/* a little load is not nothing: it is not "frei" in the legend either */}
                      {share > 0 && share < 0.005 ? '< 1' : Math.round(share * 100)} %
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* outside the scrolling box: the legend stays in view when the table is scrolled sideways */}
      <p id="heatmap-legend" class="heatmap__legend">
        Auslastung:{' '}
        {LEVEL_TEXT.map((t, i) => (
          <span key={t} class={`heat heat--${i}`}>{t}</span>
        ))}
      </p>
    </>
  );
}

const emptyEntry = (): Record<string, string> => ({ ags: '', variant: 'mitglied', desiredGoLive: '', verfahrenCount: '3', workstations: '20', status: 'Anfrage', notes: '' });

function PipelineSection({ gemeinden, onChanged }: { gemeinden: { ags: string; name: string }[]; onChanged: () => void }) {
  const list = useResource(planningApi.pipeline, []);
  const [form, setForm] = useState(emptyEntry);
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const { form: formRef, refused } = useFocusFirstInvalid();
  const set = (k: string, v: string) => setForm((f) => ({ ...f, [k]: v }));

  const edit = (e: PlannedOnboarding) => {
    setEditing(e.id);
    setError(undefined);
    setForm({ ags: e.ags, variant: e.variant, desiredGoLive: e.desiredGoLive, verfahrenCount: String(e.verfahrenCount), workstations: String(e.workstations), status: e.status === 'Gestartet' ? 'Beschluss' : e.status, notes: e.notes ?? '' });
  };
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    setError(undefined);
    const input: PlannedOnboardingInput = {
      ags: form.ags, variant: form.variant as PlannedOnboardingInput['variant'], desiredGoLive: form.desiredGoLive,
      verfahrenCount: readNumber(form.verfahrenCount) ?? Number.NaN, workstations: readNumber(form.workstations) ?? Number.NaN,
      status: form.status as PlannedOnboardingInput['status'], ...(form.notes ? { notes: form.notes } : {}),
    };
    try {
      if (editing) await planningApi.updatePlanned(editing, input);
      else await planningApi.createPlanned(input);
      setForm(emptyEntry());
      setEditing(undefined);
      await list.reload();
      onChanged();
    } catch (err) {
      setError(err);
      refused();
    } finally {
      setBusy(false);
    }
  };
  const remove = async (e: PlannedOnboarding) => {
    if (!window.confirm(`Geplantes Onboarding ${e.gemeindeName} löschen?`)) return;
    try {
      await planningApi.deletePlanned(e.id);
      await list.reload();
      onChanged();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="pipeline-title" class="section">
      <h2 id="pipeline-title">Geplante Onboardings</h2>
      {list.error !== undefined && <LoadError error={list.error} what="geplante Onboardings" />}
      {list.data && (list.data.items.length === 0 ? <p class="empty">Noch keine geplanten Onboardings.</p> : (
        <div class="table-wrap">
          <table class="table table--compact" id="pipeline">
            <thead>
              <tr>
                <th scope="col">Gemeinde</th><th scope="col">Variante</th><th scope="col">Gewünschter Go-live</th><th scope="col">Geplanter Start</th>
                <th scope="col">Verfahren</th><th scope="col">Arbeitsplätze</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Aktionen</span></th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{e.runId ? <Link href={paths.run(e.runId)}>{e.gemeindeName}</Link> : e.gemeindeName}</td>
                  <td>{e.variant === 'mitglied' ? 'Mitglied' : 'Dienstleistung'}</td>
                  <td>
                    {formatDate(e.desiredGoLive)}
                    {e.earliestGoLive && <span class="pipeline__too-early">nach Vorlage frühestens {formatDate(e.earliestGoLive)}</span>}
                  </td>
                  <td>{formatDate(e.plannedStart)}</td>
                  <td>{e.verfahrenCount}</td>
                  <td>{e.workstations.toLocaleString('de-DE')}</td>
                  <td>{e.status}</td>
                  <td class="button-row">
                    {!e.runId && <button type="button" class="button button--secondary button--small" onClick={() => edit(e)} aria-label={`${e.gemeindeName} bearbeiten`}>Bearbeiten</button>}
                    <button type="button" class="button button--secondary button--small" onClick={() => void remove(e)} aria-label={`${e.gemeindeName} löschen`}>Löschen</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <form class="card" ref={formRef} onSubmit={(ev) => void submit(ev)} aria-labelledby="pipeline-form-title" noValidate>
        <h3 id="pipeline-form-title">{editing ? 'Geplantes Onboarding ändern' : 'Geplantes Onboarding erfassen'}</h3>
        {error !== undefined && !Object.keys(errors).length && <Notice tone="error">{problemText(error)}</Notice>}
        <div class="form-grid">
          <GemeindeAndVariant idPrefix="plan" gemeinden={gemeinden} form={form} errors={errors} set={set} />
          <Field id="plan-golive" label="Gewünschter Go-live" required errors={errors.desiredGoLive}>
            {(aria) => <input {...aria} type="date" class="input--date" value={form.desiredGoLive} onInput={(e) => set('desiredGoLive', e.currentTarget.value)} />}
          </Field>
          <Field id="plan-verfahren" label="Erwartete Verfahren (Anzahl)" required errors={errors.verfahrenCount}>
            {(aria) => <input {...aria} type="text" inputMode="numeric" class="input--number" value={form.verfahrenCount} onInput={(e) => set('verfahrenCount', e.currentTarget.value)} />}
          </Field>
          <Field id="plan-workstations" label="Arbeitsplätze" required errors={errors.workstations}>
            {(aria) => <input {...aria} type="text" inputMode="numeric" class="input--number" value={form.workstations} onInput={(e) => set('workstations', e.currentTarget.value)} />}
          </Field>
          <Field id="plan-status" label="Status" required errors={errors.status}>
            {(aria) => (
              <select {...aria} value={form.status} onChange={(e) => set('status', e.currentTarget.value)}>
                {PIPELINE_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            )}
          </Field>
        </div>
        <div class="button-row">
          <button type="submit" class="button button--primary" disabled={busy}>{editing ? 'Änderung speichern' : 'Geplantes Onboarding speichern'}</button>
          {editing && <button type="button" class="button button--secondary" onClick={() => { setEditing(undefined); setForm(emptyEntry()); setError(undefined); }}>Abbrechen</button>}
        </div>
      </form>
    </section>
  );
}

/** A team's figures as the table heads them, for its error messages. */
export function YearPlanPage({ user }: { user: User }) {
  useTitle('Jahresplanung');
  const capacity = useResource(() => planningApi.capacity(), []);
  const gemeinden = useResource(api.gemeinden, []);
  const reload = () => void capacity.reload();
  return (
    <div class="page page--yearplan">
      <PageTitle sub="Kapazität der Teams in den nächsten 18 Monaten, geplante Onboardings und was-wäre-wenn">Jahresplanung</PageTitle>
      <section aria-labelledby="heatmap-title" class="section">
        <h2 id="heatmap-title">Auslastung der Teams</h2>
        {capacity.data ? <HeatMap capacity={capacity.data} /> : capacity.error !== undefined ? <LoadError error={capacity.error} what="Kapazität" /> : <Loading />}
      </section>
      <PipelineSection gemeinden={gemeinden.data ?? []} onChanged={reload} />
      <WhatIfSection gemeinden={gemeinden.data ?? []} />
      <p class="muted">
        Die Auslastung rechnet mit der Kapazität der Teams und ihren Abwesenheiten;{' '}
        {mayKeepCapacity(user) ? <>Sie pflegen sie unter <Link href={paths.capacity}>Kapazität</Link>.</> : 'sie pflegt die Administration.'}
      </p>
    </div>
  );
}
