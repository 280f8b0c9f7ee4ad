// The monthly portfolio report for the board and the Verwaltungsrat (issue 15): every onboarding running at the
// month's end or completed in it, one PDF page each with its timeline, health reasons, milestones reached and due,
// and open incidents; the same figures as CSV with German dates and decimal commas. Downloaded from the Übersicht
// (GET /api/v1/reports/portfolio/{YYYY-MM}) and mailed on the first business day of each month.
import { stringify } from 'csv-stringify/sync';
import { berlinDate, endOfBerlinDay } from '../domain/berlin-time';
import type { RunSnapshot } from '../domain/events';
import { effectiveDate } from '../domain/effective-dates';
import { germanDate } from '../domain/health';
import { templateFor } from '../domain/templates';
import type { Store } from '../store/store';
import { finishPdf, startPdf, type Pdf } from './pdf-layout';

const HEALTH_TEXT: Record<RunSnapshot['health'], string> = { green: 'Grün', amber: 'Gelb', red: 'Rot' };
const MONTH_NAMES = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

export const monthTitle = (month: string) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The last calendar day of a month YYYY-MM. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export interface ReportOnboarding {
  run: RunSnapshot;
  reached: { title: string; date: string }[];
  due: { title: string; date: string }[];
  incidents: { step: string; error: string }[];
}

export interface PortfolioReport {
  month: string;
  /** the Bavarian date the figures are as of */
  asOf: string;
  onboardings: ReportOnboarding[];
}

const milestones = templateFor('gemeinde-onboarding').steps.filter((s) => s.milestone);
const milestoneTitles = new Map(milestones.map((s) => [s.id, s.title]));
const milestoneForms = new Map(milestones.map((s) => [s.id, s.form]));

type ReportEvent = Awaited<ReturnType<Store['runEvents']>>[number];

/**
 * The day a milestone was reached: the day its form states (the council's decision on 03.12., not its entry on
 * 07.12.), from the data entered last for its step before it was done; else the Bavarian day it was done.
 */
function reachedOn(events: readonly ReportEvent[], done: ReportEvent): string {
  const stepId = String(done.data.stepId);
  const entered = events.filter((e) => e.seq < done.seq && e.data.stepId === stepId && (e.type === 'task.completed' || e.type === 'task.submitted')).at(-1);
  return effectiveDate(milestoneForms.get(stepId), entered?.data.data) ?? berlinDate(done.at);
}

/** The figures of the month: as the read model holds them now for the current month, up to the month's end for the past. */
export async function portfolioReport(store: Pick<Store, 'listRuns' | 'runEvents' | 'listTasks'>, month: string, now = new Date()): Promise<PortfolioReport> {
  const last = monthEnd(month);
  const today = berlinDate(now);
  const asOf = today < last ? today : last;
  const cutoff = endOfBerlinDay(asOf);
  const runs: RunSnapshot[] = [];
  for (const status of ['running', 'completed'] as const) {
    const page = await store.listRuns({ process: 'gemeinde-onboarding', status, limit: 500 });
    runs.push(...page.items.filter((r) => r.startedAt <= cutoff && (status === 'running' || (r.completedAt ?? '') >= `${month}-01`)));
  }
  runs.sort((a, b) => a.gemeindeName.localeCompare(b.gemeindeName, 'de'));
  const onboardings = await Promise.all(runs.map(async (run): Promise<ReportOnboarding> => {
    const [events, tasks] = await Promise.all([
      store.runEvents(run.id, { limit: 5000 }),
      store.listTasks({ root: run.id, state: 'open', limit: 500 }),
    ]);
    const reached = events
      .filter((e) => e.type === 'step.done' && e.at <= cutoff && milestoneTitles.has(String(e.data.stepId)))
      .map((e) => ({ title: milestoneTitles.get(String(e.data.stepId))!, date: reachedOn(events, e) }));
    return {
      run,
      reached,
      due: (run.nextMilestones ?? []).map((m) => ({ title: m.title, date: m.date })),
      incidents: tasks.items.filter((t) => t.incident).map((t) => ({ step: t.title, error: t.incident!.error })),
    };
  }));
  return { month, asOf, onboardings };
}

const decimal = (n: number, digits = 1) => n.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const date = (d?: string) => (d ? germanDate(d) : '–');
const reasonsOf = (o: ReportOnboarding) => (o.run.healthReasons ?? []).map((r) => r.text);

