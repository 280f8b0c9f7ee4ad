// Aufgaben: the work waiting for me and my team, with filters (team, Gemeinde, overdue, due this week) and
// claim/assign right in the list. The server filters, pages ("Weitere laden") and counts (inbox/inbox-data.ts).
// Filters live in the URL, so a filtered inbox can be bookmarked. Several tasks of one kind (the same form) are
// selected and completed with one form; the list shown is remembered for the task page's "Erledigen und nächste".
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import { usePeople } from '../api/people';
import type { Role, Task, User } from '../api/types';
import { isGemeindeOnly } from '../auth/session';
import { PageTitle } from '../components/layout';
import { CalendarSubscription } from '../components/calendar-links';
import { LoadError, Loading, Notice } from '../components/notice';
import { TaskActions } from '../components/task-actions';
import type { TaskWithBatch } from '../api/tasks-bulk-types';
import { dueDay, formatDate, todayIso } from '../lib/format';
import { processLabel, ROLE_LABELS, rolesLabel, STEP_KIND_LABELS } from '../lib/labels';
import { useRunNames } from '../api/run-names';
import { rememberInboxList } from '../lib/inbox-list';
import { may } from '../lib/task-rights';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, navigate, paths } from '../router';
import { BulkComplete, formKey } from './inbox/bulk-complete';
import { countLabel, INBOX_LOAD_ALL_MAX, INBOX_PAGE, loadInbox, withAllPages, withNextPage, type InboxFilters } from './inbox/inbox-data';

function readFilters(q: URLSearchParams): InboxFilters {
  const view = q.get('ansicht');
  return {
    view: view === 'meine' ? 'mine' : view === 'alle' ? 'all' : 'team',
    team: q.get('team') ?? '',
    ags: q.get('gemeinde') ?? '',
    overdue: q.get('ueberfaellig') === '1',
    week: q.get('woche') === '1',
  };
}

function writeFilters(f: InboxFilters): string {
  const q = new URLSearchParams();
  if (f.view !== 'team') q.set('ansicht', f.view === 'mine' ? 'meine' : 'alle');
  if (f.team) q.set('team', f.team);
  if (f.ags) q.set('gemeinde', f.ags);
  if (f.overdue) q.set('ueberfaellig', '1');
  if (f.week) q.set('woche', '1');
  const s = q.toString();
  return s ? `${paths.inbox}?${s}` : paths.inbox;
}

