// Kapazität (administration): each team's people and weekly hours and their absences, which the Jahresplanung's
// heat map and what-if reckon with. Only the administration keeps them (capacity.manage in api/policy.ts); the
// navigation offers the page to nobody else.
import { useState } from 'preact/hooks';
import { planningApi, type Absence, type Team } from '../api/planning-types';
import { Field } from '../components/field';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { formatDate, formatHours } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';
import { fieldErrors } from '../lib/field-errors';
import { readNumber } from '../lib/number';
import { useFocusFirstInvalid } from '../lib/use-focus-invalid';

const TEAM_FIELDS: Record<string, string> = { people: 'Personen', hoursPerWeek: 'Stunden je Woche' };

const teamTitle = (teams: Team[], role: string) => teams.find((t) => t.role === role)?.title ?? role;
/** "aus Verfahren": the team an absence's person belongs to, as the confirmations say it. */
const fromTeam = (teams: Team[], role: string) => `aus ${teamTitle(teams, role)}`;

function TeamFigures({ teams, reload }: { teams: Team[]; reload: () => Promise<unknown> }) {
  const [edits, setEdits] = useState<Record<string, { people: string; hours: string }>>({});
  // a team's failed save, named by the team whose row it was
  const [error, setError] = useState<{ err: unknown; team: string }>();
  // what the last save changed, said back: the figures live on another page (the Jahresplanung's heat map)
  const [saved, setSaved] = useState<string>();
  const errors = fieldErrors(error?.err);

  // the figures as people write them: a decimal comma
  const value = (t: Team) => edits[t.role] ?? { people: String(t.people), hours: t.hoursPerWeek.toLocaleString('de-DE', { useGrouping: false, maximumFractionDigits: 2 }) };
  // an empty field is no figure (Number('') would be 0); anything else goes as typed when it is no number, so that
  // the API says what is wrong at the field
  const figure = (s: string) => (s.trim() === '' ? undefined : readNumber(s) ?? Number.NaN);
  const edit = (t: Team, change: Partial<{ people: string; hours: string }>) => setEdits({ ...edits, [t.role]: { ...value(t), ...change } });
  const save = async (t: Team) => {
    setError(undefined);
    setSaved(undefined);
    try {
      const v = value(t);
      const team = await planningApi.setTeam(t.role, figure(v.people), figure(v.hours));
      await reload();
      setSaved(`Gespeichert: ${t.title} – ${team.people} × ${formatHours(team.hoursPerWeek)} h je Woche.`);
    } catch (err) {
      setError({ err, team: t.title });
    }
  };
  const invalid = (t: Team, field: string) => (error?.team === t.title && errors[field] ? 'true' : undefined);
  return (
    <>
      {error !== undefined && (
        <Notice tone="error">
          {error.team}:{' '}
          {Object.entries(errors).map(([field, messages]) => `${TEAM_FIELDS[field] ? `${TEAM_FIELDS[field]} – ` : ''}${messages.join(', ')}`).join(' · ') || problemText(error.err)}
        </Notice>
      )}
      {saved !== undefined && <Notice tone="success">{saved}</Notice>}
      <div class="table-wrap">
        <table class="table table--compact">
          <thead><tr><th scope="col">Team</th><th scope="col">Personen</th><th scope="col">Stunden je Woche und Person</th><th scope="col"><span class="sr-only">Speichern</span></th></tr></thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.role}>
                <th scope="row">{t.title}</th>
                <td><input type="text" inputMode="numeric" aria-label={`${t.title}: Personen`} aria-invalid={invalid(t, 'people')} class="input--number" value={value(t).people} onInput={(e) => edit(t, { people: e.currentTarget.value })} onKeyDown={(e) => e.key === 'Enter' && void save(t)} /></td>
                <td><input type="text" inputMode="decimal" aria-label={`${t.title}: Stunden je Woche`} aria-invalid={invalid(t, 'hoursPerWeek')} class="input--number" value={value(t).hours} onInput={(e) => edit(t, { hours: e.currentTarget.value })} onKeyDown={(e) => e.key === 'Enter' && void save(t)} /></td>
                <td><button type="button" class="button button--secondary button--small" onClick={() => void save(t)}>Speichern</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Absences({ teams, absences, reload }: { teams: Team[]; absences: Absence[]; reload: () => Promise<unknown> }) {
  const [absence, setAbsence] = useState({ role: 'verfahren', from: '', to: '', note: '' });
  // the form's errors stay at its own fields; a failed delete is told below the form too
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const errors = fieldErrors(error);
  const { form: formRef, refused } = useFocusFirstInvalid();
  const remove = async (a: Absence) => {
    if (!window.confirm(`Abwesenheit einer Person ${fromTeam(teams, a.role)}, ${formatDate(a.from)} bis ${formatDate(a.to)}, löschen?`)) return;
    setError(undefined);
    setSaved(undefined);
    try {
      await planningApi.deleteAbsence(a.id);
      await reload();
      setSaved(`Abwesenheit ${formatDate(a.from)} bis ${formatDate(a.to)} gelöscht.`);
    } catch (err) {
      setError(err);
    }
  };
  const add = async (ev: Event) => {
    ev.preventDefault();
    setError(undefined);
    setSaved(undefined);
    try {
      const added = await planningApi.addAbsence({ role: absence.role as Team['role'], from: absence.from, to: absence.to, ...(absence.note ? { note: absence.note } : {}) });
      setAbsence((a) => ({ ...a, from: '', to: '', note: '' }));
      await reload();
      setSaved(`Abwesenheit erfasst: eine Person ${fromTeam(teams, added.role)}, ${formatDate(added.from)} bis ${formatDate(added.to)}.`);
    } catch (err) {
      setError(err);
      refused();
    }
  };
  return (
    <>
      <h3>Abwesenheiten</h3>
      {absences.length === 0 ? <p class="empty">Keine Abwesenheiten erfasst.</p> : (
        <ul>
          {absences.map((a) => (
            <li key={a.id}>
              {teamTitle(teams, a.role)}: {formatDate(a.from)} bis {formatDate(a.to)}{a.note ? ` (${a.note})` : ''}{' '}
              <button type="button" class="button button--secondary button--small" onClick={() => void remove(a)}>Löschen</button>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">Eine Abwesenheit ist die einer Person des Teams (Urlaub, Schulung, Krankheit): das Team hat an diesen Tagen eine Person weniger.</p>
      <form class="form-grid" ref={formRef} onSubmit={(ev) => void add(ev)} noValidate>
        <Field id="absence-role" label="Team" required>
          {(aria) => (
            <select {...aria} value={absence.role} onChange={(e) => setAbsence({ ...absence, role: e.currentTarget.value })}>
              {teams.map((t) => <option key={t.role} value={t.role}>{t.title}</option>)}
            </select>
          )}
        </Field>
        <Field id="absence-from" label="Von" required errors={errors.from}>
          {(aria) => <input {...aria} type="date" class="input--date" value={absence.from} onInput={(e) => setAbsence({ ...absence, from: e.currentTarget.value })} />}
        </Field>
        <Field id="absence-to" label="Bis" required errors={errors.to}>
          {(aria) => <input {...aria} type="date" class="input--date" value={absence.to} onInput={(e) => setAbsence({ ...absence, to: e.currentTarget.value })} />}
        </Field>
        <Field id="absence-note" label="Anlass (Urlaub, Schulung)">
          {(aria) => <input {...aria} type="text" value={absence.note} onInput={(e) => setAbsence({ ...absence, note: e.currentTarget.value })} />}
        </Field>
        <div class="button-row"><button type="submit" class="button button--secondary">Abwesenheit erfassen</button></div>
        {error !== undefined && !errors.from && !errors.to && <Notice tone="error">{problemText(error)}</Notice>}
        {saved !== undefined && <Notice tone="success">{saved}</Notice>}
      </form>
    </>
  );
}

function TeamsSection() {
  const data = useResource(planningApi.teams, []);
  if (!data.data) return data.error !== undefined ? <LoadError error={data.error} what="Kapazität der Teams" /> : <Loading />;
  return (
    <section aria-labelledby="teams-title" class="section">
      <h2 id="teams-title">Kapazität der Teams</h2>
      <TeamFigures teams={data.data.teams} reload={data.reload} />
      <Absences teams={data.data.teams} absences={data.data.absences} reload={data.reload} />
    </section>
  );
}

export function CapacityPage() {
  useTitle('Kapazität');
  return (
    <div class="page">
      <PageTitle sub="Personen und Wochenstunden je Team, Abwesenheiten: damit rechnet die Jahresplanung">Kapazität</PageTitle>
      <p><Link href={paths.yearPlan}>Zur Jahresplanung</Link></p>
      <TeamsSection />
    </div>
  );
}
