// Drives a run over the HTTP API up to one step: completes every other open task as an entitled demo user would,
// until the task of `stepId` is open. Lets a browser test start at a late step (the Go/No-Go decision) without
// clicking through a whole onboarding first.
import { DEMO_USERS } from '../../config/users';
import { candidatesFor, workTask, type BotUser, type Http, type OpenTask } from '../../scripts/bot';

/** `users` (with their tokens) work the tasks; the demo users unless given, e.g. people signed in at a real provider. */
export async function driveToStep(http: Http, rootRunId: string, stepId: string, timeoutMs = 120_000, users: BotUser[] = DEMO_USERS): Promise<void> {
  const reader = users.find((u) => u.roles.includes('vorstand')) ?? users[0];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (Date.now() > deadline) {
      const run = await http('GET', `/api/v1/runs/${encodeURIComponent(rootRunId)}`, reader.token);
      const active = (run.body?.steps ?? []).filter((s: { state: string }) => s.state === 'active' || s.state === 'failed');
      throw new Error(`${rootRunId}: step ${stepId} not reached in time; active: ${JSON.stringify(active)}; incidents: ${JSON.stringify(run.body?.incidents)}`);
    }
    const list = await http('GET', `/api/v1/tasks?state=open&root=${encodeURIComponent(rootRunId)}&limit=500`, reader.token);
    if (list.status !== 200) throw new Error(`GET tasks: ${list.status}`);
    const tasks = list.body.items as OpenTask[];
    if (tasks.some((t) => t.stepId === stepId && t.approvals.given.length === 0)) return;
    const others = tasks.filter((t) => t.stepId !== stepId);
    for (const task of others) {
      const user = candidatesFor(task, users)[0];
      if (!user) throw new Error(`no user may complete ${task.id}`);
      // four eyes: a submitted task is approved by a second person (candidatesFor skips whoever submitted it)
      const res = await workTask(http, task, user);
      // 409: completed meanwhile (second approver, inbound event); the next round sees the new state
      if (res.status !== 200 && res.status !== 409) throw new Error(`complete ${task.id}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    if (others.length === 0) await new Promise((r) => setTimeout(r, 150));
  }
}
