// The devices of a rollout batch, per step: filter, select many or all (or by scanning / pasting serial numbers), and
// record one outcome for all of them with one form — "erledigt" for 40 devices, or "fehlgeschlagen" with a reason
// for two, which go to rework while the rest of the batch goes on. The API answers per device.
import { useMemo, useState } from 'preact/hooks';
import { ApiError, isNotFound } from '../../api/client';
import { devicesApi } from '../../api/devices';
import type { Device, DeviceActionBody, DeviceActionResult, DeviceOutcome, DeviceStepState } from '../../api/types';
import type { Run } from '../../api/types';
import { Field } from '../../components/field';
import { LoadError, Notice, problemText } from '../../components/notice';
import { downloadText } from '../../lib/csv';
import { errorsByField } from '../../lib/field-errors';
import { DEVICE_STATE_LABELS } from '../../lib/labels';
import { filterDevices, matchSerials, offeredDeviceSteps, parseSerials, stepProgress, stepState, type DeviceFilter } from '../../lib/device-selection';
import { useResource } from '../../lib/use-resource';
import { StepDataFields, useStepData } from './device-step-data';

const OUTCOMES: [DeviceOutcome, string][] = [
  ['done', 'Erledigt'],
  ['failed', 'Fehlgeschlagen – zur Nacharbeit'],
  ['excluded', 'Ausnehmen (mit Grund)'],
];



const devicesCount = (n: number) => `${n} ${n === 1 ? 'Gerät' : 'Geräte'}`;
export function DeviceTable({ run }: { run: Run }) {
  const devices = useResource(() => devicesApi.ofRun(run.id), [run.id]);
  // a batch without devices of its own has no table: nothing shows until the API has said which it is
  if (devices.error !== undefined ? isNotFound(devices.error) : !devices.data) return null;
  return (
    <section class="card" aria-labelledby="devices-title">
      <h2 id="devices-title">Geräte der Charge</h2>
      {devices.error !== undefined && <LoadError error={devices.error} what="Geräteliste" />}
      {devices.data && <DeviceSteps run={run} devices={devices.data} onRecorded={() => void devices.reload()} />}
      <DeviceRegister ags={run.gemeinde.ags} />
    </section>
  );
}

