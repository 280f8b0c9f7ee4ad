// Onboarding starten: Gemeinde, variant, target date, Verfahren (from 300+), workstations and project lead.
// The API validates; its field errors (paths `input.*`) appear next to the fields they concern.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { rememberNames } from '../api/names';
import type { User } from '../api/types';
import { Field, FieldErrors, RequiredMark } from '../components/field';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { correctionSummary, errorsByField } from '../lib/field-errors';
import { useFocusFirstInvalid } from '../lib/use-focus-invalid';
import { addDays, formatDate, todayIso } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, navigate, paths } from '../router';
import { useEarliestGoLive } from './start/earliest-go-live';
import { VerfahrenPicker } from './start/verfahren-picker';
import { readNumber } from '../lib/number';

const FIELDS = ['ags', 'variant', 'targetGoLive', 'targetReason', 'verfahren', 'workstations', 'projectLead', 'notes'] as const;

interface FormState {
  ags: string;
  variant: string;
  targetGoLive: string;
  /** why a target before the earliest feasible go-live is wanted */
  targetReason: string;
  workstations: string;
  projectLead: string;
  notes: string;
  verfahren: string[];
}

/** the project leads to choose from; their names serve the rest of the session too */
async function loadLeads(): Promise<User[]> {
  const leads = await api.peopleWithRole('projektleitung');
  rememberNames(leads);
  return leads;
}