export function InboxPage({ user, query }: { user: User; query: URLSearchParams }) {
  useTitle('Aufgaben');
  const filters = readFilters(query);
  const filterKey = writeFilters(filters);
  // how many pages are shown: the refresh reloads as many, new filters start again at the first
  const pages = useRef(1);
  const inbox = useResource(() => loadInbox(filters, user.id, pages.current), [filterKey, user.id], { refreshMs: 20_000 });
  const gemeinden = useResource(api.gemeinden, []);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string; refused?: { task: Task; reason: string; status: number }[] }>();
  const [selected, setSelected] = useState<string[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const people = usePeople();
  // a migration's task names its Verfahren: several migrations' acceptances would otherwise read the same
  const runName = useRunNames();
  const set = (patch: Partial<InboxFilters>) => {
    pages.current = 1;
    navigate(writeFilters({ ...filters, ...patch }), { replace: true });
  };

  const shown = inbox.data?.items ?? [];
  const counts = inbox.data?.counts;
  const setShown = (items: Task[]) => inbox.data && inbox.set({ ...inbox.data, items });
  const viewCount = counts && (filters.view === 'mine' ? counts.assigned : filters.view === 'all' ? counts.open : counts.work);
  const today = todayIso();
  const gemeindeOnly = isGemeindeOnly(user);
  const shownIds = shown.map((t) => t.id).join('\n');
  useEffect(() => {
    if (inbox.data) rememberInboxList(shownIds ? shownIds.split('\n') : []);
  }, [shownIds, inbox.data !== undefined]);
  const chosen = shown.filter((t) => selected.includes(t.id));
  const kind = chosen[0] && formKey(chosen[0]);
  const selectable = (t: Task) => may(t, 'complete') && (!kind || formKey(t) === kind);
  const toggle = (id: string, on: boolean) => setSelected((old) => (on ? [...old, id] : old.filter((x) => x !== id)));
  const sameKind = kind ? shown.filter((t) => may(t, 'complete') && formKey(t) === kind) : [];

  // after a change made here (claim, assign, bulk completion) the list shows it at once, and a reload brings the tabs'
  // counts (and any view the change moved the task out of) to what the server now has
  const replaceTask = (updated: Task) => {
    setShown(shown.map((t) => (t.id === updated.id ? updated : t)));
    void inbox.reload();
    setMessage({ tone: 'success', text: `„${updated.title}“: ${updated.assignee ? `bearbeitet von ${people.name(updated.assignee)}` : 'wieder für das Team frei'}.` });
  };
  /** Loads further pages (the next one, or all of them) and then, with the list as it is then, does `then`. */
  const loadPages = async (all: boolean, then?: (items: Task[]) => void) => {
    if (!inbox.data) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const more = all ? await withAllPages(inbox.data, filters, user.id) : await withNextPage(inbox.data, filters, user.id);
      inbox.set(more);
      pages.current = Math.ceil(more.items.length / INBOX_PAGE);
      then?.(more.items);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };
  const loadMore = () => loadPages(false);
  // "Alle gleichartigen" beyond the pages shown: the list loads the rest of the view first
  const selectSameKindEverywhere = () => loadPages(true, (items) => setSelected(items.filter((t) => may(t, 'complete') && formKey(t) === kind).map((t) => t.id)));

  return (
    <div class="page">
      <PageTitle sub={gemeindeOnly ? 'Aufgaben Ihrer Gemeinde im Onboarding' : 'Offene Aufgaben für Sie und Ihr Team'}>Aufgaben</PageTitle>
      <form class="filters" role="search" aria-label="Aufgaben filtern" onSubmit={(e) => e.preventDefault()}>
        <fieldset class="segmented">
          <legend class="sr-only">Ansicht</legend>
          {(
            [
              ['mine', 'Meine Aufgaben', counts?.assigned],
              ['team', gemeindeOnly ? 'Für meine Gemeinde' : 'Mein Team', counts?.work],
              ['all', 'Alle offenen', counts?.open],
            ] as const
          ).map(([value, label, count]) => (
            <label key={value} class={filters.view === value ? 'is-selected' : ''}>
              <input type="radio" name="ansicht" value={value} checked={filters.view === value} onChange={() => set({ view: value })} />
              {label} <span class="count">{count ? countLabel(count) : '…'}</span>
            </label>
          ))}
        </fieldset>
        <div class="filters__row">
          {!gemeindeOnly && (
            <div class="field field--inline">
              <label for="filter-team" class="field__label">
                Team
              </label>
              <select id="filter-team" value={filters.team} onChange={(e) => set({ team: e.currentTarget.value })}>
                <option value="">Alle Teams</option>
                {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {(gemeinden.data?.length ?? 0) > 1 && (
            <div class="field field--inline">
              <label for="filter-gemeinde" class="field__label">
                Gemeinde
              </label>
              <select id="filter-gemeinde" value={filters.ags} onChange={(e) => set({ ags: e.currentTarget.value })}>
                <option value="">Alle Gemeinden</option>
                {gemeinden.data?.map((g) => (
                  <option key={g.ags} value={g.ags}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="check">
            <input id="filter-overdue" type="checkbox" checked={filters.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} />
            <label for="filter-overdue">Nur überfällige</label>
          </div>
          <div class="check">
            <input id="filter-week" type="checkbox" checked={filters.week} onChange={(e) => set({ week: e.currentTarget.checked })} />
            <label for="filter-week">Fällig diese Woche</label>
          </div>
          <button type="button" class="button button--secondary button--small" onClick={() => void inbox.reload()}>
            Aktualisieren
          </button>
        </div>
      </form>

      <div aria-live="polite">
        {message && (
          <Notice tone={message.tone}>
            <p>{message.text}</p>
            {message.refused && message.refused.length > 0 && (
              <ul class="bulk-refused">
                {message.refused.map((r) => (
                  <li key={r.task.id}>
                    <Link href={paths.task(r.task.id)}>{r.task.title}</Link> ({r.task.gemeindeName ?? r.task.ags}
                    {batchOf(r.task) ? `, ${batchOf(r.task)}` : ''}): {r.reason}
                  </li>
                ))}
              </ul>
            )}
          </Notice>
        )}
      </div>

      {chosen.length > 0 && (
        <>
          <p class="bulk-selection" role="status">
            {chosen.length === 1 ? '1 Aufgabe ausgewählt' : `${chosen.length} Aufgaben ausgewählt`}
            {sameKind.length > chosen.length && (
              <>
                {' '}
                <button type="button" class="link-button" onClick={() => setSelected(sameKind.map((t) => t.id))}>
                  Alle {sameKind.length} gleichartigen auswählen
                </button>
              </>
            )}
            {sameKind.length === chosen.length && inbox.data?.nextCursor && (
              shown.length < INBOX_LOAD_ALL_MAX ? (
                <>
                  {' '}
                  <button type="button" class="link-button" disabled={loadingMore} onClick={() => void selectSameKindEverywhere()}>
                    {loadingMore ? 'Wird geladen …' : 'Auch gleichartige aus den noch nicht geladenen Aufgaben auswählen'}
                  </button>
                </>
              ) : (
                <span class="muted"> Weitere Aufgaben sind nicht geladen: für mehr die Liste bitte filtern.</span>
              )
            )}
          </p>
          <BulkComplete
            key={kind}
            tasks={chosen}
            onCancel={() => setSelected([])}
            onDone={(done, refused) => {
              const doneIds = new Set(done.map((t) => t.id));
              setShown(shown.filter((t) => !doneIds.has(t.id)).map((t) => done.find((d) => d.id === t.id) ?? t));
              void inbox.reload();
              // a task no longer open (409) or gone (404) cannot be sent again; the others stay selected to retry
              setSelected(refused.filter((r) => r.status !== 409 && r.status !== 404).map((r) => r.task.id));
              const n = done.length;
              setMessage({
                tone: refused.length ? 'error' : 'success',
                text: `${n === 1 ? '1 Aufgabe' : `${n} Aufgaben`} erledigt.${refused.length ? ` ${refused.length === 1 ? '1 Aufgabe wurde' : `${refused.length} Aufgaben wurden`} abgelehnt:` : ''}`,
                refused,
              });
              void inbox.reload();
            }}
          />
        </>
      )}

      {inbox.error !== undefined && <LoadError error={inbox.error} what="Aufgabenliste" />}
      {!inbox.data && inbox.loading && <Loading />}
      {inbox.data && viewCount && (
        <>
          <p class="result-count" role="status">
            {viewCount.count === 1 && !viewCount.capped ? '1 Aufgabe' : `${countLabel(viewCount)} Aufgaben`}
          </p>
          {shown.length === 0 ? (
            <div class="empty">
              <p>Keine offenen Aufgaben für diese Auswahl.</p>
              {filters.view === 'mine' && counts.work.count > 0 && (
                <p>
                  In Ihrem Team warten {countLabel(counts.work)} Aufgaben.{' '}
                  <button type="button" class="link-button" onClick={() => set({ view: 'team' })}>
                    Aufgaben des Teams anzeigen
                  </button>
                </p>
              )}
            </div>
          ) : (
            <table class="table table--tasks">
              <caption class="sr-only">Offene Aufgaben</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="sr-only">Auswahl</span>
                  </th>
                  <th scope="col">Aufgabe</th>
                  <th scope="col">Gemeinde</th>
                  <th scope="col">Team</th>
                  <th scope="col">Fällig</th>
                  <th scope="col">Bearbeitung</th>
                  <th scope="col">
                    <span class="sr-only">Aktionen</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((t) => (
                  <tr key={t.id} class={t.overdue ? 'is-overdue' : ''}>
                    <td class="cell-select">
                      {may(t, 'complete') && (
                        <input
                          type="checkbox"
                          aria-label={`Auswählen: ${t.title}${batchOf(t) ? `, ${batchOf(t)}` : ''} (${t.gemeindeName ?? t.ags})`}
                          checked={selected.includes(t.id)}
                          disabled={!selected.includes(t.id) && !selectable(t)}
                          title={!selected.includes(t.id) && !selectable(t) ? 'Nur Aufgaben mit demselben Formular gemeinsam erledigen' : undefined}
                          onChange={(e) => toggle(t.id, e.currentTarget.checked)}
                        />
                      )}
                    </td>
                    <td data-label="Aufgabe">
                      <Link href={paths.task(t.id)} class="task-link">
                        {t.title}
                      </Link>
                      <span class="muted small">
                        {t.process === 'verfahren-migration' ? runName(t.runId) : processLabel(t.process ?? '')} · {STEP_KIND_LABELS[t.kind]}
                        {t.approvals.required > 1 && ` · Vier-Augen (${t.approvals.given.length}/${t.approvals.required})`}
                      </span>
                      {batchOf(t) && <span class="small block batch-label">{batchOf(t)}</span>}
                    </td>
                    <td data-label="Gemeinde">{t.gemeindeName ?? t.ags}</td>
                    <td data-label="Team">{rolesLabel(t.candidateRoles)}</td>
                    <td data-label="Fällig">
                      <DueDate task={t} today={today} />
                    </td>
                    <td data-label="Bearbeitung">{t.assignee ? people.name(t.assignee) : <span class="muted">nicht zugewiesen</span>}</td>
                    <td class="cell-actions">
                      <TaskActions task={t} context={t.title} onChanged={replaceTask} onError={(text) => setMessage({ tone: 'error', text })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {inbox.data.nextCursor && (
            <div class="list-more">
              <p class="muted small" aria-live="polite">
                {shown.length.toLocaleString('de-DE')} von {countLabel(viewCount)} angezeigt
              </p>
              <button type="button" class="button button--secondary" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? 'Wird geladen …' : 'Weitere laden'}
              </button>
            </div>
          )}
          {moreError !== undefined && <LoadError error={moreError} what="Weitere Aufgaben" />}
        </>
      )}
      {/* the calendar subscription is set up once: below the work, not in its way */}
      <CalendarSubscription />
    </div>
  );
}

/**
 * "Rathaus 1 · 40 Geräte" for a rollout task (batch labels read "Charge 1" or name the building), "… · 12 erledigt oder
 * ausgenommen" in a step done device by device, as the API counts them together (the device table tells the two apart)
 */
export function batchOf(task: TaskWithBatch): string | undefined {
  const b = task.batch;
  if (!b) return undefined;
  const done = b.devicesDone !== undefined ? ` · ${b.devicesDone} erledigt oder ausgenommen` : '';
  return `${b.name} · ${b.devices === 1 ? '1 Gerät' : `${b.devices} Geräte`}${done}`;
}

export function DueDate({ task, today }: { task: Task; today: string }) {
  const day = dueDay(task.dueAt);
  if (!day) return <span class="muted">ohne Frist</span>;
  return (
    <span class="due">
      {formatDate(day)}
      {task.overdue ? <span class="badge badge--danger">überfällig</span> : day === today ? <span class="badge badge--warning">heute</span> : null}
    </span>
  );
}
