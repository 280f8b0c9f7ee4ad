// The run's go-live beside its target, in words: slack or delay while it runs, the fact once it went live.
import type { Run } from '../api/types';
import { formatBusinessDays } from './format';

// Slack and the go-live delta are the same figure (business days between forecast and target): one number, one unit.
// A completed run's go-live is a fact, no longer a forecast: it went live so many days before or after its target.
// A cancelled or failed one has no go-live to come.
export function slackText(run: Run): string | undefined {
  if (run.status === 'cancelled' || run.status === 'failed') return undefined;
  if (run.slackDays === undefined || run.slackDays === null) return run.ambitious ? 'Ziel ambitioniert – gemessen am Plan' : undefined;
  // a migration in parallel operation after its cutover has gone live, as a completed run has
  if (run.status === 'completed' || run.wentLiveOn) {
    return run.slackDays === 0 ? 'zum Ziel live' : `${formatBusinessDays(run.slackDays)} ${run.slackDays > 0 ? 'vor' : 'nach'} dem Ziel live`;
  }
  if (run.ambitious) return 'Ziel ambitioniert – gemessen am Plan';
  if (run.slackDays < 0) return `${formatBusinessDays(run.slackDays)} Verzug`;
  return `${formatBusinessDays(run.slackDays)} Puffer`;
}
