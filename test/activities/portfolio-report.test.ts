// The monthly report's milestones reached: on the day their form states (the council's decision, the signature),
// not on the day someone recorded them; the Bavarian day they were done where the form states none.
import { portfolioReport } from '../../activities/portfolio-report';
import type { StoredEvent } from '../../store/event-queries';
import type { Store } from '../../store/store';
import { onboardingRun } from '../notifications/events';

const run = onboardingRun('onboarding-09181128', { status: 'running', startedAt: '2026-11-02T09:00:00.000Z' });
const event = (seq: number, at: string, type: StoredEvent['type'], data: Record<string, unknown>): StoredEvent => ({ runId: run.id, seq, at, type, data });

const events: StoredEvent[] = [
  // the Gemeinde enters on 7 December the decision its council took on 3 December
  event(10, '2026-12-07T10:00:00.000Z', 'task.completed', { stepId: 'gemeinderatsbeschluss', data: { beschlussDatum: '2026-12-03' } }),
  event(11, '2026-12-07T10:00:00.000Z', 'step.done', { stepId: 'gemeinderatsbeschluss' }),
  // the AVV under four eyes: signed on 4 December, as the data submitted for review says
  event(20, '2026-12-07T11:00:00.000Z', 'task.submitted', { stepId: 'avv', data: { unterzeichnetAm: '2026-12-04', tomGeprueft: true } }),
  event(21, '2026-12-07T23:30:00.000Z', 'step.done', { stepId: 'avv' }),
  // Go/No-Go has no date of its own: the Bavarian day it was done (23:30 UTC is the next day there)
  event(30, '2026-12-07T23:30:00.000Z', 'step.done', { stepId: 'go-no-go' }),
];

const store: Pick<Store, 'listRuns' | 'runEvents' | 'listTasks'> = {
  listRuns: async (q) => ({ items: q.status === 'running' ? [run] : [], nextCursor: null }),
  runEvents: async () => events,
  listTasks: async () => ({ items: [], nextCursor: null }),
};

it('dates a milestone by its form: the decision, the signature; else the Bavarian day it was done', async () => {
  const report = await portfolioReport(store, '2026-12', new Date('2026-12-20T12:00:00.000Z'));
  const reached = Object.fromEntries(report.onboardings[0].reached.map((r) => [r.title, r.date]));
  expect(reached).toEqual({
    Gemeinderatsbeschluss: '2026-12-03',
    'Auftragsverarbeitungsvertrag (AVV, Art. 28 DSGVO)': '2026-12-04',
    'Go/No-Go-Entscheidung': '2026-12-08',
  });
});
