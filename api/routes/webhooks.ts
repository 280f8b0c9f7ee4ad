// Outbound webhook subscriptions, managed by admins. The secret is shown once, in the answer to the POST: after
// that it only signs deliveries (the delivery activity reads it from the store).
import { randomBytes, randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { WebhookSubscription } from '../../store/store';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { createWebhookBody, deliveriesQuery } from '../notification-schemas';
import { cursorNumber, numberCursor, pageFromRows, pageQuery } from '../paging';
import { may } from '../policy';
import { parseOr422, problem } from '../problem';

function view(s: WebhookSubscription) {
  return {
    id: s.id, url: s.url, events: s.eventTypes, createdBy: s.createdBy, createdAt: s.createdAt,
    ...(s.description ? { description: s.description } : {}),
  };
}

export function webhookRoutes(deps: ApiDeps): Router {
  const r = Router();

  r.use('/webhooks', (_req, res, next) => {
    if (!may(principalOf(res), 'webhook.manage')) return next(problem.forbidden('Nur die Administration verwaltet Webhooks.'));
    next();
  });

  r.get('/webhooks', async (req, res) => {
    const { items, nextCursor } = await deps.store.webhooks.list(parseOr422(pageQuery, req.query));
    res.json({ items: items.map(view), nextCursor });
  });

  r.post('/webhooks', async (req, res) => {
    const body = parseOr422(createWebhookBody, req.body ?? {});
    const secret = body.secret ?? randomBytes(32).toString('hex');
    const created = await deps.store.webhooks.create({
      id: `wh-${randomUUID()}`, url: body.url, eventTypes: body.events, secret, description: body.description,
      createdBy: principalOf(res).id,
    });
    res.status(201).location(`/api/v1/webhooks/${created.id}`).json({ ...view(created), secret });
  });

  r.delete('/webhooks/:id', async (req, res) => {
    if (!(await deps.store.webhooks.delete(req.params.id))) throw problem.notFound('Webhook nicht gefunden.');
    res.status(204).end();
  });

  r.get('/webhooks/:id/deliveries', async (req, res) => {
    const q = parseOr422(deliveriesQuery, req.query);
    if (!(await deps.store.webhooks.get(req.params.id))) throw problem.notFound('Webhook nicht gefunden.');
    const rows = await deps.store.webhooks.attempts(req.params.id, { limit: q.limit + 1, beforeId: cursorNumber(q.cursor) });
    const { items, nextCursor } = pageFromRows(rows, q.limit, (last) => numberCursor(last.id));
    res.json({
      items: items.map(({ id, eventId, eventType, attempt, statusCode, error, durationMs, at }) => ({
        id, eventId, type: eventType, attempt, statusCode: statusCode ?? null, error: error ?? null, durationMs, at,
      })),
      nextCursor,
    });
  });

  return r;
}
