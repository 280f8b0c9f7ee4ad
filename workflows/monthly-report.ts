// The monthly portfolio report, started by the Temporal Schedule of worker/report-schedule.ts on each of the first
// seven days of a month; the activity sends only on the first business day (Bavarian holidays). The day comes from
// the run's start time (deterministic), or from `at` when started by hand for a given day.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { MonthlyReportActivities } from '../activities/monthly-report';

const { sendMonthlyPortfolioReport } = proxyActivities<MonthlyReportActivities>({
  startToCloseTimeout: '10 minutes',
  // a mail server outage delays the report, loses none of it
  retry: { initialInterval: '30 seconds', maximumInterval: '15 minutes' },
});

export async function monthlyPortfolioReport(input: { at?: string } = {}): Promise<void> {
  await sendMonthlyPortfolioReport(input.at ?? workflowInfo().runStartTime.toISOString());
}
