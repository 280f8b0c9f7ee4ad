// The run's go-live beside its target (web/src/lib/go-live.ts): slack or delay while it runs; once completed, the fact
// (so many days before the target), not a forecast or a buffer; nothing for a cancelled run.
import type { Run } from '../../web/src/api/types';
import { slackText } from '../../web/src/lib/go-live';

const run = (fields: Partial<Run>) => ({ status: 'running', slackDays: 12, ambitious: false, ...fields }) as Run;

it('says slack or delay while the run runs', () => {
  expect(slackText(run({}))).toBe('12 Arbeitstage Puffer');
  expect(slackText(run({ slackDays: -3 }))).toBe('3 Arbeitstage Verzug');
  expect(slackText(run({ ambitious: true }))).toBe('Ziel ambitioniert – gemessen am Plan');
});

it('says when a completed run went live against its target, and nothing for a cancelled one', () => {
  expect(slackText(run({ status: 'completed', slackDays: 414 }))).toBe('414 Arbeitstage vor dem Ziel live');
  expect(slackText(run({ status: 'completed', slackDays: -1 }))).toBe('1 Arbeitstag nach dem Ziel live');
  expect(slackText(run({ status: 'completed', slackDays: 0, ambitious: true }))).toBe('zum Ziel live');
  expect(slackText(run({ status: 'cancelled' }))).toBeUndefined();
  // a migration in parallel operation has gone live at its cutover: a fact, not a buffer
  expect(slackText(run({ status: 'running', wentLiveOn: '2027-03-05', slackDays: 3 }))).toBe('3 Arbeitstage vor dem Ziel live');
});
