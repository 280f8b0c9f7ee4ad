// The throughput baseline: a plain workflow that does a given number of activities and Updates and nothing else —
// no plan, no events, no schedule maths. It is bundled on its own (bench only) and run by a second worker on a task
// queue of its own, so it costs the engine nothing.
//
// Round r runs its share of the activities one after another (the engine's outbox also keeps one batch in flight),
// then the workflow waits for Update r+1. An Update that arrives early waits inside its handler until the workflow
// is ready for it: the best case of "a task opens and someone completes it at once", with no polling anywhere.
import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { plainStep, type PlainSpec } from './plain-messages';

const { plainActivity } = proxyActivities<{ plainActivity(round: number): Promise<number> }>({
  startToCloseTimeout: '1 minute',
});

/** How many activities round r (0..updates) runs: spread evenly, the remainder in the first rounds. */
export function activitiesInRound(spec: PlainSpec, round: number): number {
  const rounds = spec.updates + 1;
  return Math.floor(spec.activities / rounds) + (round < spec.activities % rounds ? 1 : 0);
}

export async function plainWorkflow(spec: PlainSpec): Promise<number> {
  let ready = 0;
  let received = 0;
  setHandler(
    plainStep,
    async (n) => {
      await condition(() => ready >= n);
      received = n;
      return n;
    },
    {
      validator: (n) => {
        if (n !== received + 1) throw new Error(`expected Update ${received + 1}, got ${n}`);
      },
    },
  );
  let done = 0;
  for (let round = 0; round <= spec.updates; round++) {
    for (let i = activitiesInRound(spec, round); i > 0; i--) done += (await plainActivity(round)) >= 0 ? 1 : 0;
    if (round === spec.updates) break;
    ready = round + 1;
    await condition(() => received >= round + 1);
  }
  await condition(allHandlersFinished);
  return done;
}
