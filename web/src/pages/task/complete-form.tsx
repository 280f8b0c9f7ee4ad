// Erledigen: the form generated from the task's JSON Schema, the API's field errors at their fields.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { Task } from '../../api/types';
import { Notice, problemText } from '../../components/notice';
import { initialValues, toData, type FieldSpec, type FormValues } from '../../forms/json-schema';
import { correctionSummary, errorsByField } from '../../lib/field-errors';
import { dueDay, formatDate } from '../../lib/format';
import { useFocusFirstInvalid } from '../../lib/use-focus-invalid';
import type { OnUpdated } from './text-actions';
import { COMMENT_ERRORS, CompletionFields } from './completion-fields';

interface Props {
  task: Task;
  fields: FieldSpec[];
  onDone: OnUpdated;
  /** "Erledigen und nächste": shown when the inbox's list has another task; called instead of onDone once done */
  onDoneNext?: (updated: Task) => void;
}

export function CompleteForm({ task, fields, onDone, onDoneNext }: Props) {
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, task.data, { keepConfirmations: task.approvals.given.length === 0 }));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  // `fromFields`: a summary of field errors goes once they are all corrected (a new file chosen, a value fixed)
  const [summary, setSummary] = useState<{ text: string; fromFields: boolean }>();
  const [busy, setBusy] = useState(false);
  const { form: formRef, refused } = useFocusFirstInvalid();
  const needsReason = task.kind === 'wait';
  const fourEyes = task.approvals.required > 1;

  const submit = async (e: Event) => {
    e.preventDefault();
    // which button sent the form: "Erledigen" or "Erledigen und nächste"
    const goOn = onDoneNext !== undefined && (e as SubmitEvent).submitter?.getAttribute('name') === 'next';
    setBusy(true);
    setSummary(undefined);
    try {
      const body = { ...(task.form ? { data: toData(fields, values) } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) };
      const updated = await api.complete(task.id, body);
      setErrors({});
      const done = updated.state === 'done';
      if (goOn && updated.state !== 'open') return onDoneNext(updated);
      onDone(
        updated,
        done
          ? 'Die Aufgabe ist erledigt.'
          : updated.state === 'review'
            ? 'Zur Freigabe eingereicht. Jetzt prüft eine zweite Person Ihre Angaben.'
            : `Ihre Freigabe ist gespeichert (${updated.approvals.given.length} von ${updated.approvals.required}). Jetzt fehlt noch die Freigabe einer weiteren Person.`,
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.problem.errors?.length) {
        const byField = errorsByField(err.problem.errors, 'data', [...fields.map((f) => f.name), 'comment']);
        const { '': rest, comment: commentErrors, ...perField } = byField;
        for (const f of fields) if (perField[f.name] && f.required && isEmpty(values[f.name])) perField[f.name] = ['Pflichtfeld'];
        setErrors({ ...perField, ...(commentErrors ? { [COMMENT_ERRORS]: commentErrors } : {}) });
        refused();
        const n = Object.keys(perField).length + (commentErrors ? 1 : 0);
        setSummary({ text: correctionSummary(n, rest), fromFields: !rest?.length });
      } else {
        setErrors({});
        setSummary({ text: problemText(err), fromFields: false });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="complete-title">
      {/* a waiting period ends by itself at its date: ending it by hand is an early end, and says so */}
      <h2 id="complete-title">{needsReason ? 'Wartezeit vorzeitig beenden' : fields.length ? 'Angaben zur Erledigung' : 'Erledigen'}</h2>
      {needsReason && <p class="muted">Die Wartezeit endet sonst von selbst{task.dueAt ? ` am ${formatDate(dueDay(task.dueAt))}` : ''}. Wer sie früher beendet, begründet es.</p>}
      <form ref={formRef} onSubmit={submit} noValidate>
        {summary && (!summary.fromFields || Object.keys(errors).length > 0) && (
          <Notice tone="error" title={needsReason ? 'Die Wartezeit konnte nicht beendet werden' : 'Die Aufgabe konnte nicht erledigt werden'}>
            <p>{summary.text}</p>
          </Notice>
        )}
        <CompletionFields
          fields={fields}
          formId={task.form?.id}
          values={values}
          setValues={setValues}
          errors={errors}
          setErrors={setErrors}
          disabled={busy}
          comment={task.form ? undefined : { value: comment, set: setComment, reasonRequired: needsReason, rows: 3 }}
        />
        {task.requiresDocument && (
          <p class="muted">Dafür nötig: {task.requiresDocument.label}, hochgeladen unter „Dokumente“ auf dieser Seite.</p>
        )}
        {fourEyes && <p class="muted">Vier-Augen-Prinzip: Ihre Angaben prüft danach eine zweite Person und gibt sie frei oder lehnt sie ab.</p>}
        <div class="button-row">
          <button type="submit" class="button button--primary" disabled={busy}>
            {fourEyes ? 'Zur Freigabe einreichen' : needsReason ? 'Vorzeitig beenden' : 'Erledigen'}
          </button>
          {onDoneNext && (
            <button type="submit" name="next" class="button button--secondary" disabled={busy}>
              {fourEyes ? 'Einreichen und nächste' : 'Erledigen und nächste'}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** A required field left empty gets "Pflichtfeld", whatever format message the server has for a missing value. */
export function isEmpty(v: string | boolean | undefined): boolean {
  return v === undefined || (typeof v === 'string' && v.trim() === '');
}

