// The monthly portfolio report by mail (issue 15): on the first business day of each month (Bavarian holidays,
// Europe/Berlin) the board gets last month's report — each onboarding's traffic light, reasons and next milestone —
// with the link to the PDF and CSV on the Übersicht. Started by the Temporal Schedule of worker/report-schedule.ts,
// which fires on the first seven days of each month; this activity decides which of them is the first business day.
// Idempotent like every mail: one delivery key per month and recipient.
import { bavarianCalendar } from '../runtime/bavarian-calendar';
import { berlinDate } from '../domain/berlin-time';
import { BusinessCalendar } from '../domain/calendar';
import { germanDate } from '../domain/health';
import type { Store } from '../store/store';
import type { Directory } from './directory';
import type { MailTransport } from './mail-transport';
import { monthTitle, portfolioReport } from './portfolio-report';

export interface MonthlyReportDeps {
  store: Pick<Store, 'listRuns' | 'runEvents' | 'listTasks'>;
  directory: Directory;
  mail: MailTransport;
  /** base URL of the web UI, without trailing slash */
  publicUrl: string;
}

/** The first business day (Bavaria) of a month YYYY-MM. */
export function firstBusinessDay(month: string): string {
  return new BusinessCalendar(bavarianCalendar(Number(month.slice(0, 4)), 1).holidays).nextBusinessDay(`${month}-01`);
}

/** The month before YYYY-MM. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const HEALTH_TEXT = { green: 'Grün', amber: 'Gelb', red: 'Rot' } as const;

export function createMonthlyReportActivities(deps: MonthlyReportDeps) {
  return {
    /** Sends last month's report if `at` (the schedule's start time) falls on the month's first business day. */
    async sendMonthlyPortfolioReport(at: string): Promise<{ month: string; sent: number } | { skipped: string }> {
      const day = berlinDate(at);
      if (day !== firstBusinessDay(day.slice(0, 7))) return { skipped: `${day} ist nicht der erste Arbeitstag des Monats` };
      const month = previousMonth(day.slice(0, 7));
      // as of the last day of that month (the read model as it stands; milestones by their dates)
      const report = await portfolioReport(deps.store, month, new Date(at));
      const lines = report.onboardings.map((o) => {
        const reasons = (o.run.healthReasons ?? []).map((r) => r.text).join('; ');
        const next = o.due[0] ? `nächster Meilenstein ${o.due[0].title} am ${germanDate(o.due[0].date)}` : 'kein offener Meilenstein';
        return `• ${o.run.gemeindeName}: ${HEALTH_TEXT[o.run.health]}${reasons ? ` (${reasons})` : ''}; ${next}; ${o.incidents.length} offene Störungen`;
      });
      const subject = `Portfoliobericht ${monthTitle(month)}: ${report.onboardings.length} Onboardings`;
      const text = `Guten Tag,\n\nder Portfoliobericht für ${monthTitle(month)} (Stand ${germanDate(report.asOf)}):\n\n${lines.join('\n') || 'Keine Onboardings.'}`
        + `\n\nDen Bericht als PDF (eine Seite je Onboarding) und als CSV finden Sie in der Übersicht:\n${deps.publicUrl}/uebersicht`
        + '\n\n-- \nDieser Bericht wird am ersten Arbeitstag jedes Monats vom Onboarding-System automatisch versandt.';
      const recipients = deps.directory.team('vorstand');
      for (const r of recipients) {
        await deps.mail.send({ key: `portfolio-report:${month}:${r.email}`, to: r.email, toName: r.name, subject, text, eventType: 'portfolio-report' });
      }
      return { month, sent: recipients.length };
    },
  };
}

export type MonthlyReportActivities = ReturnType<typeof createMonthlyReportActivities>;
