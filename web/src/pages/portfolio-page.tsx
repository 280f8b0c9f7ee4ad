// Übersicht: the running onboardings page by page ("Weitere laden") with health, progress, projected go-live,
// overdue tasks and next milestones; key figures over all of them (from the server, never summed from a page); the
// year plan of the onboardings shown as a timeline; status counts and yearly statistics; CSV export of all.
import { useRef, useState } from 'preact/hooks';
import { loadNames } from '../api/names';
import { usePeople } from '../api/people';
import type { DashboardOnboarding, Health, Role, User } from '../api/types';
import { HealthBadge } from '../components/health';
import { PageTitle } from '../components/layout';
import { LoadError, Loading } from '../components/notice';
import { ProgressBar } from '../components/progress-bar';
import { Timeline, type TimelineRow } from '../components/timeline';
import { downloadText, toCsv } from '../lib/csv';
import { addDays, daysBetween, formatDate, formatDays, todayIso } from '../lib/format';
import { HEALTH_LABELS, processLabel, ROLE_LABELS, roleLabel, runStatusLabel } from '../lib/labels';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';
import { allOnboardings, loadPortfolio, withNextPage, type PortfolioFilter } from './portfolio-data';
import { mayStartRuns } from '../auth/session';
import { PlanningActions } from './planning-actions';
import { loadHealthTrend } from '../api/planning-types';
import { HealthTrend } from '../components/health-trend';

/** Open incidents of an onboarding as its health reasons name them. */
const incidentsOf = (o: DashboardOnboarding) => o.healthReasons.filter((r) => r.kind === 'incident');

function exportCsv(list: DashboardOnboarding[], name: (id?: string) => string): void {
  const header = ['Gemeinde', 'AGS', 'Status', 'Phase', 'Terminlage', 'Gründe', 'Störungen', 'Fortschritt (%)', 'Ziel-Go-live', 'Prognose Go-live', 'Projektleitung', 'Offene Aufgaben', 'Überfällige Aufgaben', 'Nächster Meilenstein', 'Datum Meilenstein'];
  const rows = list.map((o) => [
    o.gemeinde.name,
    o.gemeinde.ags,
    // the portfolio lists running onboardings; the column stays for the spreadsheets built on this export
    runStatusLabel('running'),
    o.phaseTitle ?? o.phase,
    HEALTH_LABELS[o.health],
    o.healthReasons.map((r) => r.text).join(' · '),
    incidentsOf(o).length,
    // German dates and a decimal comma (toCsv writes numbers with one)
    Math.round(o.progress * 1000) / 10,
    o.targetGoLive ? formatDate(o.targetGoLive) : '',
    o.projectedGoLive ? formatDate(o.projectedGoLive) : '',
    o.projectLead ? name(o.projectLead) : '–',
    o.openTasks,
    o.overdueTasks,
    o.nextMilestones[0]?.title ?? '',
    o.nextMilestones[0]?.date ? formatDate(o.nextMilestones[0].date) : '',
  ]);
  downloadText(`onboardings-${todayIso()}.csv`, toCsv(header, rows));
}