export function StartPage({ user }: { user: User }) {
  useTitle('Onboarding starten');
  const gemeinden = useResource(api.gemeinden, []);
  const verfahren = useResource(api.verfahren, []);
  const leads = useResource(loadLeads, []).data ?? [];
  const [form, setForm] = useState<FormState>({
    ags: '',
    variant: 'dienstleistung',
    targetGoLive: '',
    targetReason: '',
    workstations: '',
    projectLead: user.roles.includes('projektleitung') ? user.id : '',
    notes: '',
    verfahren: [],
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const earliest = useEarliestGoLive(form);
  // a target before the earliest feasible go-live needs a reason; the API's 422 says so too when the hint is not in yet
  const ambitious = (!!earliest && !!form.targetGoLive && form.targetGoLive < earliest) || !!errors.targetGoLive?.some((m) => m.startsWith('Frühestens'));
  const [problem, setProblem] = useState<{ text: string; existingRunId?: string }>();
  const [busy, setBusy] = useState(false);
  const { form: formRef, refused } = useFocusFirstInvalid();
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    // an error is about the value it was given: once the value changes, it no longer applies
    setErrors(({ [k]: _gone, ...rest }) => rest);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    // a German decimal comma read as the number it is, so that the answer is „ganze Zahl“, not „Zahl“
    const n = readNumber(form.workstations) ?? Number.NaN;
    const input: Record<string, unknown> = {
      variant: form.variant,
      verfahren: form.verfahren,
      ...(form.ags ? { ags: form.ags } : {}),
      ...(form.targetGoLive ? { targetGoLive: form.targetGoLive } : {}),
      ...(ambitious && form.targetReason.trim() ? { targetReason: form.targetReason.trim() } : {}),
      ...(form.workstations.trim() ? { workstations: Number.isFinite(n) ? n : form.workstations } : {}),
      ...(form.projectLead.trim() ? { projectLead: form.projectLead.trim() } : {}),
      ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
    };
    try {
      const run = await api.startRun({ process: 'gemeinde-onboarding', input });
      navigate(paths.run(run.id));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.problem.errors?.length) {
        const { '': rest, ...byField } = errorsByField(err.problem.errors, 'input', FIELDS);
        // a required field left empty reads "Pflichtfeld", not the format the server expects of a value
        for (const k of ['ags', 'targetGoLive', 'workstations', 'projectLead'] as const) if (byField[k] && !form[k].trim()) byField[k] = ['Pflichtfeld'];
        // the API asks for the reason only once the rest is valid (it needs the plan); the form knows it is missing now
        if (ambitious && !form.targetReason.trim() && !byField.targetReason) byField.targetReason = ['Bitte eine Begründung angeben'];
        setErrors(byField);
        refused();
        const count = Object.keys(byField).length;
        setProblem({ text: correctionSummary(count, rest) });
      } else {
        setErrors({});
        setProblem({ text: problemText(err), existingRunId: err instanceof ApiError ? err.problem.existingRunId : undefined });
      }
    } finally {
      setBusy(false);
    }
  };

  if (gemeinden.error !== undefined || verfahren.error !== undefined) {
    return (
      <div class="page">
        <PageTitle>Onboarding starten</PageTitle>
        <LoadError error={gemeinden.error ?? verfahren.error} what="Katalog" />
      </div>
    );
  }
  if (!gemeinden.data || !verfahren.data) {
    return (
      <div class="page">
        <PageTitle>Onboarding starten</PageTitle>
        <Loading />
      </div>
    );
  }

  return (
    <div class="page page--start">
      <PageTitle sub="Eine Gemeinde in die Betreuung des KU übernehmen">Onboarding starten</PageTitle>
      <form ref={formRef} onSubmit={submit} noValidate class="start-form">
        {problem && (
          <Notice tone="error" title="Das Onboarding wurde nicht gestartet">
            <p>{problem.text}</p>
            {problem.existingRunId && (
              <p>
                <Link href={paths.run(problem.existingRunId)}>Zum bestehenden Vorgang</Link>
              </p>
            )}
          </Notice>
        )}
        <p class="form-legend">
          Mit <span aria-hidden="true">*</span> markierte Felder sind Pflichtfelder.
        </p>
        <div class="card">
          <h2>Gemeinde und Vertrag</h2>
          <div class="form-grid">
            <Field id="start-ags" label="Gemeinde" required errors={errors.ags}>
              {(aria) => (
                <select {...aria} value={form.ags} onChange={(e) => set('ags', e.currentTarget.value)}>
                  <option value="">Bitte wählen …</option>
                  {gemeinden.data!.map((g) => (
                    <option key={g.ags} value={g.ags}>
                      {g.name} ({g.ags}){g.vg ? ` – ${g.vg}` : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id="start-target"
              label="Ziel-Go-live"
              required
              hint={<>Gewünschter Tag der Umstellung{earliest && <> · <span id="start-earliest">frühestens {formatDate(earliest)}</span> nach den Durchlaufzeiten; ob die Teams dann Platz haben, zeigt die Jahresplanung</>}</>}
              errors={errors.targetGoLive}
            >
              {(aria) => <input {...aria} type="date" min={addDays(todayIso(), 1)} value={form.targetGoLive} onInput={(e) => set('targetGoLive', e.currentTarget.value)} class="input--date" />}
            </Field>
            {ambitious && (
              <Field
                id="start-target-reason"
                label="Begründung für das ambitionierte Ziel"
                required
                hint={`Das Ziel liegt vor dem frühesten machbaren Go-live${earliest ? ` (${formatDate(earliest)})` : ''}. Der Vorgang wird als „ambitioniert“ geführt und am Plan gemessen.`}
                errors={errors.targetReason}
              >
                {(aria) => <textarea {...aria} rows={2} value={form.targetReason} onInput={(e) => set('targetReason', e.currentTarget.value)} />}
              </Field>
            )}
          </div>
          <fieldset class={`field radio-group${errors.variant ? ' field--invalid' : ''}`} aria-describedby={errors.variant ? 'start-variant-error' : undefined}>
            <legend class="field__label">
              Variante
              <RequiredMark />
            </legend>
            <div class="radio">
              <input type="radio" id="variant-dl" name="variant" value="dienstleistung" checked={form.variant === 'dienstleistung'} onChange={() => set('variant', 'dienstleistung')} />
              <label for="variant-dl">
                Dienstleistung <span class="muted">– Zweckvereinbarung (Art. 7 KommZG), Anzeige bei der Rechtsaufsicht; etwa 4–8 Wochen</span>
              </label>
            </div>
            <div class="radio">
              <input type="radio" id="variant-m" name="variant" value="mitglied" checked={form.variant === 'mitglied'} onChange={() => set('variant', 'mitglied')} />
              <label for="variant-m">
                Mitglied <span class="muted">– Beitritt durch Satzungsänderung (Art. 49 KommZG); etwa 2–4 Monate</span>
              </label>
            </div>
            <FieldErrors id="start-variant-error" errors={errors.variant} />
          </fieldset>
        </div>

        <div class="card">
          <h2>Umfang</h2>
          <div class="form-grid">
            <Field id="start-workstations" label="Anzahl Arbeitsplätze" required hint="Ganze Zahl von 0 bis 5.000" errors={errors.workstations}>
              {(aria) => <input {...aria} type="text" inputMode="numeric" autoComplete="off" value={form.workstations} onInput={(e) => set('workstations', e.currentTarget.value)} class="input--number" />}
            </Field>
            <Field id="start-lead" label="Projektleitung" required hint="Wer dieses Onboarding im KU leitet; die Gemeinde sieht diese Person als ihre Ansprechperson" errors={errors.projectLead}>
              {(aria) =>
                leads.length ? (
                  <select {...aria} value={form.projectLead} onChange={(e) => set('projectLead', e.currentTarget.value)}>
                    <option value="">Bitte wählen …</option>
                    {leads.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input {...aria} type="text" value={form.projectLead} placeholder="Benutzerkennung" onInput={(e) => set('projectLead', e.currentTarget.value)} />
                )
              }
            </Field>
          </div>
          <VerfahrenPicker all={verfahren.data} selected={form.verfahren} onChange={(v) => set('verfahren', v)} errors={errors.verfahren} />
          <Field id="start-notes" label="Bemerkungen" hint="Nur für das KU sichtbar, nicht für die Gemeinde." errors={errors.notes}>
            {(aria) => <textarea {...aria} rows={3} value={form.notes} onInput={(e) => set('notes', e.currentTarget.value)} />}
          </Field>
        </div>

        <div class="button-row button-row--end">
          <Link href={paths.portfolio} class="button button--secondary">
            Abbrechen
          </Link>
          <button type="submit" class="button button--primary" disabled={busy}>
            Onboarding starten
          </button>
        </div>
      </form>
    </div>
  );
}
