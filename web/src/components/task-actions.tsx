// Claim, release and assign a task, as far as the task's `allowedActions` allow: in the inbox rows and on the task page.
import { useRef, useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import { rememberNames } from '../api/names';
import type { Task, User } from '../api/types';
import { rolesLabel } from '../lib/labels';
import { may } from '../lib/task-rights';
import { FieldErrors } from './field';
import { problemText } from './notice';
import { ApiError } from '../api/client';

interface Props {
  task: Task;
  onChanged: (task: Task) => void;
  onError: (message: string) => void;
  /** the task title for screen readers, where several rows have the same buttons */
  context?: string;
}

export function TaskActions({ task, onChanged, onError, context }: Props) {
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<Task>) => {
    setBusy(true);
    try {
      onChanged(await action());
    } catch (err) {
      onError(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  const sr = context ? <span class="sr-only">: {context}</span> : null;
  // the town hall's own tasks speak plainly; the KU's teams know "Übernehmen"
  const forGemeinde = task.candidateRoles.length === 1 && task.candidateRoles[0] === 'gemeinde';
  return (
    <div class="task-actions">
      {may(task, 'claim') && (
        <button type="button" class="button button--small button--primary" disabled={busy} onClick={() => run(() => api.claim(task.id))}>
          {forGemeinde ? 'Ich kümmere mich darum' : 'Übernehmen'}{sr}
        </button>
      )}
      {may(task, 'unclaim') && (
        <button type="button" class="button button--small button--secondary" disabled={busy} onClick={() => run(() => api.unclaim(task.id))}>
          {forGemeinde ? 'Doch nicht ich' : 'Abgeben'}{sr}
        </button>
      )}
      {may(task, 'assign') && <AssignButton task={task} onAssigned={onChanged} context={context} />}
    </div>
  );
}

function AssignButton({ task, onAssigned, context }: { task: Task; onAssigned: (t: Task) => void; context?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // whom the assign route accepts, asked for when the dialog opens (undefined while on the way)
  const [candidates, setCandidates] = useState<User[]>();
  const id = `assign-${task.id.replace(/[^\w-]/g, '-')}`;

  const open = () => {
    setAssignee(task.assignee ?? '');
    setError(undefined);
    setCandidates(undefined);
    dialog.current?.showModal();
    api.assignees(task.id).then(
      (people) => {
        rememberNames(people);
        setCandidates(people);
      },
      // without the list the person's id can still be typed; the assign route checks it
      () => setCandidates([]),
    );
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const updated = await api.assign(task.id, assignee.trim());
      dialog.current?.close();
      onAssigned(updated);
    } catch (err) {
      const fieldError = err instanceof ApiError ? err.problem.errors?.find((x) => x.path === 'assignee') : undefined;
      setError(fieldError ? fieldError.message : problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="button button--small button--secondary" onClick={open}>
        Zuweisen{context ? <span class="sr-only">: {context}</span> : null}
      </button>
      <dialog ref={dialog} class="dialog" aria-labelledby={`${id}-title`}>
        <form method="dialog" onSubmit={submit} noValidate>
          <h2 id={`${id}-title`}>Aufgabe zuweisen</h2>
          <p class="muted">{task.title}</p>
          <div class={`field${error ? ' field--invalid' : ''}`}>
            <label for={`${id}-person`} class="field__label">
              Person
            </label>
            {!candidates ? (
              <select id={`${id}-person`} disabled>
                <option>Lade zuständige Personen …</option>
              </select>
            ) : candidates.length ? (
              <select id={`${id}-person`} value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
                <option value="">Bitte wählen …</option>
                {candidates.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({rolesLabel(u.roles)})
                  </option>
                ))}
              </select>
            ) : (
              <input id={`${id}-person`} type="text" value={assignee} onInput={(e) => setAssignee(e.currentTarget.value)} placeholder="Benutzerkennung" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
            )}
            <FieldErrors id={`${id}-error`} errors={error ? [error] : undefined} />
          </div>
          <div class="button-row">
            <button type="submit" class="button button--primary" disabled={busy}>
              Zuweisen
            </button>
            <button type="button" class="button button--secondary" onClick={() => dialog.current?.close()}>
              Abbrechen
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
