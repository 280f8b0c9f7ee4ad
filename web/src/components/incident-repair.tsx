// Repairing a failed automated step, on its repair task and on the run page alike: the error in plain words, the
// input the step failed on in an editable form, "Erneut versuchen" with the corrected input, "Überspringen" with a
// reason. Only fields a person changed are sent, so the audit trail names what was corrected.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { Step } from '../api/types';
import { Field } from './field';
import { Notice, problemText } from './notice';
import { readNumber } from '../lib/number';

type Kind = 'text' | 'long' | 'number' | 'boolean' | 'json';

function kindOf(value: unknown): Kind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return value.includes('\n') || value.length > 80 ? 'long' : 'text';
  return 'json';
}

function shown(value: unknown, kind: Kind): string | boolean {
  if (kind === 'boolean') return value === true;
  if (kind === 'json') return JSON.stringify(value, null, 2);
  return value === undefined || value === null ? '' : String(value);
}

export interface IncidentRepairProps {
  runId: string;
  stepId: string;
  error: string;
  /** the input the step failed on (absent for runs started before repair tasks: retry then uses the same input) */
  input?: Record<string, unknown>;
  onDone: (step: Step, text: string) => void;
}

export function IncidentRepair({ runId, stepId, error, input, onDone }: IncidentRepairProps) {
  const entries = Object.entries(input ?? {});
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(entries.map(([k, v]) => [k, shown(v, kindOf(v))])),
  );
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `repair-${stepId}-${name}`;

  /** The changed fields, typed as the step had them; field errors for what cannot be read back. */
  const corrected = (): Record<string, unknown> | undefined => {
    const out: Record<string, unknown> = {};
    const bad: Record<string, string[]> = {};
    for (const [key, original] of entries) {
      const kind = kindOf(original);
      const value = values[key];
      if (value === shown(original, kind)) continue;
      if (kind === 'number') {
        const n = readNumber(String(value));
        if (n === undefined) bad[key] = ['Bitte eine Zahl angeben.'];
        else out[key] = n;
      } else if (kind === 'json') {
        try {
          out[key] = JSON.parse(String(value));
        } catch {
          bad[key] = ['Kein gültiger Wert (JSON), bitte prüfen.'];
        }
      } else out[key] = value;
    }
    setErrors(bad);
    return Object.keys(bad).length ? undefined : out;
  };

  const act = async (run: () => Promise<Step>, text: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      onDone(await run(), text);
    } catch (err) {
      const fieldErrors = err instanceof ApiError ? (err.problem.errors ?? []) : [];
      const byField: Record<string, string[]> = {};
      for (const e of fieldErrors) {
        // corrected input is checked by the form it came from: `input.<field>` goes to that field
        const key = e.path === 'reason' ? '__reason' : e.path.startsWith('input.') ? e.path.slice('input.'.length).split('.')[0] : undefined;
        if (key) (byField[key] ??= []).push(key === '__reason' ? 'Bitte einen Grund angeben.' : e.message);
      }
      if (Object.keys(byField).length) setErrors(byField);
      else setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  const retry = (e: Event) => {
    e.preventDefault();
    const changed = corrected();
    if (!changed) return;
    void act(
      () => api.retryStep(runId, stepId, Object.keys(changed).length ? changed : undefined),
      'Der Schritt wird mit den Eingaben erneut ausgeführt.',
    );
  };

  const skip = (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors({ __reason: ['Bitte einen Grund angeben.'] });
      return;
    }
    void act(() => api.skipStep(runId, stepId, reason.trim()), 'Der Schritt wurde übersprungen.');
  };

  return (
    <div class="incident-repair">
      <Notice tone="error" title="Fehlermeldung">
        <p>{error}</p>
      </Notice>
      {problem && (
        <Notice tone="error" title="Das hat nicht geklappt">
          <p>{problem}</p>
        </Notice>
      )}
      <form onSubmit={retry} noValidate>
        {entries.length > 0 ? (
          <fieldset class="fieldset">
            <legend>Eingaben, an denen der Schritt scheiterte</legend>
            {entries.map(([key, original]) => {
              const kind = kindOf(original);
              const value = values[key];
              return (
                <Field key={key} id={id(key)} label={<span class="mono">{key}</span>} errors={errors[key]}>
                  {(aria) =>
                    kind === 'boolean' ? (
                      <input {...aria} type="checkbox" checked={value === true} disabled={busy} onChange={(e) => setValues((v) => ({ ...v, [key]: e.currentTarget.checked }))} />
                    ) : kind === 'long' || kind === 'json' ? (
                      <textarea
                        {...aria}
                        class="mono"
                        rows={Math.min(12, Math.max(3, String(value).split('\n').length))}
                        value={String(value)}
                        disabled={busy}
                        onInput={(e) => setValues((v) => ({ ...v, [key]: e.currentTarget.value }))}
                      />
                    ) : (
                      <input
                        {...aria}
                        type="text"
                        inputMode={kind === 'number' ? 'decimal' : undefined}
                        value={String(value)}
                        disabled={busy}
                        onInput={(e) => setValues((v) => ({ ...v, [key]: e.currentTarget.value }))}
                      />
                    )
                  }
                </Field>
              );
            })}
          </fieldset>
        ) : (
          <p class="muted">Der Schritt wird mit denselben Eingaben erneut ausgeführt.</p>
        )}
        <div class="button-row">
          <button type="submit" class="button button--primary" disabled={busy}>
            Erneut versuchen
          </button>
        </div>
      </form>
      <form onSubmit={skip} noValidate class="form--second">
        <Field id={id('skip-reason')} label="Grund für das Überspringen" required errors={errors.__reason}>
          {(aria) => <textarea {...aria} rows={2} value={reason} disabled={busy} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <div class="button-row">
          <button type="submit" class="button button--secondary" disabled={busy}>
            Überspringen
          </button>
        </div>
      </form>
    </div>
  );
}
