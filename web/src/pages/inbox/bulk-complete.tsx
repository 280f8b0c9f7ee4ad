// Several tasks of one kind (the same form) completed with one form: POST /tasks/bulk answers per task, so what
// was done leaves the list and each refused task is named with its reason. Field errors that every task shares
// (the data the form refuses) are shown at the fields, as on the task page.
import { useMemo, useState } from 'preact/hooks';
import { problemText } from '../../components/notice';
import { ApiError } from '../../api/client';
import { bulkTasks } from '../../api/tasks-bulk';
import type { BulkTaskResult } from '../../api/tasks-bulk-types';
import type { Task } from '../../api/types';
import { Notice } from '../../components/notice';
import { fieldsOf, initialValues, toData, type FormValues } from '../../forms/json-schema';
import { correctionSummary, errorsByField } from '../../lib/field-errors';
import { CompletionFields } from '../task/completion-fields';

interface Props {
  tasks: Task[];
  /** after sending: the tasks done (or submitted for review) and the refused ones with their reasons */
  onDone: (done: Task[], refused: { task: Task; reason: string; status: number }[]) => void;
  onCancel: () => void;
}

/** The kind of task a form stands for: tasks of the same form are completed together. */
export function formKey(task: Task): string {
  return task.form?.id ?? `ohne-formular:${task.kind}`;
}

export function BulkComplete({ tasks, onDone, onCancel }: Props) {
  const first = tasks[0];
  const fields = useMemo(() => (first.form ? fieldsOf(first.form.schema) : []), [first.form]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, undefined, { keepConfirmations: false }));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [summary, setSummary] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fourEyes = tasks.some((t) => t.approvals.required > 1);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSummary(undefined);
    try {
      const answer = await bulkTasks({
        action: 'complete',
        taskIds: tasks.map((t) => t.id),
        ...(first.form ? { data: toData(fields, values) } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      const byId = new Map(tasks.map((t) => [t.id, t]));
      const done = answer.results.filter((r) => r.task).map((r) => r.task!);
      const refused = answer.results.filter((r) => !r.task);
      const invalid = refused.filter((r) => r.status === 422 && r.problem?.errors?.length);
      if (done.length === 0 && invalid.length === refused.length && invalid.length > 0) {
        // the data itself is refused: correct it at the fields and send again
        const { '': rest, ...perField } = errorsByField(invalid[0].problem!.errors, 'data', fields.map((f) => f.name));
        setErrors(perField);
        setSummary(correctionSummary(Object.keys(perField).length, rest));
        return;
      }
      setErrors({});
      onDone(done, refused.map((r) => ({ task: byId.get(r.taskId)!, reason: reasonOf(r), status: r.status })));
    } catch (err) {
      setSummary(err instanceof ApiError && err.problem.errors?.length ? err.problem.errors.map((x) => x.message).join(' ') : problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card bulk-complete" aria-labelledby="bulk-title">
      <h2 id="bulk-title">
        {tasks.length === 1 ? '1 Aufgabe' : `${tasks.length} Aufgaben`} „{first.title}“ {tasks.length === 1 ? 'erledigen' : 'gemeinsam erledigen'}
      </h2>
      <p class="muted">Die Angaben gelten für jede ausgewählte Aufgabe. Jede Aufgabe wird wie einzeln geprüft; was abgelehnt wird, bleibt offen.</p>
      <form onSubmit={submit} noValidate>
        {summary && (
          <Notice tone="error" title="Die Aufgaben konnten nicht erledigt werden">
            <p>{summary}</p>
          </Notice>
        )}
        <CompletionFields
          fields={fields}
          formId={first.form?.id}
          idPrefix="sammel"
          values={values}
          setValues={setValues}
          errors={errors}
          setErrors={setErrors}
          disabled={busy}
          comment={first.form ? undefined : { value: comment, set: setComment, reasonRequired: first.kind === 'wait', rows: 2 }}
        />
        {fourEyes && <p class="muted">Vier-Augen-Prinzip: die Angaben werden zur Freigabe eingereicht.</p>}
        <div class="button-row">
          <button type="submit" class="button button--primary" disabled={busy}>
            {tasks.length === 1 ? '1 Aufgabe' : `${tasks.length} Aufgaben`} {fourEyes ? 'einreichen' : 'erledigen'}
          </button>
          <button type="button" class="button button--secondary" disabled={busy} onClick={onCancel}>
            Auswahl aufheben
          </button>
        </div>
      </form>
    </section>
  );
}

function reasonOf(r: BulkTaskResult): string {
  const p = r.problem;
  if (!p) return `Fehler ${r.status}`;
  const fieldText = p.errors?.map((e) => e.message).join(', ');
  return [p.detail ?? p.title, fieldText && fieldText !== p.detail ? fieldText : ''].filter(Boolean).join(': ');
}
