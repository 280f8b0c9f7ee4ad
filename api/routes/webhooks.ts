// Outbound webhook subscriptions, managed by admins. The secret is shown once, in the answer to the POST: after
// that it only signs deliveries (the delivery activity reads it from the store).
import { randomBytes, randomUUID } from 'node:crypto';
import type { WebhookSubscription } from '../../store/store';
import type { WebhookWaiting } from '../../store/notifications';
import { principalOf } from '../auth';
import { refusedHost } from '../../activities/webhook-target';
import { createWebhookBody, deliveriesQuery } from '../notification-schemas';
import { cursorNumber, numberCursor, pageFromRows, pageQuery } from '../paging';
import { may } from '../policy';
import { parseOr422, problem } from '../problem';
import * as responses from '../openapi/responses';
import { webhookId } from '../openapi/params';
import { route, type Handler } from '../route';

function view(s: WebhookSubscription, waiting?: WebhookWaiting) {
  return {
    id: s.id, url: s.url, events: s.eventTypes, createdBy: s.createdBy, createdAt: s.createdAt,
    ...(s.description ? { description: s.description } : {}),
    ...(waiting ? { waiting } : {}),
  };
}

/** Defence in depth beside the route check: every webhook route is administration only. */
const adminOnly: Handler = (_req, res, next) => {
  if (!may(principalOf(res), 'webhook.manage')) return next(problem.forbidden('Nur die Administration verwaltet Webhooks.'));
  next();
};

export const WEBHOOK_ROUTES = [
  route({
    key: 'GET /webhooks', access: 'webhook.manage',
    operationId: 'listWebhooks', tag: 'Integration', summary: 'Webhook-Abonnements',
    query: pageQuery, success: { status: 200, description: 'eine Seite Abonnements', schema: responses.pages.webhooks }, errors: [400],
    handler: (deps) => [adminOnly, async (req, res) => {
      const { items, nextCursor } = await deps.store.webhooks.list(parseOr422(pageQuery, req.query));
      const waiting = await deps.store.notifications.webhookWaiting(items.map((s) => s.id));
      res.json({ items: items.map((s) => view(s, waiting.get(s.id))), nextCursor });
    }],
  }),
  route({
    key: 'POST /webhooks', access: 'webhook.manage',
    operationId: 'createWebhook', tag: 'Integration', summary: 'Webhook abonnieren (das Geheimnis steht nur in dieser Antwort)',
    body: { schema: createWebhookBody, required: true },
    success: { status: 201, description: 'das Abonnement', schema: responses.createdWebhookSchema, location: true },
    handler: (deps) => [adminOnly, async (req, res) => {
      const body = parseOr422(createWebhookBody, req.body ?? {});
      const refused = refusedHost(body.url, deps.webhookAllowLoopback ?? false);
      if (refused) throw problem.invalid([{ path: 'url', message: `An diese Adresse werden keine Webhooks gesendet: ${refused}.` }]);
      const secret = body.secret ?? randomBytes(32).toString('hex');
      const created = await deps.store.webhooks.create({
        id: `wh-${randomUUID()}`, url: body.url, eventTypes: body.events, secret, description: body.description,
        createdBy: principalOf(res).id,
      });
      res.status(201).location(`/api/v1/webhooks/${created.id}`).json({ ...view(created), secret });
    }],
  }),
  route({
    key: 'DELETE /webhooks/{id}', access: 'webhook.manage',
    operationId: 'deleteWebhook', tag: 'Integration', summary: 'Webhook löschen',
    params: webhookId, success: { status: 204, description: 'gelöscht' }, errors: [404],
    handler: (deps) => [adminOnly, async (req, res) => {
      if (!(await deps.store.webhooks.delete(req.params.id))) throw problem.notFound('Webhook nicht gefunden.');
      res.status(204).end();
    }],
  }),
  route({
    key: 'GET /webhooks/{id}/deliveries', access: 'webhook.manage',
    operationId: 'listWebhookDeliveries', tag: 'Integration', summary: 'Zustellversuche eines Webhooks',
    params: webhookId, query: deliveriesQuery,
    success: { status: 200, description: 'eine Seite Zustellversuche', schema: responses.pages.deliveries }, errors: [400, 404],
    handler: (deps) => [adminOnly, async (req, res) => {
      const q = parseOr422(deliveriesQuery, req.query);
      if (!(await deps.store.webhooks.get(req.params.id))) throw problem.notFound('Webhook nicht gefunden.');
      const rows = await deps.store.webhooks.attempts(req.params.id, { limit: q.limit + 1, beforeId: cursorNumber(q.cursor) });
      const { items, nextCursor } = pageFromRows(rows, q.limit, (last) => numberCursor(last.id));
      // each event's run by name ("Kaufering – Gemeinde-Onboarding"): the event id is `<runId>:<seq>`
      const runIdOf = (eventId: string) => eventId.slice(0, eventId.lastIndexOf(':'));
      const runs = new Map((await deps.store.getRuns([...new Set(items.map((a) => runIdOf(a.eventId)))])).map((r) => [r.id, r]));
      res.json({
        items: items.map(({ id, eventId, eventType, attempt, statusCode, error, durationMs, at }) => {
          const run = runs.get(runIdOf(eventId));
          return {
            id, eventId, type: eventType, attempt, statusCode: statusCode ?? null, error: error ?? null, durationMs, at,
            ...(run ? { run: { id: run.id, name: `${run.gemeindeName} – ${run.title}` } } : {}),
          };
        }),
        nextCursor,
      });
    }],
  }),
] as const;
