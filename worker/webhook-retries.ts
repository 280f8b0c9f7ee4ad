// The retry of webhooks apart from the runs (activities/notifications.ts retryWebhooks): every minute, the receivers
// with jobs still pending get them again, in order. It needs no workflow of its own: the jobs and their leases are in
// the database, so a worker that stops loses nothing and several workers never send a job twice (a receiver's jobs
// are leased together). A round that is still going when the next is due is not joined by it.
export interface WebhookRetries {
  /** stops the rounds; settles when the one in hand is done */
  stop: () => Promise<void>;
}

export function startWebhookRetries(
  retry: () => Promise<{ ended: number; waiting: number }>,
  log: { error: (message: string, context: Record<string, unknown>) => void },
  intervalMs = 60_000,
): WebhookRetries {
  let round: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (round) return;
    round = retry()
      .then(() => undefined, (err: unknown) => log.error('webhook retry failed', { error: String(err) }))
      .finally(() => { round = undefined; });
  }, intervalMs);
  // the rounds never keep a process alive that is otherwise done
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await round;
    },
  };
}