export function PortfolioPage({ user }: { user: User }) {
  useTitle('Übersicht');
  const [healthFilter, setHealthFilter] = useState<Health | ''>('');
  const [teamFilter, setTeamFilter] = useState('');
  const filter: PortfolioFilter = { ...(healthFilter ? { health: healthFilter } : {}), ...(teamFilter ? { team: teamFilter as Role } : {}) };
  // how many pages are shown: the half-minute refresh reloads as many, a new filter starts again at the first
  const pages = useRef(1);
  const data = useResource(() => loadPortfolio(filter, pages.current), [healthFilter, teamFilter], { refreshMs: 30_000 });
  const people = usePeople();
  const trend = useResource(loadHealthTrend, [], { refreshMs: 60_000 });
  const [busy, setBusy] = useState<'more' | 'csv' | ''>('');
  const [actionError, setActionError] = useState<{ what: string; error: unknown } | undefined>(undefined);

  if (!data.data) {
    return (
      <div class="page">
        <PageTitle>Übersicht</PageTitle>
        {data.error !== undefined ? <LoadError error={data.error} what="Übersicht" /> : <Loading />}
      </div>
    );
  }
  const dashboard = data.data;
  // filtered by the server: by traffic light, and by a team with open work in the onboarding
  const list = dashboard.onboardings;
  const { totals } = dashboard;
  const filtered = !!(healthFilter || teamFilter);
  const emptyText = !filtered && totals.running === 0 ? 'Noch kein Onboarding gestartet.' : 'Kein Onboarding passt zum Filter.';
  const changeFilter = (set: () => void) => {
    pages.current = 1;
    set();
  };
  const act = async (what: 'more' | 'csv', fn: () => Promise<void>) => {
    setBusy(what);
    setActionError(undefined);
    try {
      await fn();
    } catch (error) {
      setActionError({ what: what === 'csv' ? 'CSV-Export' : 'Weitere Onboardings', error });
    } finally {
      setBusy('');
    }
  };
  const loadMore = () => act('more', async () => {
    data.set(await withNextPage(dashboard, filter));
    pages.current++;
  });
  const exportAll = () => act('csv', async () => {
    const all = await allOnboardings(filter);
    // the leads' names, also of the onboardings beyond the pages on screen
    await loadNames(all.flatMap((o) => (o.projectLead ? [o.projectLead] : [])));
    exportCsv(all, people.name);
  });
  const lead = (o: DashboardOnboarding) => (o.projectLead ? people.name(o.projectLead) : '–');

  return (
    <div class="page page--portfolio">
      <div class="page-head">
        <PageTitle sub="Alle Gemeinde-Onboardings des KU">Übersicht</PageTitle>
        <div class="page-head__actions">
          <button type="button" class="button button--secondary" onClick={exportAll} disabled={list.length === 0 || busy === 'csv'}>
            {busy === 'csv' ? 'Export wird erstellt …' : 'Als CSV exportieren'}
          </button>
          <PlanningActions user={user} />
          {mayStartRuns(user) && (
            <Link href={paths.start} class="button button--primary">
              Onboarding starten
            </Link>
          )}
        </div>
      </div>

      <ul class="kpis" aria-label="Kennzahlen">
        <li class="kpi">
          <span class="kpi__value">{totals.running}</span>
          <span class="kpi__label">laufende Onboardings</span>
        </li>
        <li class="kpi kpi--danger">
          <span class="kpi__value">{totals.red}</span>
          <span class="kpi__label">im Verzug</span>
        </li>
        <li class="kpi kpi--warning">
          <span class="kpi__value">{totals.overdueTasks}</span>
          <span class="kpi__label">überfällige Aufgaben</span>
        </li>
        <li class="kpi">
          <span class="kpi__value">{totals.openTasks}</span>
          <span class="kpi__label">offene Aufgaben</span>
        </li>
      </ul>

      <section aria-labelledby="onboardings-title" class="section">
        <h2 id="onboardings-title">Onboardings</h2>
        <form class="filters" role="search" aria-label="Onboardings filtern" onSubmit={(e) => e.preventDefault()}>
          <div class="filters__row">
            <div class="field field--inline">
              <label for="portfolio-health" class="field__label">Terminlage</label>
              <select id="portfolio-health" value={healthFilter} onChange={(e) => changeFilter(() => setHealthFilter(e.currentTarget.value as Health | ''))}>
                <option value="">alle</option>
                {(['green', 'amber', 'red'] as const).map((h) => (
                  <option key={h} value={h}>
                    {HEALTH_LABELS[h]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field field--inline">
              <label for="portfolio-team" class="field__label">Team mit offenen Aufgaben</label>
              <select id="portfolio-team" value={teamFilter} onChange={(e) => changeFilter(() => setTeamFilter(e.currentTarget.value))}>
                <option value="">alle</option>
                {Object.keys(ROLE_LABELS).filter((r) => r !== 'admin').map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </form>
        {list.length === 0 ? (
          <p class="empty">{emptyText}</p>
        ) : (
          <div class="table-wrap">
            <table class="table table--portfolio">
              <caption class="sr-only">Alle Onboardings mit Zeitplan, Fortschritt und Aufgaben</caption>
              <thead>
                <tr>
                  <th scope="col">Gemeinde</th>
                  <th scope="col">Phase</th>
                  <th scope="col">Terminlage</th>
                  <th scope="col">Fortschritt</th>
                  <th scope="col">Go-live Ziel / Prognose</th>
                  <th scope="col">Aufgaben</th>
                  <th scope="col">Nächste Meilensteine</th>
                </tr>
              </thead>
              <tbody>
                {list.map((o) => {
                  // an ambitious target is no slip: its reason says so instead of a delay against the target
                  const ambitious = o.healthReasons?.some((r) => r.kind === 'ambitious') ?? false;
                  const delay = !ambitious && o.targetGoLive && o.projectedGoLive ? daysBetween(o.targetGoLive, o.projectedGoLive) : 0;
                  const incidents = incidentsOf(o).length;
                  return (
                    <tr key={o.id}>
                      <th scope="row" data-label="Gemeinde">
                        <Link href={paths.run(o.id)}>{o.gemeinde.name}</Link>
                        <span class="muted small block">Projektleitung: {lead(o)}</span>
                      </th>
                      <td data-label="Phase">
                        {o.phaseTitle ?? o.phase}
                      </td>
                      <td data-label="Terminlage">
                        <HealthBadge health={o.health} />
                        <HealthTrend trend={trend.data} runId={o.id} />
                        {o.healthReasons.length > 0 && (
                          <ul class="health-reasons muted">
                            {o.healthReasons.map((r, i) => (
                              <li key={i}>{r.text}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td data-label="Fortschritt">
                        <ProgressBar value={o.progress} compact label={`Fortschritt ${o.gemeinde.name}`} />
                      </td>
                      <td data-label="Go-live Ziel / Prognose">
                        <span class="block nowrap">
                          <span class="muted small">Ziel </span>
                          {formatDate(o.targetGoLive)}
                          {ambitious && <span class="delta delta--late">ambitioniert</span>}
                        </span>
                        <span class="block nowrap">
                          <span class="muted small">Prognose </span>
                          {formatDate(o.projectedGoLive)}
                          {delay > 0 && <span class="delta delta--late">+{formatDays(delay)}</span>}
                        </span>
                      </td>
                      <td data-label="Aufgaben">
                        {/* a failed automated step waits as an administrator's task: counted here, not in a column of dashes */}
                        {o.openTasks} offen
                        {o.overdueTasks > 0 ? <span class="badge badge--danger">{o.overdueTasks} überfällig</span> : null}
                        {incidents > 0 ? <span class="badge badge--danger">{incidents === 1 ? '1 Störung' : `${incidents} Störungen`}</span> : null}
                      </td>
                      <td data-label="Nächste Meilensteine">
                        {o.nextMilestones.length === 0 ? (
                          <span class="muted">–</span>
                        ) : (
                          <ul class="plain">
                            {o.nextMilestones.slice(0, 2).map((m) => (
                              <li key={m.stepId}>
                                {m.title} <span class="muted">{formatDate(m.date)}</span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {list.length > 0 && (
          <div class="list-more">
            <p class="muted small" aria-live="polite">
              {filtered ? `${list.length} Onboardings angezeigt` : `${list.length} von ${totals.running} laufenden Onboardings angezeigt`}
            </p>
            {dashboard.nextCursor && (
              <button type="button" class="button button--secondary" onClick={loadMore} disabled={busy === 'more'}>
                {busy === 'more' ? 'Wird geladen …' : 'Weitere laden'}
              </button>
            )}
          </div>
        )}
        {actionError && <LoadError error={actionError.error} what={actionError.what} />}
      </section>

      <section aria-labelledby="yearplan-title" class="section">
        <h2 id="yearplan-title">Jahresplan</h2>
        <div class="card card--flush">
          <Timeline
            id="jahresplan"
            rows={yearRows(list)}
            caption="Jahresplan: Onboardings vom Start bis zum prognostizierten Go-live"
            {...yearRange(list)}
            legend={['span', 'target', 'milestone']}
            empty={emptyText}
          />
        </div>
      </section>

      <div class="two-col">
        {dashboard.counts.length > 0 && (
          <section aria-labelledby="counts-title" class="section">
            <h2 id="counts-title">Vorgänge nach Status</h2>
            <div class="table-wrap">
              <table class="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">Prozess</th>
                    <th scope="col">Status</th>
                    <th scope="col" class="num">
                      Anzahl
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.counts.map((c) => (
                    <tr key={`${c.process}-${c.status}`}>
                      <td>{processLabel(c.process)}</td>
                      <td>{runStatusLabel(c.status)}</td>
                      <td class="num">{c.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
        {dashboard.completedByYear.length > 0 && (
          <section aria-labelledby="years-title" class="section">
            <h2 id="years-title">Abgeschlossen je Jahr</h2>
            <div class="table-wrap">
              <table class="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">Jahr</th>
                    <th scope="col">Prozess</th>
                    <th scope="col" class="num">Anzahl</th>
                    <th scope="col" class="num">Dauer Ø / min / max (Tage)</th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.completedByYear.map((c) => (
                    <tr key={`${c.year}-${c.process}`}>
                      <td>{c.year}</td>
                      <td>{processLabel(c.process)}</td>
                      <td class="num">{c.count}</td>
                      <td class="num">
                        {Math.round(c.avgDays)} / {c.minDays} / {c.maxDays}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}

/** Twelve months from the start of the quarter, longer when a running onboarding reaches further (at most 3 years). */
function yearRange(list: DashboardOnboarding[]): { from: string; to: string } {
  const today = todayIso();
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  const from = `${today.slice(0, 4)}-${String(quarter).padStart(2, '0')}-01`;
  // the latest of forecasts and targets: a target after its forecast is a marker that must fit too
  const last = list.flatMap((o) => [o.projectedGoLive, o.targetGoLive]).filter((d): d is string => !!d).sort().pop() ?? from;
  const minEnd = addDays(from, 365);
  const maxEnd = addDays(from, 3 * 365);
  const to = last > minEnd ? addDays(last, 45) : minEnd;
  return { from, to: to > maxEnd ? maxEnd : to };
}

function yearRows(list: DashboardOnboarding[]): TimelineRow[] {
  return list.map((o) => {
    // the day it started in Bavaria (an instant just before midnight UTC is already the next day there)
    const start = todayIso(new Date(o.startedAt));
    const end = o.projectedGoLive ?? o.targetGoLive ?? start;
    return {
      key: o.id,
      level: 'item' as const,
      label: <Link href={paths.run(o.id)}>{o.gemeinde.name}</Link>,
      bars: [{ kind: 'span' as const, tone: o.health, start, end, title: `${o.gemeinde.name}: ${formatDate(start)} bis Go-live ${formatDate(end)} (${HEALTH_LABELS[o.health]})` }],
      markers: [
        ...(o.targetGoLive ? [{ kind: 'target' as const, date: o.targetGoLive, title: `Ziel-Go-live ${formatDate(o.targetGoLive)}` }] : []),
        ...o.nextMilestones.map((m) => ({ kind: 'milestone' as const, date: m.date, title: `${m.title}: ${formatDate(m.date)}` })),
      ],
    };
  });
}