/** German CSV: `;`-separated, dates 14.10.2027, decimal commas, one row per onboarding. */
export function portfolioCsv(report: PortfolioReport): string {
  const header = ['Gemeinde', 'AGS', 'Vorgang', 'Ampel', 'Gründe', 'Fortschritt %', 'Phase', 'Start', 'Ziel-Go-live', 'Prognose Go-live',
    'Erreichte Meilensteine', 'Nächster Meilenstein', 'Fällig am', 'Offene Störungen', 'Stand'];
  const rows = report.onboardings.map((o) => [
    o.run.gemeindeName, o.run.ags, o.run.id, HEALTH_TEXT[o.run.health], reasonsOf(o).join(' | '), decimal(o.run.progress * 100),
    o.run.phaseTitle, date(berlinDate(o.run.startedAt)), date(o.run.targetGoLive), date(o.run.projectedGoLive),
    o.reached.map((m) => `${m.title} (${date(m.date)})`).join(' | '), o.due[0]?.title ?? '', date(o.due[0]?.date), String(o.incidents.length), date(report.asOf),
  ]);
  // a BOM so that Excel opens the umlauts right
  return `\uFEFF${stringify([header, ...rows], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

function heading(doc: Pdf, text: string) {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(text);
  doc.moveDown(0.2).font('Helvetica').fontSize(10);
}

function bullets(doc: Pdf, lines: string[], none: string) {
  doc.font('Helvetica').fontSize(10);
  if (!lines.length) doc.fillColor('#555555').text(none).fillColor('#000000');
  for (const l of lines) doc.text(`•  ${l}`, { indent: 6 });
}

/** A bar from the start to the later of target and forecast, with today, the target and the forecast marked. */
function timeline(doc: Pdf, o: ReportOnboarding, asOf: string) {
  const start = berlinDate(o.run.startedAt);
  const points = [start, asOf, o.run.targetGoLive, o.run.projectedGoLive].filter((d): d is string => !!d);
  const from = Date.parse(start);
  const to = Math.max(...points.map((d) => Date.parse(d)), from + 86_400_000);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const x = (d: string) => left + ((Date.parse(d) - from) / (to - from)) * width;
  const y = doc.y + 14;
  doc.save().rect(left, y, width, 8).fill('#e3e7ea');
  doc.rect(left, y, Math.max(1, x(asOf) - left), 8).fill('#2e6da4').restore();
  const mark = (d: string | undefined, label: string, color: string, above: boolean) => {
    if (!d) return;
    doc.save().moveTo(x(d), y - 4).lineTo(x(d), y + 12).lineWidth(1.5).stroke(color).restore();
    doc.font('Helvetica').fontSize(8).fillColor(color)
      // beside its mark, but within the margins at either end of the bar (a forecast of today sits at its start)
      .text(`${label} ${germanDate(d)}`, Math.max(left, Math.min(x(d) - 30, left + width - 110)), above ? y - 14 : y + 14, { width: 110, lineBreak: false });
  };
  mark(o.run.targetGoLive, 'Ziel', '#1b5e20', true);
  // red only when the forecast misses the target
  const late = !!o.run.targetGoLive && !!o.run.projectedGoLive && o.run.projectedGoLive > o.run.targetGoLive;
  mark(o.run.projectedGoLive, 'Prognose', late ? '#b00020' : '#2e6da4', false);
  doc.fillColor('#000000').font('Helvetica').fontSize(9);
  doc.x = left;
  doc.y = y + 34;
  doc.text(`Start ${germanDate(start)} · Stand ${germanDate(asOf)} · Fortschritt ${decimal(o.run.progress * 100)} %`);
}

/** The PDF: a cover with the overview, then one page per onboarding; every page numbered. */
export async function portfolioPdf(report: PortfolioReport): Promise<Buffer> {
  const title = `Portfoliobericht ${monthTitle(report.month)}`;
  const doc = startPdf(title, 'Gemeinde-Onboardings: Stand, Gründe, Meilensteine, Störungen', new Date(`${report.asOf}T12:00:00Z`));
  doc.font('Helvetica-Bold').fontSize(18).text(title);
  doc.font('Helvetica').fontSize(10).text(`Für Vorstand und Verwaltungsrat · Stand ${germanDate(report.asOf)} · ${report.onboardings.length} Onboardings`);
  heading(doc, 'Überblick');
  bullets(doc, report.onboardings.map((o) => `${o.run.gemeindeName}: ${HEALTH_TEXT[o.run.health]}, ${decimal(o.run.progress * 100)} %, Prognose ${date(o.run.projectedGoLive)}`), 'Keine Onboardings in diesem Monat.');

  for (const o of report.onboardings) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(16).text(o.run.gemeindeName);
    doc.font('Helvetica').fontSize(9).fillColor('#555555').text(`AGS ${o.run.ags} · Phase: ${o.run.phaseTitle}`).fillColor('#000000');
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11)
      .text(`Ampel: ${HEALTH_TEXT[o.run.health]} · Ziel-Go-live ${date(o.run.targetGoLive)} · Prognose ${date(o.run.projectedGoLive)}`);
    heading(doc, 'Zeitplan');
    timeline(doc, o, report.asOf);
    heading(doc, 'Gründe für die Ampel');
    bullets(doc, reasonsOf(o), 'Keine: im Plan.');
    heading(doc, 'Erreichte Meilensteine');
    bullets(doc, o.reached.map((m) => `${germanDate(m.date)}  ${m.title}`), 'Noch keiner.');
    heading(doc, 'Fällige Meilensteine');
    bullets(doc, o.due.map((m) => `${germanDate(m.date)}  ${m.title}`), 'Keine offenen Meilensteine.');
    heading(doc, 'Offene Störungen');
    bullets(doc, o.incidents.map((i) => `${i.step}: ${i.error}`), 'Keine.');
  }
  return finishPdf(doc, `${title} · vertraulich`);
}
