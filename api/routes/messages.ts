// The conversation of a run between its Gemeinde and the project lead: GET lists it, POST adds a message. Both sides
// see every message; each new one is mailed to the other side by the worker (workflow `messageMail`, keyed by the
// message so a retry sends no second mail). Another Gemeinde's run answers 404 like every read.
import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { pageOf, pageQuery } from '../paging';
import { seesGemeinde } from '../policy';
import { parseOr422, problem } from '../problem';
import { liveState } from '../run-reader';
import { temporal } from '../temporal-errors';
import type { RunMessage } from '../../store/store';

export const MESSAGE_MAX = 5000;

export const messageBody = z.strictObject({
  text: z.string({ error: (iss) => (iss.input === undefined ? 'Bitte eine Nachricht angeben' : 'Die Nachricht muss ein Text sein') })
    .trim()
    .min(1, 'Die Nachricht ist leer')
    .max(MESSAGE_MAX, `Die Nachricht ist zu lang (höchstens ${MESSAGE_MAX} Zeichen)`),
});

export function messageView(m: RunMessage) {
  return { id: m.id, runId: m.runId, author: { id: m.authorId, name: m.authorName }, side: m.side, text: m.text, at: m.at };
}

export function messageRoutes(deps: ApiDeps): Router {
  const r = Router();

  /** The run's id and AGS if the principal sees it (a run just started may not be in the read model yet). */
  async function visibleRun(runId: string, p: ReturnType<typeof principalOf>): Promise<{ id: string; ags: string }> {
    const run = await deps.store.getRun(runId);
    const ags = run ? run.ags : (await liveState(deps.client, runId)).gemeinde.ags;
    if (!seesGemeinde(p, ags)) throw problem.notFound('Vorgang nicht gefunden.');
    return { id: runId, ags };
  }

  r.get('/runs/:id/messages', async (req, res) => {
    const run = await visibleRun(req.params.id, principalOf(res));
    const q = parseOr422(pageQuery, req.query);
    res.json(pageOf((await deps.store.messages.list(run.id)).map(messageView), q));
  });

  r.post('/runs/:id/messages', async (req, res) => {
    const p = principalOf(res);
    const run = await visibleRun(req.params.id, p);
    const body = parseOr422(messageBody, req.body ?? {});
    const saved = await deps.store.messages.add({
      runId: run.id, ags: run.ags, authorId: p.id, authorName: p.name, text: body.text,
      side: p.roles.includes('gemeinde') ? 'gemeinde' : 'ku',
    });
    // the mail to the other side: one workflow per message, so a second start (a retried request) sends nothing twice
    await temporal(() => deps.client.workflow.start('messageMail', {
      workflowId: `message-mail-${saved.id}`, taskQueue: deps.taskQueue, args: [saved.id],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }));
    res.status(201).json(messageView(saved));
  });

  return r;
}
