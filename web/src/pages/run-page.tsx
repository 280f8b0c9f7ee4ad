// Vorgang: where a run stands — Gemeinde, named contact, phase, health, progress, target vs projected go-live —
// its plan as a timeline, the step list, child runs (Teilvorgänge), open tasks and (for staff) the audit trail.
import { useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import { usePhaseTitles } from '../api/phases';
import type { Run, User } from '../api/types';
import { hasRole, isGemeindeOnly } from '../auth/session';
import { HealthBadge } from '../components/health';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { ProgressBar } from '../components/progress-bar';
import { Field } from '../components/field';
import { formatBusinessDays, formatDate, formatDateTime } from '../lib/format';
import { slackText } from '../lib/go-live';
import { processLabel, rolesLabel, runStatusLabel, STEP_KIND_LABELS, STEP_STATE_LABELS } from '../lib/labels';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';
import { AuditTrail } from './run/audit-trail';
import { planRows } from './run/plan-rows';
import { Timeline } from '../components/timeline';
import { RunTasks } from './run/run-tasks';
import { RunIncidents } from './run/run-incidents';
import { ContactCard } from './run/contact-card';
import { ChildRuns, useChildSummaries } from './run/child-runs';
import { Documents } from './run/documents';
import { DeviceTable } from './run/device-table';
import { DeviceBatches } from './run/device-batches';
import { Conversation, projectLeadSide } from './portal/conversation';

export function RunPage({ id, user }: { id: string; user: User }) {
  const run = useResource(() => api.run(id), [id], { refreshMs: 15_000 });
  useTitle(run.data ? `${processLabel(run.data.process)} ${run.data.gemeinde.name}` : 'Vorgang');
  const gemeindeOnly = isGemeindeOnly(user);
  const back = gemeindeOnly ? { href: paths.portal, label: 'Unser Onboarding' } : { href: paths.portfolio, label: 'Übersicht' };

  if (!run.data) {
    return (
      <div class="page">
        <nav aria-label="Brotkrumen" class="breadcrumb">
          <Link href={back.href}>{back.label}</Link>
        </nav>
        <PageTitle>Vorgang</PageTitle>
        {run.error !== undefined ? <LoadError error={run.error} what="Vorgang" /> : <Loading />}
      </div>
    );
  }
  return <RunView run={run.data} user={user} back={back} onReload={() => void run.reload()} />;
}


function RunView({ run, user, back, onReload }: { run: Run; user: User; back: { href: string; label: string }; onReload: () => void }) {
  const phaseTitle = usePhaseTitles(run.process);
  const [detail, setDetail] = useState(true);
  const gemeindeOnly = isGemeindeOnly(user);
  const delay = run.slackDays === undefined || run.slackDays === null ? undefined : -run.slackDays;
  const childRuns = useChildSummaries(run);

  return (
    <div class="page page--run">
      <nav aria-label="Brotkrumen" class="breadcrumb">
        <Link href={back.href}>{back.label}</Link> <span aria-hidden="true">›</span>
        {run.parentId && (
          <>
            {' '}
            <Link href={paths.run(run.parentId)}>Gemeinde-Onboarding</Link> <span aria-hidden="true">›</span>
          </>
        )}{' '}
        <span>{run.gemeinde.name}</span>
      </nav>
      <PageTitle sub={`${processLabel(run.process)} · AGS ${run.gemeinde.ags}${run.startedAt ? ` · gestartet am ${formatDate(run.startedAt)}` : ''}`}>
        {run.gemeinde.name}
        {run.process !== 'gemeinde-onboarding' && <span class="title-suffix"> · {run.title ?? processLabel(run.process)}</span>}
      </PageTitle>

      {run.status !== 'running' && (
        <Notice tone={run.status === 'completed' ? 'success' : 'warning'} title={`Vorgang ${runStatusLabel(run.status)}`}>
          {run.cancelReason && <p>Grund: {run.cancelReason}</p>}
          {run.completedAt && <p>am {formatDateTime(run.completedAt)}</p>}
        </Notice>
      )}
      <RunIncidents run={run} user={user} onRepaired={onReload} />

      <div class="summary-grid">
        <section class="card stat" aria-labelledby="stat-phase">
          <h2 id="stat-phase" class="stat__label">Phase</h2>
          <p class="stat__value">{run.phaseTitle ?? phaseTitle(run.phase)}</p>
          <p class="muted">Status: {runStatusLabel(run.status)}</p>
        </section>
        <section class="card stat" aria-labelledby="stat-health">
          <h2 id="stat-health" class="stat__label">Terminlage</h2>
          <p class="stat__value">
            <HealthBadge health={run.health} />
          </p>
          {slackText(run) && <p class="muted">{slackText(run)}</p>}
          {(run.healthReasons?.length ?? 0) > 0 && (
            <ul class="health-reasons" aria-label="Gründe für die Terminlage">
              {run.healthReasons!.map((r, i) => (
                <li key={i}>{r.text}</li>
              ))}
            </ul>
          )}
        </section>
        <section class="card stat" aria-labelledby="stat-progress">
          <h2 id="stat-progress" class="stat__label">Fortschritt</h2>
          <ProgressBar value={run.progress} label={`Fortschritt ${run.gemeinde.name}`} />
          <p class="muted">
            {run.steps.filter((s) => s.state === 'done' || s.state === 'skipped').length} von {run.steps.length} Schritten erledigt (Prozent nach geplantem Aufwand gewichtet)
          </p>
        </section>
        <section class="card stat" aria-labelledby="stat-golive">
          <h2 id="stat-golive" class="stat__label">Go-live</h2>
          <dl class="golive">
            <dt>Ziel</dt>
            <dd>
              {formatDate(run.targetGoLive)}
              {run.ambitious && <span class="delta delta--late"> ambitioniert</span>}
            </dd>
            {run.plannedGoLive && (
              <>
                <dt>Plan</dt>
                <dd>{formatDate(run.plannedGoLive)}</dd>
              </>
            )}
            {run.status === 'running' || run.status === 'completed' ? (
              <>
                {/* a migration goes on after its cutover (parallel operation): its go-live is a fact from then on */}
                <dt>{run.status === 'completed' || run.wentLiveOn ? 'Tatsächlich' : 'Prognose'}</dt>
                <dd>
                  {formatDate(run.wentLiveOn ?? run.projectedGoLive)}
                  {delay !== undefined && delay !== 0 && (
                    <span class={`delta ${delay > 0 ? 'delta--late' : 'delta--early'}`}>
                      {formatBusinessDays(delay)} {delay > 0 ? 'nach dem Ziel' : 'vor dem Ziel'}
                    </span>
                  )}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <ContactCard run={run} forGemeinde={gemeindeOnly} />
      </div>

      <section aria-labelledby="plan-title" class="section">
        <div class="section__head">
          <h2 id="plan-title">Zeitplan</h2>
          <div class="check">
            <input id="plan-detail" type="checkbox" checked={detail} onChange={(e) => setDetail(e.currentTarget.checked)} />
            <label for="plan-detail">Einzelne Schritte anzeigen</label>
          </div>
        </div>
        <div class="card card--flush">
          <Timeline rows={planRows(run, phaseTitle, detail)} legend={['planned', 'actual', 'forecast', 'critical', 'milestone', 'target']} caption={`Zeitplan ${run.gemeinde.name}: Phasen und Schritte, geplant und tatsächlich`} />
        </div>
      </section>

      <RunTasks run={run} user={user} childRuns={childRuns} />

      <ChildRuns run={run} summaries={childRuns} />

      {run.process === 'arbeitsplatz-rollout' && !gemeindeOnly && <DeviceTable run={run} />}

      {run.process === 'gemeinde-onboarding' && !gemeindeOnly && <DeviceBatches run={run} mayEdit={hasRole(user, 'projektleitung', 'admin')} />}

      <Documents runId={run.id} offersDrafts={!gemeindeOnly} />

      {run.process === 'gemeinde-onboarding' && (
        // the other side of the conversation: for the Gemeinde's staff the project lead, for the KU the Gemeinde
        <Conversation runId={run.id} otherSide={gemeindeOnly ? projectLeadSide(run) : `Die Gemeinde ${run.gemeinde.name}`} />
      )}

      <section aria-labelledby="steps-title" class="section">
        <h2 id="steps-title">Schritte</h2>
        <div class="table-wrap">
        <table class="table table--steps">
          <caption class="sr-only">Alle Schritte des Vorgangs mit Status und Terminen</caption>
          <thead>
            <tr>
              <th scope="col">Schritt</th>
              <th scope="col">Phase</th>
              <th scope="col">Art</th>
              <th scope="col">Status</th>
              <th scope="col">Geplant</th>
              <th scope="col">Tatsächlich / Prognose</th>
              {!gemeindeOnly && <th scope="col">Zuständig</th>}
            </tr>
          </thead>
          <tbody>
            {run.steps.map((s) => (
              <tr key={s.id} class={s.critical ? 'is-critical' : ''}>
                <th scope="row" data-label="Schritt">
                  {s.title}
                  {s.milestone && <span class="badge badge--neutral">Meilenstein</span>}
                  {s.critical && s.state !== 'done' && <span class="badge badge--critical">kritischer Pfad</span>}
                  {s.summary && <span class="muted small block">{s.summary}</span>}
                  {s.error && <span class="error-text small block">{s.error}</span>}
                </th>
                <td data-label="Phase">{phaseTitle(s.phase)}</td>
                <td data-label="Art">{STEP_KIND_LABELS[s.kind]}</td>
                <td data-label="Status">
                  <span class={`state state--${s.state}`}>{STEP_STATE_LABELS[s.state]}</span>
                  {/* a cutover held back by a blocked window says so where its state is read, not only in the Terminlage */}
                  {s.heldUntil && s.state === 'pending' && (
                    <span class="muted small block" title={s.heldReason}>
                      zurückgestellt bis <span class="nowrap">{formatDate(s.heldUntil)}</span>
                      {s.heldReason ? ` (${s.heldReason})` : ''}
                    </span>
                  )}
                </td>
                <td data-label="Geplant">
                  <DateRange from={s.plannedStart} to={s.plannedEnd} />
                </td>
                <td data-label="Tatsächlich / Prognose">
                  {s.completedAt ? (
                    <DateRange from={s.startedAt} to={s.completedAt} />
                  ) : s.startedAt ? (
                    <>
                      seit <span class="nowrap">{formatDate(s.startedAt)}</span>
                      {s.projectedEnd && (
                        <span class="block muted">
                          Ende vsl. <span class="nowrap">{formatDate(s.projectedEnd)}</span>
                        </span>
                      )}
                    </>
                  ) : s.projectedEnd && s.projectedEnd !== s.plannedEnd ? (
                    <span class="muted">
                      Ende vsl. <span class="nowrap">{formatDate(s.projectedEnd)}</span>
                    </span>
                  ) : (
                    '–'
                  )}
                </td>
                {!gemeindeOnly && <td data-label="Zuständig">{rolesLabel(s.candidateRoles ?? [])}</td>}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </section>

      {hasRole(user, 'vorstand', 'bereichsleitung', 'projektleitung', 'netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'admin') && <AuditTrail run={run} />}

      {run.status === 'running' && hasRole(user, 'projektleitung', 'admin') && <CancelRun run={run} onDone={onReload} />}
    </div>
  );
}

/** A span of days; one day when it started and ended on the same day. Breaks only after the dash. */
function DateRange({ from, to }: { from?: string; to?: string }) {
  const a = formatDate(from);
  const b = formatDate(to);
  if (a === b) return <span class="nowrap">{a}</span>;
  return (
    <>
      <span class="nowrap">{a} –</span> <span class="nowrap">{b}</span>
    </>
  );
}

function CancelRun({ run, onDone }: { run: Run; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <details class="card card--details card--danger">
      <summary>Vorgang abbrechen</summary>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          try {
            await api.cancelRun(run.id, reason.trim());
            setError(undefined);
            onDone();
          } catch (err) {
            setError(problemText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p class="muted">Der Abbruch setzt bereits ausgeführte Schritte zurück, soweit möglich (z. B. Netzbereiche freigeben). Er wird protokolliert.</p>
        <Field id="cancel-reason" label="Grund des Abbruchs" required errors={error ? [error] : undefined}>
          {(aria) => <textarea {...aria} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <div class="button-row">
          <button type="submit" class="button button--danger" disabled={busy}>
            Vorgang abbrechen
          </button>
        </div>
      </form>
    </details>
  );
}