function DeviceSteps({ run, devices, onRecorded }: { run: Run; devices: Device[]; onRecorded: () => void }) {
  // only steps whose task has opened (the API refuses the others), in the run's order
  const steps = useMemo(() => offeredDeviceSteps(run.steps), [run]);
  const firstOpen = steps.find((s) => s.kind !== 'automated' && stepProgress(devices, s.id).finished < devices.length) ?? steps[0];
  const [stepId, setStepId] = useState(firstOpen?.id ?? '');
  const [filter, setFilter] = useState<DeviceFilter>({ text: '', state: '' });
  const [selected, setSelected] = useState<string[]>([]);
  const [serials, setSerials] = useState('');
  const [notice, setNotice] = useState<{ tone: 'success' | 'error' | 'warning'; text: string; lines?: string[] }>();
  if (devices.length === 0) return <p class="muted">Dieser Charge sind noch keine Geräte zugeordnet.</p>;
  if (!stepId) return <p class="muted">Noch ist kein gerätebezogener Schritt an der Reihe: die Ergebnisse werden erfasst, sobald seine Aufgabe geöffnet ist.</p>;

  const shown = filterDevices(devices, stepId, filter);
  const progress = stepProgress(devices, stepId);
  const chosen = devices.filter((d) => selected.includes(d.id));
  const allShown = shown.length > 0 && shown.every((d) => selected.includes(d.id));
  const toggle = (id: string, on: boolean) => setSelected((old) => (on ? [...old, id] : old.filter((x) => x !== id)));

  const selectBySerials = () => {
    const { ids, unknown } = matchSerials(devices, parseSerials(serials));
    setSelected((old) => [...new Set([...old, ...ids])]);
    setNotice(unknown.length
      ? { tone: 'warning', text: `${devicesCount(ids.length)} ausgewählt. Diese Seriennummern gehören zu keinem Gerät der Charge:`, lines: unknown }
      : { tone: 'success', text: `${devicesCount(ids.length)} ausgewählt.` });
    if (!unknown.length) setSerials('');
  };

  return (
    <>
      <div class="field field--inline">
        <label for="device-step" class="field__label">
          Schritt
        </label>
        <select id="device-step" value={stepId} onChange={(e) => { setStepId(e.currentTarget.value); setSelected([]); }}>
          {steps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <p class="device-progress" role="status">
        <strong>{progress.text}</strong>
      </p>
      <div aria-live="polite">
        {notice && (
          <Notice tone={notice.tone}>
            <p>{notice.text}</p>
            {notice.lines && (
              <ul>
                {notice.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            )}
          </Notice>
        )}
      </div>
      <form class="filters" role="search" aria-label="Geräte filtern" onSubmit={(e) => e.preventDefault()}>
        <div class="filters__row">
          <div class="field field--inline">
            <label for="device-filter-text" class="field__label">
              Suche
            </label>
            <input id="device-filter-text" type="search" value={filter.text} placeholder="Hostname, Seriennr., Raum …" onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })} />
          </div>
          <div class="field field--inline">
            <label for="device-filter-state" class="field__label">
              Stand im Schritt
            </label>
            <select id="device-filter-state" value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.currentTarget.value as DeviceFilter['state'] })}>
              <option value="">Alle</option>
              {(Object.keys(DEVICE_STATE_LABELS) as DeviceStepState[]).map((s) => (
                <option key={s} value={s}>
                  {DEVICE_STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>
      <details class="card--details">
        <summary>Seriennummern scannen oder einfügen</summary>
        <Field id="device-serials" label="Seriennummern (eine je Zeile)">
          {(aria) => <textarea {...aria} rows={4} value={serials} onInput={(e) => setSerials(e.currentTarget.value)} />}
        </Field>
        <button type="button" class="button button--secondary button--small" onClick={selectBySerials}>
          Geräte auswählen
        </button>
      </details>
      <table class="table table--devices">
        <caption class="sr-only">Geräte der Charge im gewählten Schritt</caption>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Alle angezeigten Geräte auswählen"
                checked={allShown}
                onChange={(e) => setSelected(e.currentTarget.checked ? [...new Set([...selected, ...shown.map((d) => d.id)])] : selected.filter((id) => !shown.some((d) => d.id === id)))}
              />
            </th>
            <th scope="col">Hostname</th>
            <th scope="col">Seriennummer</th>
            <th scope="col">Modell</th>
            <th scope="col">Raum</th>
            <th scope="col">Inventarnr. (neu)</th>
            <th scope="col">Stand</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => {
            const step = d.steps[stepId];
            return (
              <tr key={d.id}>
                <td>
                  <input type="checkbox" aria-label={`Gerät ${d.serial} auswählen`} checked={selected.includes(d.id)} onChange={(e) => toggle(d.id, e.currentTarget.checked)} />
                </td>
                <td>{d.hostname}</td>
                <td class="mono">{d.serial}</td>
                <td>{d.model}</td>
                <td>{d.location ?? '–'}</td>
                <td class="mono">{d.newInventoryNumber ?? '–'}</td>
                <td>
                  {DEVICE_STATE_LABELS[stepState(d, stepId)]}
                  {step?.reason && <span class="muted small block">{step.reason}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="result-count">
        {shown.length} von {devices.length} Geräten angezeigt · {chosen.length} ausgewählt
      </p>
      {chosen.length > 0 && (
        <RecordOutcome
          runId={run.id}
          // the steps offered are the run's per-device steps (offeredDeviceSteps), the ones the API records
          stepId={stepId as DeviceActionBody['step']}
          devices={chosen}
          onDone={(results) => {
            const refused = results.filter((r) => r.status >= 300);
            const ok = results.length - refused.length;
            setNotice({
              tone: refused.length ? 'warning' : 'success',
              text: `Für ${ok === 1 ? '1 Gerät' : `${ok} Geräte`} gespeichert.${refused.length ? ' Nicht gespeichert:' : ''}`,
              lines: refused.map((r) => `${r.serial}: ${r.problem?.detail ?? r.problem?.title ?? `Fehler ${r.status}`}`),
            });
            setSelected(refused.map((r) => devices.find((d) => d.serial === r.serial)?.id).filter((x): x is string => !!x));
            onRecorded();
          }}
        />
      )}
    </>
  );
}

function RecordOutcome({ runId, stepId, devices, onDone }: { runId: string; stepId: DeviceActionBody['step']; devices: Device[]; onDone: (results: DeviceActionResult[]) => void }) {
  const [outcome, setOutcome] = useState<DeviceOutcome>('done');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const stepData = useStepData(runId, stepId);
  const needsReason = outcome !== 'done';
  const submit = async (e: Event) => {
    e.preventDefault();
    // a missing reason is the server's to say (domain/device-steps.ts outcomeProblem), in the words of every step
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      const data = needsReason ? undefined : stepData.data();
      const answer = await devicesApi.record(runId, { step: stepId, devices: devices.map((d) => d.serial), outcome, ...(needsReason ? { reason: reason.trim() } : {}), ...(data ? { data } : {}) });
      setReason('');
      onDone(answer.results);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.problem.errors?.length) {
        const { '': rest, ...byField } = errorsByField(err.problem.errors, 'data', stepData.fields.map((f) => f.name));
        setFieldErrors(byField);
        setError(rest?.join(' ') || 'Bitte die markierten Felder korrigieren.');
      } else {
        setError(problemText(err));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card device-outcome" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Ergebnis für {devices.length === 1 ? '1 Gerät' : `${devices.length} Geräte`}</legend>
        {OUTCOMES.map(([value, label]) => (
          <div class="check" key={value}>
            <input id={`outcome-${value}`} type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
            <label for={`outcome-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      {!needsReason && <StepDataFields step={stepData} errors={fieldErrors} />}
      {needsReason && (
        <Field id="outcome-reason" label={outcome === 'failed' ? 'Was ist fehlgeschlagen?' : 'Grund des Ausschlusses'} required errors={error ? [error] : undefined}>
          {(aria) => <textarea {...aria} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
      )}
      {!needsReason && error && <Notice tone="error">{error}</Notice>}
      <div class="button-row">
        <button type="submit" class="button button--primary" disabled={busy || (!needsReason && stepData.unavailable)}>
          Für {devices.length === 1 ? '1 Gerät' : `${devices.length} Geräte`} speichern
        </button>
      </div>
    </form>
  );
}

const REGISTERS: { label: string; file: string; load: (ags: string) => Promise<string> }[] = [
  { label: 'Geräteregister als CSV herunterladen', file: 'geraeteregister', load: devicesApi.registerCsv },
  { label: 'Vernichtungsnachweise als CSV herunterladen', file: 'vernichtungsnachweise', load: devicesApi.certificatesCsv },
];

/**
 * The Gemeinde's registers as CSV — what an auditor asks for: the device register (each device's path: old and new
 * device, who, when) and the register of destruction certificates (DIN 66399 class and level, devices covered).
 */
function DeviceRegister({ ags }: { ags: string }) {
  const [error, setError] = useState<string>();
  return (
    <div class="button-row">
      {REGISTERS.map((r) => (
        <button
          key={r.file}
          type="button"
          class="button button--secondary button--small"
          onClick={async () => {
            try {
              downloadText(`${r.file}-${ags}.csv`, await r.load(ags));
              setError(undefined);
            } catch (err) {
              setError(problemText(err));
            }
          }}
        >
          {r.label}
        </button>
      ))}
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}
