// Chargen of an onboarding: the batches its rollouts will take, formed from the Gemeinde's devices by location, with
// their device counts. Until the first batch starts, the project lead moves a device to another batch or excludes it
// with a reason; the API decides (409 once started, field errors in German). Devices inventoried after the forming are
// listed as unassigned: they form batches of their own when the rollouts start, unless the lead moves them first.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { batchesApi } from '../../api/batches';
import type { RunBatches } from '../../api/types';
import type { Run } from '../../api/types';
import { Field } from '../../components/field';
import { LoadError, Loading, Notice, problemText } from '../../components/notice';
import { useResource } from '../../lib/use-resource';

export function DeviceBatches({ run, mayEdit }: { run: Run; mayEdit: boolean }) {
  const batches = useResource(() => batchesApi.ofRun(run.id), [run.id]);
  const data = batches.data;
  if (data && data.batches.length === 0 && data.excluded.length === 0 && data.unassigned.length === 0) return null;
  return (
    <section class="card" aria-labelledby="batches-title">
      <h2 id="batches-title">Chargen</h2>
      {batches.error !== undefined && <LoadError error={batches.error} what="Chargen" />}
      {!data && batches.loading && <Loading />}
      {data && (
        <>
          <p class="muted small">
            Je Standort, höchstens {data.maxSize} Geräte je Charge.{' '}
            {data.editable ? 'Änderbar, bis die erste Charge startet.' : 'Die Rollouts sind gestartet; die Chargen stehen fest.'}
          </p>
          <table class="table">
            <thead><tr><th scope="col">Charge</th><th scope="col">Geräte</th><th scope="col">Seriennummern</th></tr></thead>
            <tbody>
              {data.batches.map((b) => (
                <tr key={b.id}><td>{b.name}</td><td>{b.count}</td><td class="small">{b.devices.map((d) => d.serial).join(', ')}</td></tr>
              ))}
            </tbody>
          </table>
          {data.excluded.length > 0 && (
            <>
              <h3>Ausgeschlossen</h3>
              <ul>{data.excluded.map((x) => <li key={x.id}>{x.serial} ({x.hostname}): {x.reason}</li>)}</ul>
            </>
          )}
          {data.unassigned.length > 0 && (
            <>
              <h3>Noch keiner Charge zugeordnet ({data.unassigned.length})</h3>
              <p class="muted small">
                {data.editable
                  ? 'Nach der Bildung der Chargen inventarisiert. Beim Start der Rollouts bilden sie eigene Chargen, wenn sie vorher nicht verschoben oder ausgeschlossen werden.'
                  : 'Nach dem Start der Rollouts inventarisiert; sie gehören zu keinem Rollout dieser Einführung.'}
              </p>
              <ul>{data.unassigned.map((d) => <li key={d.id}>{d.serial} ({d.hostname}){d.location ? ` · ${d.location}` : ''}</li>)}</ul>
            </>
          )}
          {mayEdit && data.editable && <BatchEdit run={run} batches={data} onChanged={() => void batches.reload()} />}
        </>
      )}
    </section>
  );
}

function BatchEdit({ run, batches, onChanged }: { run: Run; batches: RunBatches; onChanged: () => void }) {
  const devices = [...batches.batches.flatMap((b) => b.devices), ...batches.unassigned, ...batches.excluded];
  const [serial, setSerial] = useState(devices[0]?.serial ?? '');
  const [target, setTarget] = useState(batches.batches[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<string>();

  async function act(call: () => Promise<unknown>) {
    setErrors({});
    setFailure(undefined);
    try {
      await call();
      setReason('');
      onChanged();
    } catch (err) {
      const fields: Record<string, string[]> = {};
      if (err instanceof ApiError) for (const e of err.problem.errors ?? []) (fields[e.path.split('.')[0]] ??= []).push(e.message);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(problemText(err));
    }
  }

  return (
    <form class="form" onSubmit={(e) => e.preventDefault()}>
      {failure && <Notice tone="error" title="Nicht geändert">{failure}</Notice>}
      <Field id="batch-device" label="Gerät" errors={errors.serials}>
        {(a) => (
          <select {...a} value={serial} onChange={(e) => setSerial(e.currentTarget.value)}>
            {devices.map((d) => <option key={d.id} value={d.serial}>{d.serial} · {d.hostname}</option>)}
          </select>
        )}
      </Field>
      <Field id="batch-target" label="In Charge" errors={errors.batch}>
        {(a) => (
          <select {...a} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            {batches.batches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        )}
      </Field>
      <button type="button" class="button button--primary" onClick={() => void act(() => batchesApi.move(run.id, [serial], target))}>Verschieben</button>
      <Field id="batch-reason" label="Grund des Ausschlusses" errors={errors.reason}>
        {(a) => <input {...a} type="text" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
      </Field>
      <button type="button" class="button button--secondary" onClick={() => void act(() => batchesApi.exclude(run.id, [serial], reason))}>
        Ausschließen
      </button>
    </form>
  );
}
