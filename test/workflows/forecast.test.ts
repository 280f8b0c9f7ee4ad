// Issue 15 in the workflow, on the time-skipping test server: a fresh run with a feasible target is green; when its
// open step runs over, the forecast moves and the move of a week or more is an audit event with its cause, and the
// run's snapshot (read model, portfolio) carries the German reasons for its health.
import { berlinDate } from '../../domain/berlin-time';
import { earliestGoLive } from '../../domain/feasibility';
import { resolveTemplate } from '../../domain/plan';
import type { ProcessTemplate } from '../../domain/types';
import { getState } from '../../workflows/messages';
import { useEngineWorker } from '../helpers/temporal-env';

const TQ = 'forecast';

const w = useEngineWorker({ taskQueue: TQ, timeSkipping: true });

/** Testexport (3 days), then Umstellung (2 days, the go-live), from today. */
async function twoStepPlan() {
  // the run's dates are Bavarian: around midnight the UTC date is still yesterday's
  const today = berlinDate(await w.env.currentTimeMs());
  const template: ProcessTemplate = {
    id: 'verfahren-migration', title: 'Test', description: '', phases: [{ id: 'p', title: 'P' }],
    steps: [
      { id: 'a', title: 'Testexport', phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 3 },
      { id: 'b', title: 'Umstellung', phase: 'p', kind: 'manual', description: '', candidateRoles: ['verfahren'], dependsOn: ['a'], plannedDays: 2, goLive: true },
    ],
  };
  return resolveTemplate(template, { subject: { ags: '09181128', name: 'Kaufering' }, calendar: { holidays: [] }, startDate: today, boardEscalationDays: 8 });
}

it('starts green, then records the forecast move with its cause and names the late step', async () => {
  const plan = await twoStepPlan();
  plan.targetGoLive = earliestGoLive(plan);
  const handle = await w.env.client.workflow.start('verfahrenMigration', { workflowId: 'forecast-1', taskQueue: TQ, args: [{ plan, request: {}, searchAttributes: false }] });

  const fresh = await handle.query(getState);
  expect(fresh).toMatchObject({ health: 'green', healthReasons: [], projectedGoLive: plan.targetGoLive });

  // the task's reminder, escalation and board escalation wake the run; by the last one Testexport is 8 business
  // days overdue and still needs its 3: the go-live slips 11 business days, more than 10 → red
  await w.env.sleep('30 days');
  const late = await handle.query(getState);
  expect(late.health).toBe('red');
  expect(late.healthReasons).toEqual([{ kind: 'late', stepId: 'a', text: expect.stringMatching(/^„Testexport“ 8 Arbeitstage überfällig; Go-live-Prognose \d\d\.\d\d\.\d{4}, 11 Arbeitstage nach dem Ziel \(/) }]);

  const moves = w.events.filter((e) => e.runId === 'forecast-1' && e.type === 'run.forecastMoved');
  expect(moves.length).toBeGreaterThanOrEqual(1);
  for (const m of moves) expect(m.data.days as number).toBeGreaterThanOrEqual(5);
  const last = moves.at(-1)!;
  expect(last.data).toMatchObject({ after: late.projectedGoLive, cause: '„Testexport“ 8 Arbeitstage überfällig' });
  expect(last.data.text).toMatch(/^Prognose \+\d+ Arbeitstage: „Testexport“ 8 Arbeitstage überfällig$/);
  expect(last.run?.healthReasons?.[0]).toMatchObject({ kind: 'late', stepId: 'a' });
  await handle.terminate('test done');
});


it('keeps the read model\'s forecast with the run\'s own while it slips by days, and its announced moves start where it left off', async () => {
  const plan = await twoStepPlan();
  // two months of room: the run stays green while Testexport runs over
  plan.targetGoLive = new Date(Date.parse(earliestGoLive(plan)) + 60 * 86_400_000).toISOString().slice(0, 10);
  const handle = await w.env.client.workflow.start('verfahrenMigration', { workflowId: 'forecast-2', taskQueue: TQ, args: [{ plan, request: {}, searchAttributes: false }] });
  const latestSnapshot = () => w.events.filter((e) => e.runId === 'forecast-2' && e.run).at(-1)?.run;
  const seen = new Set<string>();
  for (let day = 0; day < 21; day++) {
    await w.env.sleep('1 day');
    const live = await handle.query(getState);
    seen.add(live.projectedGoLive!);
    // the events reach the log through an activity: give it a moment
    for (let i = 0; i < 50 && latestSnapshot()?.projectedGoLive !== live.projectedGoLive; i++) await new Promise((r) => setTimeout(r, 100));
    expect({ day, forecast: latestSnapshot()?.projectedGoLive }).toEqual({ day, forecast: live.projectedGoLive });
    expect(live.health).toBe('green');
  }
  // it did slip, by days at a time
  expect(seen.size).toBeGreaterThan(2);
  // and the audit trail's dates chain: each announced move starts at the forecast published just before it
  const trail = w.events.filter((e) => e.runId === 'forecast-2').sort((a, b) => a.seq - b.seq);
  const moves = trail.filter((e) => e.type === 'run.forecastMoved');
  expect(moves.length).toBeGreaterThan(0);
  for (const move of moves) {
    const shownBefore = trail.filter((e) => e.seq < move.seq && e.run).at(-1)!.run!.projectedGoLive;
    expect({ seq: move.seq, before: move.data.before }).toEqual({ seq: move.seq, before: shownBefore });
    // as the Protokoll reads: the forecast named last (with the figures, or by the last move) is where it starts
    const named = trail.filter((e) => e.seq < move.seq && (e.data.projectedGoLive || e.type === 'run.forecastMoved')).at(-1);
    if (named) expect({ seq: move.seq, before: move.data.before }).toEqual({ seq: move.seq, before: named.data.projectedGoLive ?? named.data.after });
  }
  await handle.terminate('test done');
});
