// The worker's webhook retry rounds: one at a time (a slow round is not joined by the next), a failed round logged
// and the next one still held, and stopping waits for the round in hand.
import { startWebhookRetries } from '../../worker/webhook-retries';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('runs one round at a time, logs a failed one, goes on, and stops after the round in hand', async () => {
  let running = 0;
  let most = 0;
  let rounds = 0;
  const logged: string[] = [];
  const retries = startWebhookRetries(async () => {
    rounds++;
    running++;
    most = Math.max(most, running);
    await pause(50);
    running--;
    if (rounds === 1) throw new Error('Datenbank weg');
    return { ended: 0, waiting: 0 };
  }, { error: (message, context) => logged.push(`${message}: ${String(context.error)}`) }, 10);
  await pause(300);
  await retries.stop();
  const after = rounds;
  expect(running).toBe(0);
  expect(most).toBe(1);
  expect(rounds).toBeGreaterThan(2);
  expect(logged).toEqual(['webhook retry failed: Error: Datenbank weg']);
  await pause(100);
  expect(rounds).toBe(after);
});
