// The conversation of a run between its Gemeinde and the project lead: GET lists it, POST adds a message. Both sides
// see every message; each new one is mailed to the other side by the worker (workflow `messageMail`, keyed by the
// message so a retry sends no second mail). Another Gemeinde's run answers 404 like every read.
import { z } from 'zod';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { logFailure } from '../failure-log';
import { pageOf, pageQuery } from '../paging';
import { seesGemeinde } from '../policy';
import { parseOr422, problem } from '../problem';
import { liveState } from '../run-reader';
import { tellRun } from '../run-notes';
import type { RunMessage } from '../../store/store';
import * as responses from '../openapi/responses';
import { runId } from '../openapi/params';
import { perDeps, route } from '../route';

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

/** What the handlers below share, built once per app. */
const messageShared = perDeps((deps: ApiDeps) => {
  /** The run's id and AGS if the principal sees it (a run just started may not be in the read model yet). */
  async function visibleRun(runId: string, p: ReturnType<typeof principalOf>): Promise<{ id: string; ags: string }> {
    const run = await deps.store.getRun(runId);
    const ags = run ? run.ags : (await liveState(deps.client, runId)).gemeinde.ags;
    if (!seesGemeinde(p, ags)) throw problem.notFound('Vorgang nicht gefunden.');
    return { id: runId, ags };
  }
  return { visibleRun };
});

export const MESSAGE_ROUTES = [
  route({
    key: 'GET /runs/{id}/messages', access: 'message.read',
    operationId: 'listMessages', tag: 'Vorgänge', summary: 'Nachrichten zwischen Gemeinde und Projektleitung',
    params: runId, query: pageQuery, success: { status: 200, description: 'eine Seite Nachrichten, älteste zuerst', schema: responses.pages.messages }, errors: [400, 404],
    handler: (deps) => {
      const { visibleRun } = messageShared(deps);
      return async (req, res) => {
        const run = await visibleRun(req.params.id, principalOf(res));
        const q = parseOr422(pageQuery, req.query);
        res.json(pageOf((await deps.store.messages.list(run.id)).map(messageView), q));
      };
    },
  }),
  route({
    key: 'POST /runs/{id}/messages', access: 'message.write',
    operationId: 'postMessage', tag: 'Vorgänge', summary: 'Nachricht an die andere Seite (Gemeinde oder Projektleitung)',
    description: 'Die andere Seite erhält die Nachricht per Mail: eine Nachricht der Gemeinde die Projektleitung des Vorgangs, eine des KU die Ansprechpersonen der Gemeinde.',
    params: runId, body: { schema: messageBody, required: true },
    success: { status: 201, description: 'die gespeicherte Nachricht', schema: responses.messageSchema }, errors: [404],
    handler: (deps) => {
      const { visibleRun } = messageShared(deps);
      return async (req, res) => {
        const p = principalOf(res);
        const run = await visibleRun(req.params.id, p);
        const body = parseOr422(messageBody, req.body ?? {});
        const saved = await deps.store.messages.add({
          runId: run.id, ags: run.ags, authorId: p.id, authorName: p.name, text: body.text,
          side: p.roles.includes('gemeinde') ? 'gemeinde' : 'ku',
        });
        // the mail to the other side: one workflow per message (REJECT_DUPLICATE). The message is saved whatever
        // happens here: a mail that cannot be started (Temporal unreachable) is logged, not answered as a failure that
        // a retry would turn into the same message twice.
        try {
          await deps.client.workflow.start('messageMail', {
            workflowId: `message-mail-${saved.id}`, taskQueue: deps.taskQueue, args: [saved.id],
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          });
        } catch (err) {
          logFailure(deps, 'message mail not started', err, { messageId: saved.id });
        }
        await tellRun(deps, run.id, { type: 'message.posted', actor: p.id, data: { messageId: saved.id, side: saved.side } });
        res.status(201).json(messageView(saved));
      };
    },
  }),
] as const;
